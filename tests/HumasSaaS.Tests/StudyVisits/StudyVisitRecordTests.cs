using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.StudyVisits;

[Collection(PlatformCollection.Name)]
public sealed class StudyVisitRecordTests(PlatformFixture fixture)
{
    private static object Request(string institution, int inDays = 10) => new
    {
        institution,
        contactName = "Ibu Narahubung",
        contactEmail = "humas@contoh.go.id",
        members = new[] { new { name = "Drs. Kepala Bagian", position = "Kepala Bagian Prokopim" }, new { name = "Wartawan Mitra", position = "Jurnalis" } },
        purpose = "Mempelajari pendaftaran vendor media secara elektronik.",
        topics = new[] { "Daftar dokumen", "Tabel harga" },
        proposedStart = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(inDays)).ToString("yyyy-MM-dd"),
        proposedEnd = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(inDays + 1)).ToString("yyyy-MM-dd"),
    };

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task A_visit_between_two_tenants_is_visible_to_both_and_to_no_third_and_only_the_host_changes_it()
    {
        var host = await fixture.CreateTenantAsync("tuan-rumah");
        var visitor = await fixture.CreateTenantAsync("pengunjung");
        var third = await fixture.CreateTenantAsync("ketiga");
        using var hostAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        using var visitorAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(visitor.Slug), visitor.Slug);
        using var thirdAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(third.Slug), third.Slug);

        var created = await ReadAsync(await visitorAdmin.Http.PostAsJsonAsync("/api/v1/study-visits/outgoing",
            new { hostTenant = host.Slug, request = Request(visitor.OfficialName) }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var asHost = await ReadAsync(await hostAdmin.Http.GetAsync($"/api/v1/study-visits/{id}"), HttpStatusCode.OK);
        Assert.Equal("incoming", asHost["direction"]!.GetValue<string>());
        Assert.Equal(visitor.OfficialName, asHost["visit"]!["visitorTenantName"]!.GetValue<string>());
        Assert.Equal(2, asHost["visit"]!["request"]!["members"]!.AsArray().Count);
        var asVisitor = await ReadAsync(await visitorAdmin.Http.GetAsync($"/api/v1/study-visits/{id}"), HttpStatusCode.OK);
        Assert.Equal("outgoing", asVisitor["direction"]!.GetValue<string>());
        Assert.Contains((await ReadAsync(await visitorAdmin.Http.GetAsync("/api/v1/study-visits"), HttpStatusCode.OK)).AsArray(),
            v => v!["id"]!.GetValue<string>() == id);

        Assert.Equal(HttpStatusCode.NotFound, (await thirdAdmin.Http.GetAsync($"/api/v1/study-visits/{id}")).StatusCode);
        Assert.DoesNotContain((await ReadAsync(await thirdAdmin.Http.GetAsync("/api/v1/study-visits"), HttpStatusCode.OK)).AsArray(),
            v => v!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await thirdAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/decline", new { version = 1, reason = "Bukan urusan kami" })).StatusCode);

        // The visiting tenant reads but cannot decide.
        Assert.Equal(HttpStatusCode.Forbidden, (await visitorAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/accept",
            new { version = 1, scheduledStart = "2030-01-10", scheduledEnd = "2030-01-11" })).StatusCode);

        var accepted = await ReadAsync(await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/accept",
            new { version = 1, scheduledStart = "2030-01-10", scheduledEnd = "2030-01-11", note = "Diterima di ruang rapat Bupati" }), HttpStatusCode.OK);
        Assert.Equal("accepted", accepted["visit"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/accept",
            new { version = 1, scheduledStart = "2030-01-10", scheduledEnd = "2030-01-11" })).StatusCode);
        var done = await ReadAsync(await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/outcome",
            new { version = 2, takeaways = "Delegasi mempelajari e-registrasi vendor.", topics = new[] { "Daftar dokumen" }, followUps = "Kirim salinan Perbup" }), HttpStatusCode.OK);
        Assert.Equal("completed", done["visit"]!["status"]!.GetValue<string>());

        var seenByVisitor = await ReadAsync(await visitorAdmin.Http.GetAsync($"/api/v1/study-visits/{id}"), HttpStatusCode.OK);
        Assert.Equal("2030-01-10", seenByVisitor["visit"]!["scheduledStart"]!.GetValue<string>());
        Assert.Equal("Kirim salinan Perbup", seenByVisitor["visit"]!["outcome"]!["followUps"]!.GetValue<string>());
        // Accepting scheduled it as an event of type study visit in the host, with the delegation invited.
        var eventId = Guid.Parse(accepted["visit"]!["eventId"]!.GetValue<string>());
        var hostEvent = JsonNode.Parse(await hostAdmin.Http.GetStringAsync($"/api/v1/events/{eventId}"))!;
        Assert.Equal("study_visit", hostEvent["event"]!["type"]!.GetValue<string>());
        Assert.Equal(["2030-01-10", "2030-01-11"], hostEvent["event"]!["days"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(2, hostEvent["participantCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await visitorAdmin.Http.GetAsync($"/api/v1/events/{eventId}")).StatusCode);
        await using var tx = await fixture.Db.BeginTenantAsync(host.Id);
        Assert.Equal("2030-01-10", await tx.ExecuteScalarAsync<string>(
            "SELECT scheduled_start::text FROM study_visits WHERE id = @id AND event_id = @eventId", new { id = Guid.Parse(id), eventId }));
    }

    [Fact]
    public async Task Accepting_again_after_the_visit_was_not_saved_reuses_the_event_already_made()
    {
        var host = await fixture.CreateTenantAsync("tuan-ulang");
        var visitor = await fixture.CreateTenantAsync("tamu-ulang");
        using var hostAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        using var visitorAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(visitor.Slug), visitor.Slug);
        var id = Guid.Parse((await ReadAsync(await visitorAdmin.Http.PostAsJsonAsync("/api/v1/study-visits/outgoing",
            new { hostTenant = host.Slug, request = Request(visitor.OfficialName) }), HttpStatusCode.Created))["id"]!.GetValue<string>());
        var accept = new { version = 1, scheduledStart = "2030-03-10", scheduledEnd = "2030-03-10" };

        // A stale version makes no event at all.
        Assert.Equal(HttpStatusCode.Conflict, (await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/accept", accept with { version = 7 })).StatusCode);
        Assert.Equal(0L, await fixture.Db.InTenantAsync(host.Id, tx => tx.ExecuteScalarAsync<long>("SELECT count(*) FROM events")));

        // The event is made, then the visit's row is lost (as if its transaction failed after the grain call): put it back as it was.
        var before = await fixture.Db.InTenantAsync(host.Id, tx => tx.ExecuteScalarAsync<string>("SELECT row_to_json(v)::text FROM study_visits v WHERE id = @id", new { id }));
        var first = await ReadAsync(await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/accept", accept), HttpStatusCode.OK);
        var eventId = first["visit"]!["eventId"]!.GetValue<string>();
        await fixture.Db.InTenantAsync(host.Id, tx => tx.ExecuteScalarAsync<int>(
            """
            WITH old AS (SELECT * FROM json_populate_record(NULL::study_visits, @before::json)),
                 u AS (UPDATE study_visits v SET state = old.state, version = old.version, scheduled_start = old.scheduled_start,
                       scheduled_end = old.scheduled_end, event_id = old.event_id FROM old WHERE v.id = old.id RETURNING 1)
            SELECT count(*)::int FROM u
            """, new { before }));

        var retried = await ReadAsync(await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{id}/accept", accept), HttpStatusCode.OK);
        Assert.Equal(eventId, retried["visit"]!["eventId"]!.GetValue<string>());
        Assert.Equal(1L, await fixture.Db.InTenantAsync(host.Id, tx => tx.ExecuteScalarAsync<long>("SELECT count(*) FROM events")));
        Assert.Equal(2L, await fixture.Db.InTenantAsync(host.Id, tx => tx.ExecuteScalarAsync<long>("SELECT count(*) FROM event_participants")));
    }

    [Fact]
    public async Task The_public_form_creates_a_request_for_the_host_only_and_bad_input_writes_nothing()
    {
        var host = await fixture.CreateTenantAsync("publik");
        using var anonymous = fixture.App.CreateClient(host.Slug);
        using var hostAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        var before = (await ReadAsync(await hostAdmin.Http.GetAsync("/api/v1/study-visits"), HttpStatusCode.OK)).AsArray().Count;

        var bad = await anonymous.Http.PostAsJsonAsync("/api/v1/visit-requests", new
        {
            institution = "X", contactName = "", contactEmail = "bukan-email", members = Array.Empty<object>(), purpose = "singkat",
            topics = Array.Empty<string>(), proposedStart = "2030-02-10", proposedEnd = "2030-02-01",
        });
        var problem = await ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("institution", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("proposedEnd", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, (await ReadAsync(await hostAdmin.Http.GetAsync("/api/v1/study-visits"), HttpStatusCode.OK)).AsArray().Count);

        var created = await ReadAsync(await anonymous.Http.PostAsJsonAsync("/api/v1/visit-requests", Request("Pemerintah Provinsi Jawa Timur")), HttpStatusCode.Created);
        Assert.StartsWith("SB-", created["reference"]!.GetValue<string>());
        var list = (await ReadAsync(await hostAdmin.Http.GetAsync("/api/v1/study-visits"), HttpStatusCode.OK)).AsArray();
        var visit = list.Single(v => v!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>())!;
        Assert.Null(visit["visit"]!["visitorTenantId"]);
        Assert.Equal("requested", visit["visit"]!["status"]!.GetValue<string>());

        var badAccept = await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{visit["id"]}/accept",
            new { version = 1, scheduledStart = "2030-02-10", scheduledEnd = "2030-02-01" });
        Assert.Equal(HttpStatusCode.BadRequest, badAccept.StatusCode);
        var unchanged = await ReadAsync(await hostAdmin.Http.GetAsync($"/api/v1/study-visits/{visit["id"]}"), HttpStatusCode.OK);
        Assert.Equal(1, unchanged["version"]!.GetValue<int>());
        Assert.Null(unchanged["visit"]!["eventId"]);
        Assert.DoesNotContain("study_visit", await hostAdmin.Http.GetStringAsync("/api/v1/events"));

        var declined = await ReadAsync(await hostAdmin.Http.PostAsJsonAsync($"/api/v1/study-visits/{visit["id"]}/decline",
            new { version = 1, reason = "Jadwal bertepatan dengan HUT kabupaten" }), HttpStatusCode.OK);
        Assert.Equal("declined", declined["visit"]!["status"]!.GetValue<string>());
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(host, TenantRole.Viewer), host.Slug);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Http.PostAsJsonAsync($"/api/v1/study-visits/{visit["id"]}/outcome",
            new { version = 2, takeaways = "Tidak boleh" })).StatusCode);
    }
}
