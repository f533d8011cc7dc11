using HumasSaaS.Events;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.Events.EventApi;

namespace HumasSaaS.Tests.Events;

[Collection(PlatformCollection.Name)]
public sealed class EventFlowTests(PlatformFixture fixture) : IAsyncLifetime
{
    private Tenant tenant = null!;
    private TestClient staff = null!;
    private TestClient anonymous = null!;

    public async Task InitializeAsync()
    {
        tenant = await fixture.CreateTenantAsync("acara");
        staff = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        anonymous = fixture.App.CreateClient(tenant.Slug);
    }

    public Task DisposeAsync()
    {
        staff.Dispose();
        anonymous.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Publish_register_ticket_check_in_on_each_day_and_close()
    {
        var (id, version) = await CreateAsync(staff, [Today.AddDays(-1), Today]);
        // A draft is not public yet.
        Assert.Equal(HttpStatusCode.NotFound, (await RegisterAsync(anonymous, id, "Sebelum Publikasi")).StatusCode);
        var published = await ReadAsync(await staff.Http.PostAsJsonAsync($"/api/v1/events/{id}/publish", new { version }), HttpStatusCode.OK);
        Assert.Equal("published", published["event"]!["status"]!.GetValue<string>());
        version = published["version"]!.GetValue<int>();

        var registered = await ReadAsync(await RegisterAsync(anonymous, id, "Yohana Wenas"), HttpStatusCode.Created);
        var code = registered["code"]!.GetValue<string>();
        Assert.Matches("^[A-Z0-9]{8}$", code);
        var ticket = await ReadAsync(await anonymous.Http.GetAsync($"/api/v1/public/tickets/{registered["id"]}"), HttpStatusCode.OK);
        Assert.Equal(code, ticket["code"]!.GetValue<string>());
        Assert.Equal("Yohana Wenas", ticket["name"]!.GetValue<string>());
        var qr = await anonymous.Http.GetAsync($"/api/v1/public/tickets/{registered["id"]}/qr.png");
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await qr.Content.ReadAsByteArrayAsync())[..4]);
        var ticketPage = await anonymous.Http.GetStringAsync($"/acara/tiket/{registered["id"]}");
        Assert.Contains(code, ticketPage);
        Assert.Contains("data:image/png;base64,", ticketPage);

        foreach (var day in new[] { 1, 2 })
        {
            var first = await ReadAsync(await CheckInAsync(staff, id, code.ToLowerInvariant(), day), HttpStatusCode.OK);
            Assert.False(first["alreadyPresent"]!.GetValue<bool>());
            Assert.Equal(1, first["presentToday"]!.GetValue<int>());
            var second = await ReadAsync(await CheckInAsync(staff, id, code, day), HttpStatusCode.OK);
            Assert.True(second["alreadyPresent"]!.GetValue<bool>());
            Assert.Contains("sudah hadir", second["message"]!.GetValue<string>());
        }
        var attendance = await ReadAsync(await staff.Http.GetAsync($"/api/v1/events/{id}/attendance"), HttpStatusCode.OK);
        Assert.Equal([1, 1], attendance["days"]!.AsArray().Select(d => d!["present"]!.GetValue<int>()));
        Assert.Equal(1, attendance["days"]![0]!["byCategory"]!["opd"]!.GetValue<int>());

        var closed = await ReadAsync(await staff.Http.PostAsJsonAsync($"/api/v1/events/{id}/close", new { version }), HttpStatusCode.OK);
        Assert.Equal("closed", closed["event"]!["status"]!.GetValue<string>());
        var refused = await ReadAsync(await CheckInAsync(staff, id, code, 2), HttpStatusCode.Conflict);
        Assert.Equal("Acara sudah selesai", refused["title"]!.GetValue<string>());
        Assert.Contains("sudah ditutup", refused["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await RegisterAsync(anonymous, id, "Terlambat Daftar")).StatusCode);

        var csv = await staff.Http.GetStringAsync($"/api/v1/events/{id}/attendance.csv");
        Assert.Contains("\"Yohana Wenas\"", csv);
        Assert.Contains("Hari ke-2", csv);
    }

    [Fact]
    public async Task A_cancelled_event_refuses_check_in_with_a_clear_message_and_a_future_day_is_not_yet_open()
    {
        var (id, version) = await CreatePublishedAsync(staff, [Today, Today.AddDays(1)]);
        var code = (await ReadAsync(await RegisterAsync(anonymous, id, "Peserta Batal"), HttpStatusCode.Created))["code"]!.GetValue<string>();
        var early = await ReadAsync(await CheckInAsync(staff, id, code, 2), HttpStatusCode.Conflict);
        Assert.Contains("hari ke-2", early["detail"]!.GetValue<string>());
        var unknown = await ReadAsync(await CheckInAsync(staff, id, "ZZZZZZZZ", 1), HttpStatusCode.NotFound);
        Assert.Contains("tidak dikenal", unknown["detail"]!.GetValue<string>());

        var cancelled = await ReadAsync(await staff.Http.PostAsJsonAsync($"/api/v1/events/{id}/cancel", new { version, reason = "Cuaca buruk" }), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled["event"]!["status"]!.GetValue<string>());
        var refused = await ReadAsync(await CheckInAsync(staff, id, code, 1), HttpStatusCode.Conflict);
        Assert.Equal("Acara dibatalkan", refused["title"]!.GetValue<string>());
        Assert.Contains("presensi tidak dapat dicatat", refused["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/api/v1/public/events/{id}")).StatusCode);
    }

    [Fact]
    public async Task Capacity_is_never_exceeded_under_concurrent_registrations()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today], capacity: 10);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => RegisterAsync(anonymous, id, $"Pendaftar {i}", phone: $"0813000000{i:00}")));
        Assert.True(10 == responses.Count(r => r.StatusCode == HttpStatusCode.Created), string.Join("\n", await Task.WhenAll(responses.Take(3).Select(r => r.Content.ReadAsStringAsync()))));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var full = await ReadAsync(responses.First(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
        Assert.Equal("Kuota penuh", full["title"]!.GetValue<string>());
        Assert.Equal(10, (await ParticipantsAsync(staff, id)).Count);
        Assert.Equal(10, await fixture.Db.InTenantAsync(tenant.Id, tx => HumasSaaS.Database.TenantTransactionDapper.ExecuteScalarAsync<long>(
            tx, "SELECT count(*) FROM event_participants WHERE event_id = @id", new { id })));
    }

    [Fact]
    public async Task A_walk_in_is_registered_and_checked_in_at_once_and_search_by_name_finds_people()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today]);
        var walkIn = await ReadAsync(await staff.Http.PostAsJsonAsync($"/api/v1/events/{id}/walk-ins",
            new { person = new { name = "Camat Tondano Barat", category = "kecamatan", institution = "Kecamatan Tondano Barat" }, day = 1 }), HttpStatusCode.OK);
        Assert.False(walkIn["alreadyPresent"]!.GetValue<bool>());
        var found = JsonNode.Parse(await staff.Http.GetStringAsync($"/api/v1/events/{id}/participants?search=tondano"))!.AsArray();
        Assert.Single(found);
        Assert.Equal("walk_in", found[0]!["source"]!.GetValue<string>());
        Assert.Equal([1], found[0]!["daysPresent"]!.AsArray().Select(d => d!.GetValue<int>()));
    }

    [Fact]
    public async Task Duplicate_contact_is_refused_and_viewers_cannot_check_in()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today]);
        await ReadAsync(await RegisterAsync(anonymous, id, "Andi Saputra", phone: "081234567890"), HttpStatusCode.Created);
        var again = await ReadAsync(await RegisterAsync(anonymous, id, "Andi S.", phone: "081234567890"), HttpStatusCode.Conflict);
        Assert.Contains("sudah terdaftar", again["detail"]!.GetValue<string>());

        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Viewer), tenant.Slug);
        Assert.Equal(HttpStatusCode.Forbidden, (await CheckInAsync(viewer, id, "ABCDEFGH", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync($"/api/v1/events/{id}/attendance")).StatusCode);
        using var protocol = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.ProtocolOfficer), tenant.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await CheckInAsync(protocol, id, "ABCDEFGH", 1)).StatusCode);
    }

    [Fact]
    public async Task Csv_import_reports_bad_rows_and_imports_the_good_ones()
    {
        var (id, _) = await CreateAsync(staff, [Today]);
        const string csv = "nama;instansi;jabatan;kategori;telepon;email;kehadiran\n" +
                           "Maria Rumondor;Dinas Kominfo;Kepala Dinas;OPD;081200000001;maria@example.id;luring\n" +
                           ";Kecamatan Tombatu;Camat;kecamatan;;;\n" +
                           "Hendra Lumi;Desa Ranoketang;Hukum Tua;planet;;;\n" +
                           "\"Siti, S.Sos\";\"Harian \"\"Manado Post\"\"\";Wartawan;media;;siti@example.id;daring\n" +
                           "Ganda Email;Dinas X;Staf;opd;;maria@example.id;\n" +
                           "Budi;UPT Puskesmas;Kepala;upt;not-a-phone;;\n";
        var result = await ImportAsync(staff, id, csv);
        Assert.Equal(2, result["imported"]!.GetValue<int>());
        var errors = result["errors"]!.AsArray();
        Assert.Equal([3, 4, 6, 7], errors.Select(e => e!["line"]!.GetValue<int>()));
        Assert.Contains("Nama wajib diisi", errors[0]!["messages"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("planet", errors[1]!["messages"]![0]!.GetValue<string>());
        Assert.Contains("sudah terdaftar", errors[2]!["messages"]![0]!.GetValue<string>());
        var people = await ParticipantsAsync(staff, id);
        Assert.Equal(["Maria Rumondor", "Siti, S.Sos"], people.Select(p => p.Name).Order());
        var list = JsonNode.Parse(await staff.Http.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray();
        Assert.Equal("Harian \"Manado Post\"", list.Single(p => p!["name"]!.GetValue<string>() == "Siti, S.Sos")!["institution"]!.GetValue<string>());
        Assert.Equal("online", list.Single(p => p!["name"]!.GetValue<string>() == "Siti, S.Sos")!["attendanceMode"]!.GetValue<string>());

        var missingHeader = await ImportAsync(staff, id, "nama,instansi\nA,B\n", HttpStatusCode.BadRequest);
        Assert.Contains("kategori", missingHeader["errors"]!["file"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_event_routes_are_in_the_OpenAPI_document()
    {
        var document = await anonymous.Http.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/events", "/api/v1/events/{id}/check-ins", "/api/v1/events/{id}/participants/import", "/api/v1/events/{id}/precedence",
                     "/api/v1/public/events/{id}/registrations", "/api/v1/public/tickets/{ticketId}" })
            Assert.Contains($"\"{path}\"", document);
    }

    [Fact]
    public async Task Rundown_comes_from_the_tenant_template_and_is_validated()
    {
        var response = await staff.Http.PostAsJsonAsync("/api/v1/events", new
        {
            @event = new { type = "rakor", title = "Rakor Kehumasan 2026", days = new[] { Day(Today), Day(Today.AddDays(1)) }, venue = "Aula" },
            templateCode = "rakor",
        });
        var created = await ReadAsync(response, HttpStatusCode.Created);
        var rundown = created["event"]!["rundown"]!.AsArray();
        Assert.Equal(4, rundown.Count);
        Assert.Equal(2, rundown[^1]!["day"]!.GetValue<int>());
        var id = created["id"]!.GetValue<Guid>();
        var bad = await staff.Http.PutAsJsonAsync($"/api/v1/events/{id}/rundown", new
        {
            version = 1,
            items = new[] { new { day = 3, start = "10:00:00", end = "09:00:00", item = "Penutupan", speaker = (string?)null, personInCharge = "MC", note = (string?)null } },
        });
        var problem = await ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["items[0].day"]);
        Assert.NotNull(problem["errors"]!["items[0].end"]);
        var ok = await staff.Http.PutAsJsonAsync($"/api/v1/events/{id}/rundown", new
        {
            version = 1,
            items = new[] { new { day = 1, start = "08:00:00", end = "09:00:00", item = "Pembukaan", speaker = "Bupati", personInCharge = "MC Protokol", note = (string?)null } },
        });
        Assert.Equal(2, (await ReadAsync(ok, HttpStatusCode.OK))["version"]!.GetValue<int>());
        var stale = await staff.Http.PutAsJsonAsync($"/api/v1/events/{id}/rundown", new { version = 1, items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }
}
