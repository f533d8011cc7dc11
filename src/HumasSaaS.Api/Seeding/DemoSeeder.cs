using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Seeding;

/// <summary>
/// The demo tenants from the seed articles, each with a demo admin (fictional names) and a platform operator.
/// Idempotent: existing tenants and users are left as they are.
/// </summary>
public sealed class DemoSeeder(TenantDirectory directory, TenantOnboarding onboarding, UserAccounts accounts, Db db,
    IConfiguration configuration, ILogger<DemoSeeder> logger, IServiceProvider services)
{
    public const string OperatorEmail = "operator@demo.humassaas.id";

    public static readonly IReadOnlyList<(string Slug, string Name, TenantKind Kind, string Province, string Unit, string Admin)> Tenants =
    [
        ("minahasa-tenggara", "Kabupaten Minahasa Tenggara", TenantKind.Kabupaten, "Sulawesi Utara", "Bagian Humas dan Protokol Setdakab Minahasa Tenggara", "Maria Rumondor"),
        ("minahasa", "Kabupaten Minahasa", TenantKind.Kabupaten, "Sulawesi Utara", "Bagian Humas dan Protokol Setdakab Minahasa", "Yohanes Kaunang"),
        ("bolaang-mongondow-selatan", "Kabupaten Bolaang Mongondow Selatan", TenantKind.Kabupaten, "Sulawesi Utara", "Bagian Humas dan Protokol Setdakab Bolaang Mongondow Selatan", "Rahmat Paputungan"),
        ("kotamobagu", "Kota Kotamobagu", TenantKind.Kota, "Sulawesi Utara", "Dinas Komunikasi dan Informatika Kota Kotamobagu", "Siti Mokoginta"),
        ("tomohon", "Kota Tomohon", TenantKind.Kota, "Sulawesi Utara", "Bagian Protokol dan Komunikasi Pimpinan Setda Kota Tomohon", "Grace Lumenta"),
        ("kubu-raya", "Kabupaten Kubu Raya", TenantKind.Kabupaten, "Kalimantan Barat", "Bagian Humas dan Protokol Setdakab Kubu Raya", "Dewi Handayani"),
        ("labuhanbatu-utara", "Kabupaten Labuhanbatu Utara", TenantKind.Kabupaten, "Sumatera Utara", "Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu Utara", "Rizky Siregar"),
        ("sulsel", "Provinsi Sulawesi Selatan", TenantKind.Provinsi, "Sulawesi Selatan", "Biro Humas dan Protokol Setda Provinsi Sulawesi Selatan", "Andi Nurhaliza"),
        ("jatim", "Provinsi Jawa Timur", TenantKind.Provinsi, "Jawa Timur", "Biro Humas dan Protokol Setda Provinsi Jawa Timur", "Bagus Prasetyo"),
    ];

    public static string AdminEmail(string slug) => $"admin@{slug}.demo.humassaas.id";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var password = configuration["Demo:Password"] ?? configuration["HUMAS_DEMO_PASSWORD"]
            ?? throw new InvalidOperationException("HUMAS_DEMO_PASSWORD is not set: the demo needs a password for its accounts.");
        await using (var connection = await db.OpenPlatformAsync(ct))
        {
            if (await accounts.FindByEmailAsync(connection, null, OperatorEmail, ct) is null)
                await accounts.CreateAsync(connection, null, OperatorEmail, "Operator Platform Demo", password, true, ct);
        }
        foreach (var t in Tenants)
        {
            if (await directory.FindBySlugAsync(t.Slug, ct) is { } existing)
            {
                await using var tx = await db.BeginTenantAsync(existing.Id, ct);
                await TenantConfiguration.EnsureCreatedAsync(tx, existing.OfficeUnitName, new Actor(null, "Sistem (data demo)"), ct);
                await tx.CommitAsync(ct);
                continue;
            }
            await onboarding.OnboardAsync(new OnboardTenantRequest(t.Slug, t.Name, t.Kind, t.Province, t.Unit,
                new TenantAdminSeed(AdminEmail(t.Slug), t.Admin, password)), null, ct);
            logger.LogInformation("Seeded demo tenant {Slug}", t.Slug);
        }
        // The study-visit demo adds mandatory checklist items to Minahasa Tenggara: it runs before the partners are
        // seeded, so the submitted demo partner holds every mandatory document and can be verified (README walkthrough).
        await StudyVisits.DemoStudyVisits.SeedAsync(services, ct);
        await MediaPartners.DemoMediaPartners.SeedAsync(services, password, ct);
        await Events.DemoEvents.SeedAsync(services, ct);
        await Cooperation.DemoCooperation.SeedAsync(services, ct);
    }
}
