using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dapper;
using HumasSaaS.Api.Platform.Uploads;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.Platform;

/// <summary>
/// Every partner document and event material goes through the real clamd (started by deploy/local/start.sh with its
/// generated signature database) and the hostile-file checks before it is stored: a detection or a hostile file is a
/// 422 with an audit event and leaves no row and no blob; no verdict (clamd unreachable or silent) is a 503 with
/// Retry-After, never an unscanned file.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class UploadScanningTests(PlatformFixture fixture)
{
    private IBlobStore Blobs => fixture.App.Services.GetRequiredService<IBlobStore>();

    private async Task<List<string>> BlobsAsync(Guid tenantId)
    {
        var names = new List<string>();
        await foreach (var b in Blobs.ListAsync(BlobNames.TenantContainer(tenantId))) names.Add(b.Name);
        return names;
    }

    // Under the tenant's RLS setting, as the app sees it (the owner role sees no tenant rows: RLS is forced).
    private Task<T?> ScalarAsync<T>(Guid tenantId, string sql, object? param = null) =>
        fixture.Db.InTenantAsync(tenantId, tx => HumasSaaS.Database.TenantTransactionDapper.ExecuteScalarAsync<T>(tx, sql, param));

    private Task<long> CountAsync(Guid tenantId, string table) => ScalarAsync<long>(tenantId, $"SELECT count(*) FROM {table}");

    private Task<string?> AuditAsync(Guid tenantId, Guid entityId) => ScalarAsync<string>(tenantId,
        "SELECT string_agg(action || ' ' || coalesce(data::text, ''), '; ') FROM audit_events WHERE entity_id = @entityId", new { entityId });

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    private static async Task<HttpResponseMessage> PostMaterialAsync(TestClient staff, Guid eventId, byte[] file, string fileName, string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("Materi uji"), "title");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        return await staff.Http.PostAsync($"/api/v1/events/{eventId}/materials", form);
    }

    [Fact]
    public async Task Eicar_is_refused_with_a_problem_and_an_audit_event_and_leaves_no_row_and_no_blob_while_a_clean_pdf_is_accepted()
    {
        using var t = await CreateTenantAsync(fixture, "pindai");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var partner = await ApplyAsync(vendor);
        var partnerId = partner["id"]!.GetValue<Guid>();

        var refused = await UploadAsync(vendor, "akta_pendirian", SampleFiles.Eicar(), fileName: "akta.pdf");
        var problem = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(UploadRefusals.MalwareTitle, problem["title"]!.GetValue<string>());
        Assert.Contains("Humas.Test.EICAR", problem["detail"]!.GetValue<string>());
        Assert.Contains("tidak disimpan", problem["detail"]!.GetValue<string>());

        Assert.Equal(0, await CountAsync(t.Tenant.Id, "media_partner_documents"));
        Assert.Empty(await BlobsAsync(t.Tenant.Id));
        var audit = await ScalarAsync<string>(t.Tenant.Id,
            "SELECT data::text FROM audit_events WHERE entity_type = 'media_partner' AND entity_id = @partnerId AND action = @action",
            new { partnerId, action = UploadGuard.RefusedAction });
        var data = JsonNode.Parse(audit!)!;
        Assert.Equal("malware", data["reason"]!.GetValue<string>());
        Assert.StartsWith("Humas.Test.EICAR", data["signature"]!.GetValue<string>());
        Assert.Equal("akta_pendirian", data["item"]!.GetValue<string>());

        // The same upload path, a clean PDF: stored, listed, downloadable.
        var accepted = await UploadOkAsync(vendor, "akta_pendirian", SampleFiles.Pdf());
        Assert.Equal("application/pdf", accepted["document"]!["contentType"]!.GetValue<string>());
        Assert.Single(await BlobsAsync(t.Tenant.Id));
    }

    [Fact]
    public async Task Eicar_as_event_material_is_refused_and_audited_on_the_event()
    {
        var tenant = await fixture.CreateTenantAsync("pindai-acara");
        using var staff = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (eventId, _) = await EventApi.CreateAsync(staff, [EventApi.Today]);

        var problem = await ProblemAsync(await PostMaterialAsync(staff, eventId, SampleFiles.Eicar(), "paparan.pdf"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(UploadRefusals.MalwareTitle, problem["title"]!.GetValue<string>());
        Assert.Equal(0, await CountAsync(tenant.Id, "event_materials"));
        Assert.Empty(await BlobsAsync(tenant.Id));
        Assert.Equal(1, await ScalarAsync<long>(tenant.Id,
            "SELECT count(*) FROM audit_events WHERE entity_type = 'event' AND entity_id = @eventId AND action = @action AND data->>'reason' = 'malware'",
            new { eventId, action = UploadGuard.RefusedAction }));
    }

    public static TheoryData<string, byte[], string, string> HostileUploads => new()
    {
        { "encrypted.pdf", SampleFiles.Pdf(trailerExtra: "/Encrypt 5 0 R /ID [<01> <01>]", extraObjects: "<< /Filter /Standard /V 1 /R 2 /O (o) /U (u) /P -4 >>"),
            "pdf_encrypted", "terenkripsi" },
        { "javascript.pdf", SampleFiles.Pdf("/OpenAction 5 0 R", "", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), "pdf_javascript", "JavaScript" },
        { "hidden-javascript.pdf", SampleFiles.PdfWithObjectStream("<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), "pdf_javascript", "JavaScript" },
        { "open-action.pdf", SampleFiles.Pdf("/OpenAction << /S /URI /URI (http://contoh.invalid/) >>"), "pdf_open_action", "tindakan otomatis saat dibuka" },
        { "launch.pdf", SampleFiles.Pdf("/AA << /WC 5 0 R >>", "", "<< /S /Launch /F (cmd.exe) >>"), "pdf_launch", "menjalankan program" },
        { "embedded.pdf", SampleFiles.Pdf("/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>", "",
            "<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), "pdf_embedded_file", "menyisipkan berkas lain" },
        { "broken.pdf", "%PDF-1.7\n"u8.ToArray().Concat(new byte[4096]).ToArray(), "pdf_unreadable", "tidak dapat dibaca sebagai PDF" },
        { "huge.png", SampleFiles.Png(8000, 5001), "image_too_many_pixels", "paling besar 40 megapiksel" },
        { "huge.jpg", SampleFiles.Jpeg(9000, 6000), "image_too_many_pixels", "9.000 × 6.000 piksel" },
        { "lying.png", SampleFiles.Png(1000, 1000, 10, 10), "image_size_mismatch", "tidak sesuai dengan isinya" },
        { "lying.jpg", SampleFiles.Jpeg(800, 600, 4000, 3000), "image_size_mismatch", "tidak sesuai dengan isinya" },
    };

    [Theory]
    [MemberData(nameof(HostileUploads))]
    public async Task Hostile_files_are_refused_with_an_indonesian_reason_and_leave_nothing(string fileName, byte[] file, string reason, string says)
    {
        var tenant = await fixture.CreateTenantAsync("berkas-jahat");
        using var staff = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (eventId, _) = await EventApi.CreateAsync(staff, [EventApi.Today]);
        var contentType = fileName.EndsWith(".pdf") ? "application/pdf" : fileName.EndsWith(".png") ? "image/png" : "image/jpeg";

        var problem = await ProblemAsync(await PostMaterialAsync(staff, eventId, file, fileName, contentType), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(UploadRefusals.HostileTitle, problem["title"]!.GetValue<string>());
        Assert.Contains(says, problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await CountAsync(tenant.Id, "event_materials"));
        Assert.Empty(await BlobsAsync(tenant.Id));
        var refusals = await ScalarAsync<long>(tenant.Id,
            "SELECT count(*) FROM audit_events WHERE entity_type = 'event' AND entity_id = @eventId AND action = @action AND data->>'reason' = @reason",
            new { eventId, action = UploadGuard.RefusedAction, reason });
        Assert.True(refusals == 1, $"audit of the event: {await AuditAsync(tenant.Id, eventId)}");
    }

    [Fact]
    public async Task Normal_pdf_jpeg_and_png_materials_are_accepted_and_stored()
    {
        var tenant = await fixture.CreateTenantAsync("berkas-biasa");
        using var staff = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (eventId, _) = await EventApi.CreateAsync(staff, [EventApi.Today]);
        foreach (var (name, file, type) in new[]
                 {
                     ("paparan.pdf", SampleFiles.Pdf("/OpenAction [3 0 R /Fit]"), "application/pdf"),
                     ("foto.jpg", SampleFiles.Jpeg(1600, 1200, 1600, 1200), "image/jpeg"),
                     ("bagan.png", SampleFiles.Png(640, 480), "image/png"),
                 })
        {
            var created = await EventApi.ReadAsync(await PostMaterialAsync(staff, eventId, file, name, type), HttpStatusCode.Created);
            Assert.Equal(type, created["contentType"]!.GetValue<string>());
            var download = await staff.Http.GetAsync($"/api/v1/events/{eventId}/materials/{created["id"]}");
            Assert.Equal(file, await download.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(3, (await BlobsAsync(tenant.Id)).Count);
    }

    [Fact]
    public async Task With_clamd_unreachable_or_silent_uploads_get_503_with_retry_after_and_nothing_is_stored()
    {
        // A port nobody listens on (clamd stopped), and a listener that accepts but never answers (clamd hung).
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await silent.AcceptTcpClientAsync()); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });

        foreach (var endpoint in new[] { $"tcp://127.0.0.1:{closedPort}", $"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}" })
        {
            await using var app = await AppInstance.StartAsync(fixture.Database, new Dictionary<string, string?>
            {
                ["Clamd:Endpoint"] = endpoint,
                ["Clamd:ScanTimeoutSeconds"] = "1",
                ["Clamd:ConnectTimeoutSeconds"] = "1",
            });
            var tenant = await fixture.CreateTenantAsync("pindai-mati");
            using var staff = app.CreateClient(tenant.Slug);
            await staff.SignInAsync(PlatformFixture.AdminEmail(tenant.Slug), PlatformFixture.Password);
            var (eventId, _) = await EventApi.CreateAsync(staff, [EventApi.Today]);

            var response = await PostMaterialAsync(staff, eventId, SampleFiles.Pdf(), "paparan.pdf");
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(UploadRefusals.UnavailableTitle, problem["title"]!.GetValue<string>());
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{endpoint}: Retry-After missing");
            Assert.Equal(0, await CountAsync(tenant.Id, "event_materials"));
            Assert.Empty(await BlobsAsync(tenant.Id));
        }
        silent.Stop();
        await accepting;
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public void Outside_development_the_app_does_not_start_without_a_scanner()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AppInstance.Build(fixture.Database, new Dictionary<string, string?> { ["Clamd:Endpoint"] = "" }));
        Assert.Contains("Clamd:Endpoint", e.Message);
    }
}
