using System.Net;

namespace HumasSaaS.Storage.Tests;

public class SecurityAndHealthTests
{
    private static async Task<(StoreScope Scope, string Container, byte[] Data)> WithBlobAsync(string name)
    {
        var s = new StoreScope();
        var container = await s.NewContainerAsync();
        var data = Data.Png(5000);
        await s.Store.UploadAsync(container, name, new MemoryStream(data), Data.PngOnly());
        return (s, container, data);
    }

    [Fact]
    public async Task Read_SAS_downloads_with_a_plain_HttpClient()
    {
        var (s, container, data) = await WithBlobAsync("photos/cat.png");
        await using var _ = s;
        using var plain = new HttpClient();

        var sas = await s.Store.CreateReadSasUriAsync(container, "photos/cat.png", TimeSpan.FromMinutes(5), "attachment; filename=\"cat.png\"");
        using var response = await plain.GetAsync(sas);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"cat.png\"", string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Contains("sp=r", sas.Query);
        Assert.DoesNotContain("spr=", sas.Query);
    }

    [Fact]
    public async Task Tampered_or_misused_SAS_is_refused()
    {
        var (s, container, _) = await WithBlobAsync("secret.png");
        await using var __ = s;
        await s.Store.UploadAsync(container, "other.png", new MemoryStream(Data.Png(10)), Data.PngOnly());
        using var plain = new HttpClient();
        var sas = (await s.Store.CreateReadSasUriAsync(container, "secret.png", TimeSpan.FromMinutes(5))).AbsoluteUri;

        // signature altered
        var sigStart = sas.IndexOf("&sig=", StringComparison.Ordinal) + 5;
        var flipped = sas[sigStart] == 'A' ? 'B' : 'A';
        var badSig = sas[..sigStart] + flipped + sas[(sigStart + 1)..];
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(badSig)).StatusCode);

        // permissions widened
        var widened = sas.Replace("sp=r", "sp=rw", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(widened)).StatusCode);

        // expiry extended
        var extended = System.Text.RegularExpressions.Regex.Replace(sas, "se=[^&]+", "se=2099-01-01T00%3A00%3A00Z");
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(extended)).StatusCode);

        // same signature on another blob
        var otherBlob = sas.Replace("/secret.png?", "/other.png?", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(otherBlob)).StatusCode);

        // a read SAS cannot write
        using var put = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new ByteArrayContent([1, 2, 3]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.SendAsync(put)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync(sas)).StatusCode);
    }

    [Fact]
    public async Task Expired_SAS_is_refused()
    {
        var (s, container, _) = await WithBlobAsync("old.png");
        await using var __ = s;
        using var plain = new HttpClient();
        var pastClock = TestEnv.Store(s.Http, time: new FixedTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));

        var expired = await pastClock.CreateReadSasUriAsync(container, "old.png", TimeSpan.FromMinutes(30));

        using var response = await plain.GetAsync(expired);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SAS_lifetime_must_be_positive()
    {
        using var http = new HttpClient();
        var store = TestEnv.Store(http);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateReadSasUriAsync("abc", "x", TimeSpan.Zero));
    }

    [Fact]
    public async Task Wrong_account_key_is_refused_with_403()
    {
        using var http = new HttpClient();
        var wrongKey = Convert.ToBase64String(Data.Random(64));
        var store = TestEnv.Store(http, accountKey: wrongKey);

        var e = await Assert.ThrowsAsync<BlobStorageException>(() => store.CreateContainerIfNotExistsAsync(TestEnv.NewContainerName()));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        // Azure answers AuthenticationFailed; Azurite 3.35 answers AuthorizationFailure.
        Assert.Contains(e.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" });
        var upload = await Assert.ThrowsAsync<BlobStorageException>(() =>
            store.UploadAsync(TestEnv.NewContainerName(), "x.png", new MemoryStream(Data.Png(100)), Data.PngOnly()));
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.False(await store.IsReachableAsync());
    }

    [Fact]
    public async Task IsReachable_true_for_the_real_endpoint()
    {
        await using var s = new StoreScope();

        Assert.True(await s.Store.IsReachableAsync());
    }

    [Fact]
    public async Task IsReachable_false_for_a_closed_port()
    {
        var env = TestEnv.Options();
        var closed = new UriBuilder(env.ServiceUri) { Host = "127.0.0.1", Port = TestEnv.ClosedPort() }.Uri;
        using var http = new HttpClient();
        var store = TestEnv.Store(http, serviceUri: closed);

        Assert.False(await store.IsReachableAsync());
        // The SDK retries connection failures, then reports every attempt.
        var e = await Assert.ThrowsAsync<AggregateException>(() => store.CreateContainerIfNotExistsAsync("abc"));
        Assert.All(e.InnerExceptions, inner => Assert.IsType<Azure.RequestFailedException>(inner));
    }

    [Fact]
    public void Invalid_key_is_rejected_at_construction()
    {
        using var http = new HttpClient();

        Assert.Throws<FormatException>(() => TestEnv.Store(http, accountKey: "not base64!"));
    }
}
