using HumasSaaS.Events;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Events;

/// <summary>
/// Demo events (fictional people), dated from the day the demo is seeded: Kubu Raya's two-day rakor kehumasan dan
/// keprotokolan from today (so check-in works at once) with 75 participants from OPDs, kecamatan and women's
/// organisations and a few VIPs, and Labuhanbatu Utara's Bakohumas meeting in two weeks. Idempotent.
/// </summary>
public static class DemoEvents
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var directory = services.GetRequiredService<TenantDirectory>();
        var db = services.GetRequiredService<Db>();
        var events = services.GetRequiredService<EventService>();
        var today = events.Today();
        var system = new Actor(null, "Sistem (data demo)");

        if (await directory.FindBySlugAsync("kubu-raya", ct) is { } kubuRaya)
        {
            if (await NoEventsAsync(db, kubuRaya.Id, ct))
            {
                EventTemplate? template;
                await using (var tx = await db.BeginTenantAsync(kubuRaya.Id, ct))
                    template = (await TenantConfiguration.LoadAsync(tx, ct)).State.EventTemplates.FirstOrDefault(t => t.Code == "rakor");
                var grain = events.Grain(kubuRaya.Id, GrainKeys.DerivedId("demo-event", kubuRaya.Id, Guid.Empty));
                var e = await grain.Create(new EventDetails(EventType.Rakor, "Rapat Koordinasi Kehumasan dan Keprotokolan se-Kabupaten Kubu Raya",
                    [today, today.AddDays(1)], "Penyamaan langkah kehumasan dan keprotokolan OPD, kecamatan dan organisasi perempuan.",
                    kubuRaya.OfficeUnitName, "Aula Kantor Bupati Kubu Raya, Sungai Raya", null, 100), template is null ? [] : Event.RundownFromTemplate(template), system, "demo");
                if (e.State.Status == EventStatus.Draft) await grain.ChangeStatus(e.Version, EventStatusChange.Publish, null, system);
                var people = new List<ParticipantInput>
                {
                    new("H. Ahmad Wahyudi", ParticipantCategory.Opd, "Pemerintah Kabupaten Kubu Raya", "Wakil Bupati"),
                    new("Dr. Yusran Anizam", ParticipantCategory.Opd, "Sekretariat Daerah", "Sekretaris Daerah"),
                    new("AKBP Hendra Wijaya", ParticipantCategory.VerticalAgency, "Polres Kubu Raya", "Kapolres"),
                    new("Drs. Marlina Sari", ParticipantCategory.Opd, "Sekretariat Daerah", "Asisten Pemerintahan"),
                    new("Ny. Rosita Dewi", ParticipantCategory.Organisation, "TP PKK Kabupaten Kubu Raya", "Ketua"),
                };
                string[] units = ["Dinas Kominfo", "Dinas Pendidikan", "Dinas Kesehatan", "Bappeda", "BPBD", "Dinas Sosial", "Dinas PUPR", "Satpol PP"];
                string[] kecamatan = ["Sungai Raya", "Sungai Ambawang", "Rasau Jaya", "Sungai Kakap", "Kubu", "Teluk Pakedai", "Terentang", "Batu Ampar", "Kuala Mandor B"];
                for (var i = 0; people.Count < 75; i++)
                {
                    people.Add((i % 3) switch
                    {
                        0 => new ParticipantInput($"Pengelola Humas {units[i % units.Length]} {i / 3 + 1}", ParticipantCategory.Opd, units[i % units.Length], "Pranata Humas"),
                        1 => new ParticipantInput($"Kasi Pemerintahan Kec. {kecamatan[i % kecamatan.Length]} {i / 3 + 1}", ParticipantCategory.Kecamatan, "Kecamatan " + kecamatan[i % kecamatan.Length], "Kepala Seksi"),
                        _ => new ParticipantInput($"Pengurus GOW {i / 3 + 1}", ParticipantCategory.Organisation, "Gabungan Organisasi Wanita Kubu Raya", "Anggota"),
                    });
                }
                var created = await grain.AddParticipants(people, ParticipantSource.Invitation, allOrNothing: true, today, system);
                (int Index, string Code, string? Represents)[] vips = [(0, "wakil_bupati_walikota", null), (1, "sekda", null), (2, "kapolres", null), (3, "asisten_sekda", "Bupati Kubu Raya")];
                foreach (var (index, code, represents) in vips)
                    await grain.SetProtocol(created[index].Created!.Id, new SetProtocolRequest(true, code, represents), system);
            }
        }

        if (await directory.FindBySlugAsync("labuhanbatu-utara", ct) is { } labura)
        {
            if (await NoEventsAsync(db, labura.Id, ct))
            {
                var grain = events.Grain(labura.Id, GrainKeys.DerivedId("demo-event", labura.Id, Guid.Empty));
                var e = await grain.Create(new EventDetails(EventType.Bakohumas, "Temu Konsultasi Bakohumas Kabupaten Labuhanbatu Utara",
                    [today.AddDays(14)], "Bagi petugas OPD, kecamatan dan desa serta admin web.", labura.OfficeUnitName, "Aula Kantor Bupati, Aek Kanopan",
                    "https://meet.example.id/bakohumas-labura", 150, InvitedCategories: [ParticipantCategory.Opd, ParticipantCategory.Kecamatan, ParticipantCategory.DesaKelurahan]),
                    [], system, "demo");
                if (e.State.Status == EventStatus.Draft) await grain.ChangeStatus(e.Version, EventStatusChange.Publish, null, system);
            }
        }
    }

    private static async Task<bool> NoEventsAsync(Db db, Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return await tx.ExecuteScalarAsync<long>("SELECT count(*) FROM events", ct: ct) == 0;
    }
}
