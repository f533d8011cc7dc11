using System.Net;
using System.Net.Sockets;

namespace HumasSaaS.Storage.Tests;

/// <summary>
/// The same operations against a production-style endpoint (http://ACCOUNT.blob.localhost:PORT, account in the host name). Azurite understands such hosts; the connection is routed to the
/// Azurite address from the environment, so no name resolution is needed.
/// </summary>
public class ProductionStyleUrlTests
{
    private static (HttpClient Http, AzureBlobStore Store) HostStyleClient()
    {
        var env = TestEnv.Options();
        var target = new DnsEndPoint(env.ServiceUri.Host, env.ServiceUri.Port);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var hostStyle = new Uri($"{env.ServiceUri.Scheme}://{env.AccountName}.blob.localhost:{env.ServiceUri.Port}/");
        var http = new HttpClient(handler);
        return (http, TestEnv.Store(http, blockSize: 64 * 1024, listPageSize: 2, serviceUri: hostStyle));
    }

    [Fact]
    public async Task Host_style_endpoint_works_for_every_operation()
    {
        var (http, store) = HostStyleClient();
        using var _ = http;
        var container = TestEnv.NewContainerName();
        var other = TestEnv.NewContainerName();
        try
        {
            Assert.True(await store.IsReachableAsync());
            await store.CreateContainerIfNotExistsAsync(container);
            await store.CreateContainerIfNotExistsAsync(other);
            var data = Data.Png(200_000);
            const string name = "dir/ü x+y.png";

            var result = await store.UploadAsync(container, name, new TrickleStream(data), Data.PngOnly(ifNoneMatchAny: true));
            Assert.Equal(Data.Sha256Hex(data), result.Sha256Hex);
            await Assert.ThrowsAsync<BlobAlreadyExistsException>(() =>
                store.UploadAsync(container, name, new MemoryStream(Data.Png(10)), Data.PngOnly(ifNoneMatchAny: true)));

            await using (var download = await store.GetAsync(container, name))
            {
                Assert.NotNull(download);
                using var ms = new MemoryStream();
                await download.Content.CopyToAsync(ms);
                Assert.Equal(data, ms.ToArray());
            }

            for (var i = 0; i < 3; i++)
                await store.UploadAsync(container, $"list/{i}.png", new MemoryStream(Data.Png(10)), Data.PngOnly());
            var listed = new List<string>();
            await foreach (var item in store.ListAsync(container, "list/")) listed.Add(item.Name);
            Assert.Equal(["list/0.png", "list/1.png", "list/2.png"], listed);

            await store.CopyAsync(container, name, other, "copy.png");
            await using (var copy = await store.GetAsync(other, "copy.png"))
                Assert.Equal(data.Length, copy!.Length);

            var sas = await store.CreateReadSasUriAsync(container, name, TimeSpan.FromMinutes(5));
            Assert.StartsWith($"http://{TestEnv.Options().AccountName}.blob.localhost:", sas.AbsoluteUri);
            Assert.Equal(data, await http.GetByteArrayAsync(sas));

            Assert.True(await store.DeleteIfExistsAsync(container, name));
            Assert.Null(await store.GetAsync(container, name));
        }
        finally
        {
            await store.DeleteContainerIfExistsAsync(container);
            await store.DeleteContainerIfExistsAsync(other);
        }
    }
}
