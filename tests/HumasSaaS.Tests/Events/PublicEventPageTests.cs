using HumasSaaS.Events;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Storage;
using Microsoft.Extensions.DependencyInjection;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.Events.EventApi;

namespace HumasSaaS.Tests.Events;

[Collection(PlatformCollection.Name)]
public sealed partial class PublicEventPageTests(PlatformFixture fixture) : IAsyncLifetime
{
    private Tenant tenant = null!;
    private Tenant other = null!;
    private TestClient staff = null!;
    private TestClient anonymous = null!;

    public async Task InitializeAsync()
    {
        tenant = await fixture.CreateTenantAsync("publik");
        other = await fixture.CreateTenantAsync("lain");
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
    public async Task Oversized_fields_are_rejected_with_field_messages_and_nothing_is_written()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today]);
        var response = await anonymous.Http.PostAsJsonAsync($"/api/v1/public/events/{id}/registrations", new
        {
            name = new string('A', 151), category = "media", institution = new string('B', 201), position = "Wartawan", phone = "0812345678", email = (string?)null,
            attendanceMode = "online",
        });
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("paling banyak 150", problem["errors"]!["name"]![0]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["institution"]);
        var noContact = await ReadAsync(await anonymous.Http.PostAsJsonAsync($"/api/v1/public/events/{id}/registrations",
            new { name = "Tanpa Kontak", category = "media" }), HttpStatusCode.BadRequest);
        Assert.Contains("telepon atau email", noContact["errors"]!["phone"]![0]!.GetValue<string>());
        var unknownField = await anonymous.Http.PostAsJsonAsync($"/api/v1/public/events/{id}/registrations",
            new { name = "Iseng", category = "media", phone = "0812345678", tenantId = other.Id });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        using var huge = new StringContent($$"""{"name":"Besar","category":"media","phone":"0812345678","position":"{{new string('p', 40_000)}}"}""",
            System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.Http.PostAsync($"/api/v1/public/events/{id}/registrations", huge)).StatusCode);

        // The page form refuses the same way (maxlength in the browser is not trusted).
        var (form, token) = await OpenFormAsync(anonymous, $"/acara/{id}/daftar");
        var posted = await anonymous.Http.PostAsync($"/acara/{id}/daftar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = new string('x', 5000), ["Form.Category"] = "Media", ["Form.Phone"] = "0812345678", ["Form.AttendanceMode"] = "InPerson",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("paling banyak 150 karakter", await posted.Content.ReadAsStringAsync());
        Assert.Contains("Formulir pendaftaran", form);
        Assert.Empty(await ParticipantsAsync(staff, id));
    }

    [Fact]
    public async Task Html_and_script_in_names_are_shown_escaped_on_the_ticket_and_staff_pages()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today]);
        const string evil = "<script>alert('x')</script><b>Budi</b>";
        var created = await ReadAsync(await RegisterAsync(anonymous, id, evil, institution: "<img src=x onerror=alert(1)>"), HttpStatusCode.Created);
        var ticket = await anonymous.Http.GetStringAsync($"/acara/tiket/{created["id"]}");
        Assert.DoesNotContain("<script>alert", ticket);
        Assert.DoesNotContain("<img src=x", ticket);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;Budi&lt;/b&gt;", ticket);
        var participantsPage = await staff.Http.GetStringAsync($"/konsol/acara/{id}");
        Assert.DoesNotContain("<script>alert", participantsPage);
        Assert.Contains("&lt;script&gt;", participantsPage);
    }

    [Fact]
    public async Task Registration_cannot_reach_another_tenants_event()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today]);
        var created = await ReadAsync(await RegisterAsync(anonymous, id, "Peserta Asli"), HttpStatusCode.Created);
        using var viaOther = fixture.App.CreateClient(other.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await RegisterAsync(viaOther, id, "Penyusup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viaOther.Http.GetAsync($"/api/v1/public/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viaOther.Http.GetAsync($"/api/v1/public/tickets/{created["id"]}")).StatusCode);
        using var noHeader = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await noHeader.Http.GetAsync($"/t/{other.Slug}/acara/{id}/daftar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await noHeader.Http.GetAsync($"/t/{other.Slug}/acara/tiket/{created["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await noHeader.Http.GetAsync($"/acara/{id}/daftar")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.Http.GetAsync($"/t/{tenant.Slug}/acara/{id}/daftar")).StatusCode);
        Assert.Single(await ParticipantsAsync(staff, id));
    }

    [Fact]
    public async Task Registering_through_the_page_leads_to_the_ticket()
    {
        var (id, _) = await CreatePublishedAsync(staff, [Today]);
        using var browser = fixture.App.CreateClient();
        var (_, token) = await OpenFormAsync(browser, $"/t/{tenant.Slug}/acara/{id}/daftar");
        var posted = await browser.Http.PostAsync($"/t/{tenant.Slug}/acara/{id}/daftar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Rina Mokoginta", ["Form.Institution"] = "Kecamatan Kotamobagu Barat", ["Form.Category"] = "Kecamatan",
            ["Form.Email"] = "rina@example.id", ["Form.AttendanceMode"] = "InPerson", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.ToString();
        Assert.StartsWith($"/t/{tenant.Slug}/acara/tiket/", location);
        var ticket = await browser.Http.GetStringAsync(location);
        Assert.Contains("Rina Mokoginta", ticket);
        var code = (await ParticipantsAsync(staff, id)).Single().Code;
        Assert.Contains(code, ticket);
    }

    [Fact]
    public async Task Materials_stream_to_blob_storage_and_only_pdf_jpeg_png_are_accepted()
    {
        var (id, _) = await CreateAsync(staff, [Today]);
        var pdf = SampleFiles.Pdf();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("Paparan Kadis Kominfo"), "title");
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "paparan.pdf");
            var created = await ReadAsync(await staff.Http.PostAsync($"/api/v1/events/{id}/materials", form), HttpStatusCode.Created);
            Assert.Equal("application/pdf", created["contentType"]!.GetValue<string>());
            var download = await staff.Http.GetAsync($"/api/v1/events/{id}/materials/{created["id"]}");
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(download.Headers.CacheControl!.NoStore);
        }
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("Skrip"), "title");
            form.Add(new ByteArrayContent("<html>bukan pdf</html>"u8.ToArray()), "file", "x.pdf");
            var rejected = await ReadAsync(await staff.Http.PostAsync($"/api/v1/events/{id}/materials", form), HttpStatusCode.BadRequest);
            Assert.Contains("PDF, JPEG atau PNG", rejected["errors"]!["file"]![0]!.GetValue<string>());
        }
        var list = JsonNode.Parse(await staff.Http.GetStringAsync($"/api/v1/events/{id}/materials"))!.AsArray();
        Assert.Equal(["Paparan Kadis Kominfo"], list.Select(m => m!["title"]!.GetValue<string>()));

        // An orphan (blob committed, row never written) is swept; the referenced material stays.
        var blobs = fixture.App.Services.GetRequiredService<IBlobStore>();
        var container = BlobNames.TenantContainer(tenant.Id);
        await blobs.UploadAsync(container, $"events/{id:N}/materials/orphan", new MemoryStream(pdf), new BlobUploadOptions { DetectContentType = _ => "application/pdf" });
        var swept = await fixture.App.Services.GetRequiredService<MaterialSweeper>().SweepAsync(TimeSpan.Zero, tenant.Id);
        Assert.Equal(1, swept);
        Assert.Null(await blobs.GetAsync(container, $"events/{id:N}/materials/orphan"));
        var kept = await staff.Http.GetAsync($"/api/v1/events/{id}/materials/{list[0]!["id"]}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    private static async Task<(string Html, string Token)> OpenFormAsync(TestClient client, string path)
    {
        var html = await client.Http.GetStringAsync(path);
        var token = TokenField().Match(html).Groups[1].Value;
        Assert.NotEmpty(token);
        return (html, token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
