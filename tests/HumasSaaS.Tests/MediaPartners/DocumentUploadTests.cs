using HumasSaaS.MediaPartners;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

[Collection(PlatformCollection.Name)]
public sealed class DocumentUploadTests(PlatformFixture fixture)
{
    private IBlobStore Blobs => fixture.App.Services.GetRequiredService<IBlobStore>();
    private PartnerDocuments Documents => fixture.App.Services.GetRequiredService<PartnerDocuments>();

    private Task<long> DocumentRowsAsync(Guid tenantId) =>
        fixture.Db.InTenantAsync(tenantId, async tx =>
            await HumasSaaS.Database.TenantTransactionDapper.ExecuteScalarAsync<long>(tx, "SELECT count(*) FROM media_partner_documents"));

    private async Task<List<string>> BlobsAsync(Guid tenantId)
    {
        var names = new List<string>();
        await foreach (var b in Blobs.ListAsync(BlobNames.TenantContainer(tenantId))) names.Add(b.Name);
        return names;
    }

    [Fact]
    public async Task An_upload_is_stored_in_the_tenant_container_with_its_sha256_and_sniffed_type()
    {
        using var t = await CreateTenantAsync(fixture, "unggah");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        await ApplyAsync(vendor);
        var uploaded = await UploadOkAsync(vendor, "npwp_perusahaan", Png);
        var doc = uploaded["document"]!;
        Assert.Equal("image/png", doc["contentType"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), doc["sha256"]!.GetValue<string>());
        Assert.Equal(Png.Length, doc["length"]!.GetValue<long>());
        Assert.Equal(Today.AddMonths(12), DateOnly.Parse(doc["validUntil"]!.GetValue<string>()));
        var blobs = await BlobsAsync(t.Tenant.Id);
        Assert.Single(blobs);
        Assert.StartsWith(PartnerDocuments.BlobPrefix, blobs[0]);
        using var download = await vendor.Http.GetAsync($"/api/v1/vendor/partner/documents/{doc["id"]}/content");
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bad_uploads_get_a_clear_4xx_and_leave_no_metadata_row_and_no_blob_after_the_sweeper()
    {
        using var t = await CreateTenantAsync(fixture, "unggah-buruk");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        await ApplyAsync(vendor);

        var exe = await UploadAsync(vendor, "akta_pendirian", Exe, fileName: "akta.pdf");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        Assert.Contains("bukan PDF", (await exe.Content.ReadAsStringAsync()));

        var png = await UploadAsync(vendor, "akta_pendirian", Png, fileName: "akta.png", contentType: "image/png");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, png.StatusCode); // this item accepts PDF only

        var empty = await UploadAsync(vendor, "akta_pendirian", []);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Berkas kosong", JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());

        var big = new byte[1024 * 1024 + 10];
        Pdf.CopyTo(big, 0);
        var tooLarge = await UploadAsync(vendor, "akta_pendirian", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("paling besar 1 MB", await tooLarge.Content.ReadAsStringAsync());

        // Over the limit without a Content-Length (chunked): caught while streaming.
        using (var chunked = new HttpRequestMessage(HttpMethod.Put, "/api/v1/vendor/partner/documents/akta_pendirian")
               { Content = new StreamContent(new NonSeekableStream(big)) })
        {
            chunked.Headers.TransferEncodingChunked = true;
            var response = await vendor.Http.SendAsync(chunked);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        var unknownItem = await UploadAsync(vendor, "tidak_ada", Pdf);
        Assert.Equal(HttpStatusCode.NotFound, unknownItem.StatusCode);

        // A client that disconnects mid-upload (the same raw request, sent whole, is accepted: the control).
        await RawUploadAsync(vendor, "akta_pendirian", declaredLength: 900_000, sent: 300_000);
        await Documents.SweepAsync(TimeSpan.Zero, t.Tenant.Id);
        Assert.Equal(0, await DocumentRowsAsync(t.Tenant.Id));
        Assert.Empty(await BlobsAsync(t.Tenant.Id));
        Assert.Equal("HTTP/1.1 201 Created", await RawUploadAsync(vendor, "akta_pendirian", declaredLength: 300_000, sent: 300_000));
        Assert.Equal(1, await DocumentRowsAsync(t.Tenant.Id));
        var mine = await GetJsonAsync(vendor, "/api/v1/vendor/partner");
        Assert.Single(mine["checklist"]!.AsArray(), i => i!["current"] is not null);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_makes_one_document()
    {
        using var t = await CreateTenantAsync(fixture, "unggah-kunci");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        await ApplyAsync(vendor);
        var key = Guid.NewGuid().ToString();
        var first = await UploadAsync(vendor, "akta_pendirian", Pdf, key);
        var second = await UploadAsync(vendor, "akta_pendirian", Pdf, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["document"]!["id"]!.GetValue<Guid>();
        var b = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(a, b["document"]!["id"]!.GetValue<Guid>());
        Assert.True(b["replayed"]!.GetValue<bool>());

        // Concurrent retries with one key also end as one document.
        var key2 = Guid.NewGuid().ToString();
        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => UploadAsync(vendor, "npwp_perusahaan", Pdf, key2)));
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(2, await DocumentRowsAsync(t.Tenant.Id));
        await Documents.SweepAsync(TimeSpan.Zero, t.Tenant.Id);
        Assert.Equal(2, (await BlobsAsync(t.Tenant.Id)).Count);
    }

    [Fact]
    public async Task The_sweeper_deletes_old_unreferenced_blobs_and_keeps_referenced_ones()
    {
        using var t = await CreateTenantAsync(fixture, "sapu");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        await ApplyAsync(vendor);
        await UploadOkAsync(vendor, "akta_pendirian");
        var container = BlobNames.TenantContainer(t.Tenant.Id);
        var orphan = PartnerDocuments.BlobPrefix + "yatim/akta_pendirian/" + Guid.NewGuid().ToString("N");
        await Blobs.UploadAsync(container, orphan, new MemoryStream(Pdf), new BlobUploadOptions { DetectContentType = _ => "application/pdf" });

        Assert.Equal(0, await Documents.SweepAsync(TimeSpan.FromHours(1), t.Tenant.Id)); // too young
        Assert.Contains(orphan, await BlobsAsync(t.Tenant.Id));
        Assert.Equal(1, await Documents.SweepAsync(TimeSpan.Zero, t.Tenant.Id));
        var left = await BlobsAsync(t.Tenant.Id);
        Assert.DoesNotContain(orphan, left);
        Assert.Single(left);
    }

    /// <summary>
    /// Sends an upload over a raw socket with the vendor's cookie. With <paramref name="sent"/> &lt; <paramref name="declaredLength"/>
    /// the socket is reset mid-body (a client that disconnects) and null is returned; otherwise the status line is returned.
    /// </summary>
    private async Task<string?> RawUploadAsync(TestClient vendor, string item, int declaredLength, int sent)
    {
        var address = fixture.App.Address;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var cookie = vendor.Cookies.GetCookieHeader(address);
        var tenant = vendor.Http.DefaultRequestHeaders.GetValues("X-Tenant").Single();
        var head = $"PUT /api/v1/vendor/partner/documents/{item} HTTP/1.1\r\nHost: {address.Authority}\r\nX-Tenant: {tenant}\r\nCookie: {cookie}\r\n" +
                   $"Content-Type: application/pdf\r\nContent-Length: {declaredLength}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var body = new byte[sent];
        Pdf.CopyTo(body, 0);
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        if (sent == declaredLength)
        {
            using var reader = new StreamReader(stream);
            return await reader.ReadLineAsync();
        }
        tcp.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        tcp.Close(); // reset: the server sees the body end early
        // The server notices the reset while reading; give the request a moment to unwind before the checks.
        await Task.Delay(500);
        return null;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
