using HumasSaaS.Api.Pages.Kunjungan;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding.Kunjungan;

/// <summary>A signed-in member asks another tenant for a visit; the record then links both tenants.</summary>
public sealed class AjukanKeluarModel(TenantContext tenant, TenantDirectory directory, Db db) : PageModel
{
    [BindProperty] public VisitRequestForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? HostTenant { get; set; }
    public IReadOnlyList<Tenant> Hosts { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.ProtocolOfficer)) return Forbid();
        Form = new VisitRequestForm { Institution = tenant.RequiredTenant.OfficialName + " — " + tenant.RequiredTenant.OfficeUnitName }.Padded();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.ProtocolOfficer)) return Forbid();
        try
        {
            var host = await directory.FindBySlugAsync(HostTenant ?? "", ct);
            if (host is not { Status: TenantStatus.Active } || host.Id == tenant.TenantId)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["hostTenant"] = ["Pilih instansi tujuan."] });
            await using var tx = await db.BeginTenantAsync(host.Id, ct);
            var visit = await StudyVisit.RequestAsync(tx, host.OfficialName, Form.ToInput(), tenant.TenantId, tenant.RequiredTenant.OfficialName,
                tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
            return Redirect(Url.Content($"~/konsol/banding/kunjungan/{visit.Id}"));
        }
        catch (RequestValidationException e)
        {
            Errors = e.Errors;
            Response.StatusCode = 400;
            Form.Padded();
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Hosts = (await directory.ListAsync(ct)).Where(t => t.Status == TenantStatus.Active && t.Id != tenant.TenantId).ToList();
}
