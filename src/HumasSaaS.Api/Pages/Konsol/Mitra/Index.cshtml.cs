using HumasSaaS.MediaPartners;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Mitra;

/// <summary>Staff console: the queue by status, verified partners with grade and type, expiring documents.</summary>
public sealed class MitraIndexModel(TenantContext tenant, Db db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<PartnerSummary> Partners { get; private set; } = [];
    public IReadOnlyList<PartnerSummary> Verified { get; private set; } = [];
    public IReadOnlyList<ExpiringDocumentView> Expiring { get; private set; } = [];
    public IReadOnlyDictionary<PartnerStatus, int> Counts { get; private set; } = new Dictionary<PartnerStatus, int>();
    private IReadOnlyDictionary<string, string> itemLabels = new Dictionary<string, string>();

    public string ItemLabel(string code) => itemLabels.GetValueOrDefault(code) ?? code;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.Verifier) && !tenant.Has(TenantRole.Viewer)) return Forbid();
        if (Status is not null && !Enum.GetValues<PartnerStatus>().Any(s => EntityJson.EnumText(s) == Status)) Status = null;
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        var all = await MediaPartnerEndpoints.ListAsync(tx, null, null, ct);
        Counts = all.GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count());
        Partners = Status is null ? all : all.Where(p => EntityJson.EnumText(p.Status) == Status).ToList();
        Verified = all.Where(p => p.Status == PartnerStatus.Verified).OrderBy(p => p.Grade).ThenBy(p => p.MediaName).ToList();
        Expiring = await MediaPartnerEndpoints.ExpiringAsync(tx, ct);
        itemLabels = (await HumasSaaS.Api.Configuration.TenantConfiguration.LoadAsync(tx, ct)).State.DocumentChecklist.ToDictionary(i => i.Code, i => i.Label);
        return Page();
    }
}
