using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol;

public sealed class ProfileForm
{
    public string DisplayName { get; set; } = "";
    public string OfficeUnitName { get; set; } = "";
    public string? HeadOfOffice { get; set; }
    public string? Address { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? LegalBasis { get; set; }
}

public sealed class KonsolIndexModel(TenantContext tenant, Db db) : PageModel
{
    public TenantContext Tenant => tenant;
    [BindProperty] public ProfileForm Form { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();
    public bool CanEdit => tenant.Has(TenantRole.TenantAdmin);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var links = new List<string>();
        try
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var profile = await TenantProfile.LoadAsync(tx, ct);
            links.AddRange(profile.State.Links);
            profile.Change(new TenantProfileChange(Form.DisplayName, Form.OfficeUnitName, Form.HeadOfOffice, Form.Address, Form.Email,
                Form.Phone, Form.Website, Form.LegalBasis, links));
            await profile.SaveAsync(tx, Version, tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
            Message = "Profil tersimpan.";
            await LoadAsync(ct);
        }
        catch (RequestValidationException e)
        {
            Error = "Periksa kembali isian profil.";
            FieldErrors = e.Errors;
            Response.StatusCode = 400;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Profil sudah diubah orang lain sejak Anda membukanya. Data terbaru dimuat; ulangi perubahan Anda.";
            Response.StatusCode = 409;
            await LoadAsync(ct);
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        var profile = await TenantProfile.LoadAsync(tx, ct);
        var s = profile.State;
        Version = profile.Version;
        Form = new ProfileForm
        {
            DisplayName = s.DisplayName, OfficeUnitName = s.OfficeUnitName, HeadOfOffice = s.HeadOfOffice, Address = s.Address,
            Email = s.Email, Phone = s.Phone, Website = s.Website, LegalBasis = s.LegalBasis,
        };
        ModelState.Clear();
    }
}
