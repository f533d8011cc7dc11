using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Cooperation;
using HumasSaaS.MediaPartners;

namespace HumasSaaS.Api.Cooperation;

/// <summary>Demo budgets (pagu per activity) for Minahasa Tenggara and Kotamobagu, set through their budget grains once.</summary>
public static class DemoCooperation
{
    private static readonly (string Slug, BudgetLineInput[] Lines)[] Budgets =
    [
        ("minahasa-tenggara",
        [
            new("2.16.03.1.01", "Pengelolaan media komunikasi publik: publikasi kegiatan pemerintah daerah", 450_000_000),
            new("2.16.03.1.02", "Advertorial dan iklan layanan masyarakat", 150_000_000),
        ]),
        ("kotamobagu",
        [
            new("2.16.02.1.03", "Penyebarluasan informasi pembangunan melalui media massa", 300_000_000),
        ]),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var directory = services.GetRequiredService<TenantDirectory>();
        var budgets = services.GetRequiredService<CooperationBudgets>();
        var year = IndonesiaDate.Today.Year;
        var system = new Actor(null, "Sistem (data demo)");
        foreach (var (slug, lines) in Budgets)
        {
            if (await directory.FindBySlugAsync(slug, ct) is not { } tenant) continue;
            var budget = budgets.Grain(tenant.Id, year);
            if ((await budget.Get(year)).Version > 0) continue;
            await budget.SetPagu(year, 0, lines, system);
        }
    }
}
