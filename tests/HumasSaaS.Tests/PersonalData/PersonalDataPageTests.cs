using System.Net;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.PersonalData.PersonalDataKit;

namespace HumasSaaS.Tests.PersonalData;

[Collection(PlatformCollection.Name)]
public sealed partial class PersonalDataPageTests(PlatformFixture fixture)
{
    private static async Task<HttpResponseMessage> PostFormAsync(TestClient client, string handler, Dictionary<string, string> fields)
    {
        var page = await client.Http.GetStringAsync("/konsol/data-pribadi");
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.Http.PostAsync($"/konsol/data-pribadi?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Admins_set_retention_and_handle_an_erasure_request_on_the_page_in_indonesian_and_others_are_refused()
    {
        var t = await TenantAsync(fixture, "hal-data");
        using var _ = t;
        var page = await t.Admin.Http.GetStringAsync("/konsol/data-pribadi");
        Assert.Contains("Kontak peserta acara", page);
        Assert.Contains("UU 27/2022", page);
        Assert.DoesNotContain("participant_contacts<", page);

        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(t.Tenant, TenantRole.Viewer), t.Tenant.Slug);
        using var refused = await viewer.Http.GetAsync("/konsol/data-pribadi");
        Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        Assert.Contains("/galat/403", refused.Headers.Location!.ToString());

        var bad = await PostFormAsync(t.Admin, "Retensi", new() { ["Kind"] = "participant_contacts", ["RetentionDays"] = "3" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Masa retensi (hari)", await bad.Content.ReadAsStringAsync());
        var ok = await PostFormAsync(t.Admin, "Retensi", new() { ["Kind"] = "participant_contacts", ["RetentionDays"] = "120" });
        Assert.Contains("kini 120 hari", await ok.Content.ReadAsStringAsync());

        var eventId = await EventWithContactsAsync(fixture, t, participants: 1, endedDaysAgo: 2);
        var participant = (await EventApi.ParticipantsAsync(t.Admin, eventId))[0].Id;
        var recorded = await PostFormAsync(t.Admin, "Catat", new()
        {
            ["RequestKind"] = "Erasure", ["SubjectType"] = "Participant", ["SubjectId"] = participant.ToString(), ["RequesterName"] = "Ibu Pemohon",
        });
        Assert.Contains("Permintaan dicatat", await recorded.Content.ReadAsStringAsync());
        var requestId = await ScalarAsync<Guid>(fixture, t.Tenant.Id, "SELECT id FROM personal_data_requests WHERE subject_id = @participant", new { participant });
        var decided = await PostFormAsync(t.Admin, "Putuskan", new()
        {
            ["RequestId"] = requestId.ToString(), ["Outcome"] = "Completed", ["LegalOutcome"] = "Dihapus atas permintaan subjek data (UU 27/2022 Pasal 8).",
        });
        var body = await decided.Content.ReadAsStringAsync();
        Assert.Contains("diputuskan: Selesai", body);
        Assert.Equal("Data dihapus", (await EventApi.ParticipantsAsync(t.Admin, eventId))[0].Name);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
