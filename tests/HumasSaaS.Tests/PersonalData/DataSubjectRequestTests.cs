using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using HumasSaaS.Tests.Platform;
using static HumasSaaS.Tests.PersonalData.PersonalDataKit;

namespace HumasSaaS.Tests.PersonalData;

[Collection(PlatformCollection.Name)]
public sealed class DataSubjectRequestTests(PlatformFixture fixture)
{
    private static async Task<JsonNode> RecordAsync(TestClient admin, string kind, string subjectType, Guid subjectId)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/v1/personal-data/requests",
            new { kind, subjectType, subjectId, requesterName = "Pemohon Uji", note = "Diterima lewat surat" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    private static Task<HttpResponseMessage> DecideAsync(TestClient admin, Guid id, string outcome, string legalOutcome) =>
        admin.Http.PostAsJsonAsync($"/api/v1/personal-data/requests/{id}/decision", new { outcome, legalOutcome });

    [Fact]
    public async Task A_participant_gets_a_copy_of_their_data_and_then_their_erasure_request_anonymises_only_them()
    {
        var t = await TenantAsync(fixture, "subjek-peserta");
        using var _ = t;
        var eventId = await EventWithContactsAsync(fixture, t, participants: 2, endedDaysAgo: 1);
        var participants = await EventApi.ParticipantsAsync(t.Admin, eventId);
        var (subject, _, subjectName) = participants[0];

        var export = await RecordAsync(t.Admin, "export", "participant", subject);
        var exportId = export["id"]!.GetValue<Guid>();
        var copy = JsonNode.Parse(await t.Admin.Http.GetStringAsync($"/api/v1/personal-data/requests/{exportId}/export"))!;
        Assert.Equal(subjectName, copy["data"]!["name"]!.GetValue<string>());
        Assert.EndsWith("@contoh.id", copy["data"]!["email"]!.GetValue<string>());
        Assert.Equal(eventId, copy["data"]!["eventId"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(t.Admin, exportId, "completed", "Salinan diserahkan kepada pemohon (UU 27/2022 Pasal 7).")).StatusCode);

        var erasure = await RecordAsync(t.Admin, "erasure", "participant", subject);
        var erasureId = erasure["id"]!.GetValue<Guid>();
        Assert.Equal("received", erasure["status"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await DecideAsync(t.Admin, erasureId, "completed", "pendek"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await t.Admin.Http.GetAsync($"/api/v1/personal-data/requests/{erasureId}/export"), HttpStatusCode.Conflict);

        var decided = JsonNode.Parse(await (await DecideAsync(t.Admin, erasureId, "completed", "Dihapus atas permintaan subjek data (UU 27/2022 Pasal 8).")).Content.ReadAsStringAsync())!;
        Assert.Equal("completed", decided["status"]!.GetValue<string>());
        Assert.Contains("Pasal 8", decided["legalOutcome"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await DecideAsync(t.Admin, erasureId, "refused", "Sudah diputuskan sebelumnya."), HttpStatusCode.Conflict);

        var after = await EventApi.ParticipantsAsync(t.Admin, eventId);
        Assert.Equal("Data dihapus", after.Single(p => p.Id == subject).Name);
        Assert.Equal(participants[1].Name, after.Single(p => p.Id == participants[1].Id).Name);
        Assert.Equal(1L, await ScalarAsync<long>(fixture, t.Tenant.Id,
            "SELECT count(*) FROM event_participants WHERE event_id = @eventId AND email IS NOT NULL", new { eventId }));

        var audit = JsonNode.Parse(await t.Admin.Http.GetStringAsync($"/api/v1/audit?entityType=personal_data_request&entityId={erasureId}"))!.AsArray()
            .Select(a => a!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["request_completed", "request_received"], audit);
        var exportAudit = JsonNode.Parse(await t.Admin.Http.GetStringAsync($"/api/v1/audit?entityType=personal_data_request&entityId={exportId}"))!.AsArray();
        Assert.Contains(exportAudit, a => a!["action"]!.GetValue<string>() == "personal_data_exported");
    }

    [Fact]
    public async Task A_journalist_erasure_deletes_the_identity_documents_and_blobs_and_a_refusal_keeps_them()
    {
        var t = await TenantAsync(fixture, "subjek-wartawan");
        using var _ = t;
        using var vendor = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Wartawan Uji");
        var partner = MediaPartnerKit.Id(await MediaPartnerKit.ApplyAsync(vendor));
        await MediaPartnerKit.UploadOkAsync(vendor, "ktp_wartawan");
        await MediaPartnerKit.UploadOkAsync(vendor, "ktp_wartawan");
        await MediaPartnerKit.UploadOkAsync(vendor, "kartu_pers", MediaPartnerKit.Png);
        await MediaPartnerKit.UploadOkAsync(vendor, "akta_pendirian");
        var before = await DocumentsAsync(fixture, t.Tenant.Id, partner);

        var refused = (await RecordAsync(t.Admin, "erasure", "journalist", partner))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(t.Admin, refused, "refused",
            "Ditolak: dokumen masih diperlukan untuk kerja sama yang berjalan (UU 27/2022 Pasal 16 ayat (2)).")).StatusCode);
        Assert.Equal(before.Count, (await DocumentsAsync(fixture, t.Tenant.Id, partner)).Count);

        var erasure = (await RecordAsync(t.Admin, "erasure", "journalist", partner))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(t.Admin, erasure, "completed", "Dihapus atas permintaan wartawan (UU 27/2022 Pasal 8).")).StatusCode);
        var after = await DocumentsAsync(fixture, t.Tenant.Id, partner);
        Assert.Equal(["akta_pendirian"], after.Select(d => d.ItemCode));
        foreach (var gone in before.Where(d => d.ItemCode != "akta_pendirian"))
            Assert.False(await BlobExistsAsync(fixture, t.Tenant.Id, gone.BlobName), $"{gone.ItemCode} r{gone.Revision}");
        Assert.True(await BlobExistsAsync(fixture, t.Tenant.Id, after.Single().BlobName));

        var list = JsonNode.Parse(await t.Admin.Http.GetStringAsync("/api/v1/personal-data/requests"))!.AsArray();
        Assert.Equal(["completed", "refused"], list.Select(r => r!["status"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task A_request_for_a_subject_of_another_tenant_is_not_found()
    {
        var t = await TenantAsync(fixture, "subjek-lain");
        using var _ = t;
        var other = await TenantAsync(fixture, "subjek-asing");
        using var __ = other;
        var foreignEvent = await EventWithContactsAsync(fixture, other, participants: 1, endedDaysAgo: 1);
        var foreignParticipant = (await EventApi.ParticipantsAsync(other.Admin, foreignEvent))[0].Id;
        var response = await t.Admin.Http.PostAsJsonAsync("/api/v1/personal-data/requests",
            new { kind = "export", subjectType = "participant", subjectId = foreignParticipant, requesterName = "Orang Lain", note = (string?)null });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
