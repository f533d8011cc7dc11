using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using HumasSaaS.Tests.Platform;
using static HumasSaaS.Tests.PersonalData.PersonalDataKit;

namespace HumasSaaS.Tests.PersonalData;

[Collection(PlatformCollection.Name)]
public sealed class RetentionTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Participant_contacts_are_erased_only_for_events_past_retention_and_names_stay()
    {
        var t = await TenantAsync(fixture, "retensi-acara");
        using var _ = t;
        var old = await EventWithContactsAsync(fixture, t, participants: 3, endedDaysAgo: 400);
        var recent = await EventWithContactsAsync(fixture, t, participants: 2, endedDaysAgo: 10);
        var boundary = await EventWithContactsAsync(fixture, t, participants: 1, endedDaysAgo: 365);

        var run = await RunRetentionAsync(t.Admin);
        Assert.Equal(3, run["participantContacts"]!.GetValue<int>());

        const string contacts = "SELECT count(*) FROM event_participants WHERE event_id = @id AND (phone IS NOT NULL OR email IS NOT NULL)";
        Assert.Equal(0L, await ScalarAsync<long>(fixture, t.Tenant.Id, contacts, new { id = old }));
        Assert.Equal(2L, await ScalarAsync<long>(fixture, t.Tenant.Id, contacts, new { id = recent }));
        Assert.Equal(1L, await ScalarAsync<long>(fixture, t.Tenant.Id, contacts, new { id = boundary }));   // 365 days ago is not yet past 365 days
        Assert.Equal(3L, await ScalarAsync<long>(fixture, t.Tenant.Id, "SELECT count(*) FROM event_participants WHERE event_id = @id AND name LIKE 'Peserta %'", new { id = old }));

        var again = await RunRetentionAsync(t.Admin);
        Assert.Equal(0, again["participantContacts"]!.GetValue<int>());

        var audit = JsonNode.Parse(await t.Admin.Http.GetStringAsync($"/api/v1/audit?entityType=personal_data&entityId={t.Tenant.Id}"))!.AsArray();
        var applied = Assert.Single(audit, a => a!["action"]!.GetValue<string>() == "retention_applied");
        Assert.Contains("\"participantContacts\":3", applied!["data"]!.GetValue<string>().Replace(" ", ""));
        var eventAudit = JsonNode.Parse(await t.Admin.Http.GetStringAsync($"/api/v1/audit?entityType=event&entityId={old}"))!.AsArray();
        Assert.Contains(eventAudit, a => a!["action"]!.GetValue<string>() == "participant_contacts_erased");
    }

    [Fact]
    public async Task Replaced_identity_documents_and_rejected_applications_are_deleted_with_their_blobs_and_nothing_else()
    {
        var t = await TenantAsync(fixture, "retensi-berkas");
        using var _ = t;

        // Partner 1: KTP uploaded twice (revision 1 replaced 800 days ago), press card once, company documents.
        using var vendor1 = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Retensi Satu");
        var p1 = MediaPartnerKit.Id(await MediaPartnerKit.ApplyAsync(vendor1));
        await MediaPartnerKit.UploadOkAsync(vendor1, "ktp_wartawan");
        await MediaPartnerKit.UploadOkAsync(vendor1, "ktp_wartawan", MediaPartnerKit.Png);
        await MediaPartnerKit.UploadOkAsync(vendor1, "kartu_pers");
        await MediaPartnerKit.UploadOkAsync(vendor1, "akta_pendirian");
        var docs1 = await DocumentsAsync(fixture, t.Tenant.Id, p1);
        var ktp1 = docs1.Single(d => d.ItemCode == "ktp_wartawan" && d.Revision == 1);
        var ktp2 = docs1.Single(d => d.ItemCode == "ktp_wartawan" && d.Revision == 2);
        await ExecuteAsync(fixture, t.Tenant.Id, "UPDATE media_partner_documents SET uploaded_at = now() - interval '800 days' WHERE id = @id", new { id = ktp2.Id });

        // Partner 2: submitted and rejected, decision 400 days ago.
        using var vendor2 = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Retensi Dua");
        var p2 = MediaPartnerKit.Id(await MediaPartnerKit.SubmittedPartnerAsync(vendor2));
        var staff = await MediaPartnerKit.GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{p2}");
        staff = await MediaPartnerKit.PostOkAsync(t.Verifier, $"/api/v1/media-partners/{p2}/start-review", new { version = MediaPartnerKit.Version(staff) });
        await MediaPartnerKit.PostOkAsync(t.Verifier, $"/api/v1/media-partners/{p2}/reject", new { version = MediaPartnerKit.Version(staff), note = "Tidak memenuhi syarat" });
        await ExecuteAsync(fixture, t.Tenant.Id,
            "UPDATE audit_events SET at = now() - interval '400 days' WHERE entity_type = 'media_partner' AND entity_id = @p2 AND action = 'rejected'", new { p2 });
        var docs2 = await DocumentsAsync(fixture, t.Tenant.Id, p2);
        Assert.NotEmpty(docs2);

        // A longer retention for rejected applications keeps them for now.
        await SetRetentionAsync(t.Admin, "rejected_applications", 500);
        var first = await RunRetentionAsync(t.Admin);
        Assert.Equal(1, first["identityDocuments"]!.GetValue<int>());
        Assert.Equal(0, first["rejectedApplicationDocuments"]!.GetValue<int>());

        var left1 = await DocumentsAsync(fixture, t.Tenant.Id, p1);
        Assert.DoesNotContain(left1, d => d.Id == ktp1.Id);
        Assert.Equal(docs1.Count - 1, left1.Count);
        Assert.False(await BlobExistsAsync(fixture, t.Tenant.Id, ktp1.BlobName));
        foreach (var kept in left1) Assert.True(await BlobExistsAsync(fixture, t.Tenant.Id, kept.BlobName), kept.ItemCode);
        foreach (var kept in docs2) Assert.True(await BlobExistsAsync(fixture, t.Tenant.Id, kept.BlobName), kept.ItemCode);

        await SetRetentionAsync(t.Admin, "rejected_applications", 365);
        var second = await RunRetentionAsync(t.Admin);
        Assert.Equal(0, second["identityDocuments"]!.GetValue<int>());
        Assert.Equal(docs2.Count, second["rejectedApplicationDocuments"]!.GetValue<int>());
        Assert.Empty(await DocumentsAsync(fixture, t.Tenant.Id, p2));
        foreach (var gone in docs2) Assert.False(await BlobExistsAsync(fixture, t.Tenant.Id, gone.BlobName), gone.ItemCode);
        Assert.Equal(left1.Count, (await DocumentsAsync(fixture, t.Tenant.Id, p1)).Count);

        // The rejected partner itself and its decision stay; staff still see it, and the erasure is in its audit trail.
        var after = await MediaPartnerKit.GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{p2}");
        Assert.Equal("rejected", MediaPartnerKit.Status(after));
        var audit = await MediaPartnerKit.GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{p2}/audit");
        Assert.Contains(audit.AsArray(), a => a!["action"]!.GetValue<string>() == "application_documents_erased");
    }

    [Fact]
    public async Task Retention_settings_show_defaults_with_legal_basis_and_reject_bad_values_as_problems()
    {
        var t = await TenantAsync(fixture, "retensi-atur");
        using var _ = t;
        var list = JsonNode.Parse(await t.Admin.Http.GetStringAsync("/api/v1/personal-data/retention"))!.AsArray();
        Assert.Equal(["participant_contacts", "journalist_identity", "rejected_applications"], list.Select(s => s!["kind"]!.GetValue<string>()));
        Assert.All(list, s => Assert.Contains("UU 27/2022", s!["legalBasis"]!.GetValue<string>()));
        Assert.All(list, s => Assert.True(s!["isDefault"]!.GetValue<bool>()));

        await ProblemAssert.IsProblemAsync(await t.Admin.Http.PutAsJsonAsync("/api/v1/personal-data/retention/participant_contacts", new { retentionDays = 5 }),
            HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await t.Admin.Http.PutAsJsonAsync("/api/v1/personal-data/retention/nik", new { retentionDays = 100 }),
            HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await t.Verifier.Http.GetAsync("/api/v1/personal-data/retention"), HttpStatusCode.Forbidden);

        await SetRetentionAsync(t.Admin, "participant_contacts", 90);
        var changed = JsonNode.Parse(await t.Admin.Http.GetStringAsync("/api/v1/personal-data/retention"))!.AsArray()
            .Single(s => s!["kind"]!.GetValue<string>() == "participant_contacts")!;
        Assert.Equal(90, changed["retentionDays"]!.GetValue<int>());
        Assert.False(changed["isDefault"]!.GetValue<bool>());
    }
}
