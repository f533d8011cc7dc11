using HumasSaaS.MediaPartners;
using System.Net.Sockets;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

/// <summary>
/// A client that sends the whole body and goes away 1–50 ms later (while the blob is being committed) must leave
/// either a blob with its row or nothing: never a committed blob without a row waiting for the sweeper.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class UploadAbortTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Clients_aborting_right_after_the_body_leave_no_orphan_blob()
    {
        using var t = await CreateTenantAsync(fixture, "unggah-putus");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        await ApplyAsync(vendor);
        const int attempts = 24;
        var body = new byte[600_000]; // larger than one block, so it is staged and committed as a block list
        Pdf.CopyTo(body, 0);

        await Task.WhenAll(Enumerable.Range(0, attempts).Select(i => SendWholeBodyThenResetAsync(vendor, body, TimeSpan.FromMilliseconds(1 + i * 2))));

        var blobs = fixture.App.Services.GetRequiredService<IBlobStore>();
        var container = BlobNames.TenantContainer(t.Tenant.Id);
        List<string> names = [];
        List<string> rows = [];
        // Requests unwind after the reset; wait until every one has finished (blobs and rows agree or time runs out).
        for (var wait = 0; wait < 40; wait++)
        {
            await Task.Delay(250);
            names = [];
            await foreach (var b in blobs.ListAsync(container, PartnerDocuments.BlobPrefix)) names.Add(b.Name);
            rows = (await fixture.Db.InTenantAsync(t.Tenant.Id, async tx =>
                await HumasSaaS.Database.TenantTransactionDapper.QueryAsync<string>(tx, "SELECT blob_name FROM media_partner_documents"))).ToList();
            if (names.Order().SequenceEqual(rows.Order())) break;
        }
        Assert.Equal(rows.Order(), names.Order());
    }

    private async Task SendWholeBodyThenResetAsync(TestClient vendor, byte[] body, TimeSpan after)
    {
        var address = fixture.App.Address;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var cookie = vendor.Cookies.GetCookieHeader(address);
        var tenant = vendor.Http.DefaultRequestHeaders.GetValues("X-Tenant").Single();
        var head = $"PUT /api/v1/vendor/partner/documents/akta_pendirian HTTP/1.1\r\nHost: {address.Authority}\r\nX-Tenant: {tenant}\r\n" +
                   $"Cookie: {cookie}\r\nContent-Type: application/pdf\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        await Task.Delay(after);
        tcp.Client.LingerState = new LingerOption(true, 0);
        tcp.Close();
    }
}
