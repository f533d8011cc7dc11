using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding;

/// <summary>The own configuration (document checklist) and its history with provenance of adopted items.</summary>
public sealed class KonfigurasiModel(TenantContext tenant, Db db) : PageModel
{
    public TenantConfiguration? Configuration { get; private set; }
    public IReadOnlyList<ConfigurationVersionInfo> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        Configuration = await TenantConfiguration.LoadAsync(tx, ct);
        History = await TenantConfiguration.HistoryAsync(tx, ct);
    }
}
