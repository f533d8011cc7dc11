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
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? From { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? To { get; set; }
    public ConfigurationDiffResult? Diff { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        Configuration = await TenantConfiguration.LoadAsync(tx, ct);
        History = await TenantConfiguration.HistoryAsync(tx, ct);
        if (From is { } from && To is { } to
            && await TenantConfiguration.VersionAsync(tx, from, ct) is { } a && await TenantConfiguration.VersionAsync(tx, to, ct) is { } b)
            Diff = ConfigurationDiff.Compare(a, b);
    }

    public static string KindLabel(DiffKind kind) => Words.Of(kind);
}
