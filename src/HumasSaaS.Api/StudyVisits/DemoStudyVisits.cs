using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.StudyVisits;

/// <summary>
/// Demo for study visits (seed article: Minahasa visits Minahasa Tenggara to learn its electronic vendor registration):
/// Minahasa Tenggara adds two checklist items and its legal basis, shares checklist, price table, office profile and
/// statistics with the platform; Minahasa has requested a visit. Idempotent: skipped once Minahasa Tenggara shares anything.
/// </summary>
public static class DemoStudyVisits
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var directory = services.GetRequiredService<TenantDirectory>();
        var db = services.GetRequiredService<Db>();
        if (await directory.FindBySlugAsync("minahasa-tenggara", ct) is not { } host || await directory.FindBySlugAsync("minahasa", ct) is not { } visitor) return;
        var system = new Actor(null, "Sistem (data demo)");

        await using (var tx = await db.BeginTenantAsync(host.Id, ct))
        {
            if ((await ConfigurationSharing.GetAsync(tx, ct)).Any(s => s.Scope != SharingScope.Private)) return;
            var configuration = await TenantConfiguration.LoadAsync(tx, ct);
            var state = configuration.State;
            AcceptedFormat[] pdf = [AcceptedFormat.Pdf];
            configuration.ReplaceAll(state with
            {
                DocumentChecklist =
                [
                    .. state.DocumentChecklist,
                    new DocumentRequirement("registrasi_vendor_elektronik", "Bukti registrasi vendor elektronik (e-katalog/LPSE)", Enum.GetValues<MediaType>(), true, true, 12, pdf, 5),
                    new DocumentRequirement("pakta_integritas", "Pakta integritas penyedia", Enum.GetValues<MediaType>(), true, true, 12, pdf, 5),
                ],
                OfficeProfile = state.OfficeProfile with
                {
                    LegalBasisNumber = "Perbup Minahasa Tenggara (contoh demo)",
                    LegalBasisTitle = "Pedoman kerja sama publikasi dengan media massa",
                },
            });
            await configuration.SaveAsync(tx, configuration.Version, system, "Registrasi vendor elektronik (data demo)", null, ct);
            foreach (var section in new[] { ConfigurationSection.DocumentChecklist, ConfigurationSection.PriceTable, ConfigurationSection.OfficeProfile, ConfigurationSharing.Statistics })
                await ConfigurationSharing.SetAsync(tx, section, SharingScope.Platform, system, ct);
            var start = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(21));
            await StudyVisit.RequestAsync(tx, host.OfficialName, new VisitRequestInput(
                visitor.OfficialName + " — " + visitor.OfficeUnitName, "Yohanes Kaunang", "admin@minahasa.demo.humassaas.id",
                [new DelegationMember("Yohanes Kaunang", "Kepala Bagian Humas dan Protokol"), new DelegationMember("Mitra wartawan Minahasa", "Jurnalis")],
                "Mempelajari pendaftaran vendor media secara elektronik dan pengelolaan kerja sama media.",
                ["Registrasi vendor elektronik", "Daftar dokumen persyaratan", "Tabel harga"], start, start.AddDays(1)),
                visitor.Id, visitor.OfficialName, new Actor(null, "Yohanes Kaunang (data demo)"), ct);
            await tx.CommitAsync(ct);
        }
    }
}
