using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding;

/// <summary>Sharing per section and share links (tenant admins change them; other members see them).</summary>
public sealed class BerbagiModel(TenantContext tenant, Db db) : PageModel
{
    public IReadOnlyList<SectionSharing> Sections { get; private set; } = [];
    public IReadOnlyList<ShareLinkInfo> Links { get; private set; } = [];
    public CreatedShareLink? NewLink { get; private set; }
    public string? Message { get; private set; }
    public bool CanEdit => tenant.Has(TenantRole.TenantAdmin);

    [BindProperty] public Dictionary<string, string> Scopes { get; set; } = [];
    [BindProperty] public string? LinkLabel { get; set; }
    [BindProperty] public int LinkDays { get; set; } = 14;
    [BindProperty] public Guid LinkId { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostSharingAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await using (var tx = await db.BeginTenantAsync(tenant.TenantId, ct))
        {
            var current = (await ConfigurationSharing.GetAsync(tx, ct)).ToDictionary(s => s.Section, s => s.Scope);
            foreach (var (section, text) in Scopes)
            {
                var scope = ConfigurationSharing.ParseScope(text);
                if (current.TryGetValue(section, out var was) && was != scope) await ConfigurationSharing.SetAsync(tx, section, scope, tenant.RequiredActor, ct);
            }
            await tx.CommitAsync(ct);
        }
        Message = "Pengaturan berbagi tersimpan.";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateLinkAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        try
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            NewLink = await ConfigurationSharing.CreateLinkAsync(tx, LinkLabel ?? "", LinkDays, tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
        }
        catch (RequestValidationException e)
        {
            Message = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            Response.StatusCode = 400;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await using (var tx = await db.BeginTenantAsync(tenant.TenantId, ct))
        {
            await ConfigurationSharing.RevokeLinkAsync(tx, LinkId, tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
        }
        Message = "Tautan dicabut.";
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        Sections = await ConfigurationSharing.GetAsync(tx, ct);
        Links = await ConfigurationSharing.ListLinksAsync(tx, ct);
        ModelState.Clear();
    }
}
