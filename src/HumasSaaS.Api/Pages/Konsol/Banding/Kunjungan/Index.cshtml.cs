using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding.Kunjungan;

public sealed class KunjunganIndexModel(TenantContext tenant, Db db) : PageModel
{
    public Guid TenantId => tenant.TenantId;
    public IReadOnlyList<StudyVisit> Visits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        Visits = await StudyVisit.ListAsync(tx, null, ct);
    }
}
