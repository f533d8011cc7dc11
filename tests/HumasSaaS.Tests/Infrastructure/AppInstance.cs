using System.Net;
using System.Net.Http.Json;
using HumasSaaS.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>A real instance of the product on Kestrel (loopback, free port) against the test database and Azurite.</summary>
public sealed class AppInstance : IAsyncDisposable
{
    private AppInstance(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>
    /// The other instances of the same cluster (same test database). When set, <see cref="CreateClient"/> spreads each
    /// client's requests over this instance and its peers in turn, like a load balancer without affinity.
    /// </summary>
    public IReadOnlyList<AppInstance> Peers { get; set; } = [];

    /// <summary>This instance first, then its peers.</summary>
    public IReadOnlyList<Uri> ClusterAddresses => [Address, .. Peers.Select(p => p.Address)];

    public static WebApplication Build(TestDatabase database, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:App"] = database.AppConnectionString,
            ["ConnectionStrings:Owner"] = database.OwnerConnectionString,
            ["ConnectionStrings:Orleans"] = database.OrleansConnectionString,
            // One cluster per test database: instances built on the same database join each other.
            ["Orleans:ClusterId"] = database.Name,
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Orleans:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Blob:ServiceUri"] = TestEnvironment.BlobServiceUri,
            ["Blob:AccountName"] = TestEnvironment.BlobAccountName,
            ["Blob:AccountKey"] = TestEnvironment.BlobAccountKey,
            ["Clamd:Endpoint"] = TestEnvironment.ClamdEndpoint,
            ["Tenancy:BaseDomain"] = "humas.test",
            ["Logging:LogLevel:Default"] = "Warning",
            // Every test request comes from 127.0.0.1; PublicFormLimitTests sets its own low limits.
            ["PublicFormLimits:DefaultPermits"] = "100000",
            ["PublicFormLimits:Permits:event_registration"] = "100000",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        if (settings is not null)
            foreach (var (k, v) in settings) config[k] = v;
        return HumasApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(config);
            configure?.Invoke(b);
        });
    }

    public static async Task<AppInstance> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(database, settings, configure);
        await HumasApp.PrepareAsync(app);
        return await StartBuiltAsync(app);
    }

    public static async Task<AppInstance> StartBuiltAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AppInstance(app, new Uri(address));
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client with its own cookie jar, like one browser; its requests alternate over the cluster's instances.</summary>
    public TestClient CreateClient(string? tenant = null) => new(ClusterAddresses, tenant);

    /// <summary>A client whose every request goes to this instance only.</summary>
    public TestClient CreatePinnedClient(string? tenant = null) => new(Address, tenant);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public sealed class TestClient : IDisposable
{
    public TestClient(Uri address, string? tenant) : this([address], tenant)
    {
    }

    /// <summary>
    /// Requests addressed to the first instance go to each of <paramref name="addresses"/> in turn. One cookie jar
    /// serves all of them: cookies ignore the port, as a browser's do behind one host name.
    /// </summary>
    public TestClient(IReadOnlyList<Uri> addresses, string? tenant)
    {
        Cookies = new CookieContainer();
        HttpMessageHandler handler = new Contract.ContractValidatingHandler(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false });
        if (addresses.Count > 1) handler = new RoundRobinHandler(addresses, handler);
        Http = new HttpClient(handler)
        {
            BaseAddress = addresses[0],
        };
        if (tenant is not null) Http.DefaultRequestHeaders.Add("X-Tenant", tenant);
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public async Task SignInAsync(string email, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Sends each request to the next instance of the cluster (only requests addressed to the first one).</summary>
public sealed class RoundRobinHandler(IReadOnlyList<Uri> addresses, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = addresses[(int)((uint)Interlocked.Increment(ref next) % (uint)addresses.Count)];
        if (request.RequestUri is { IsAbsoluteUri: true } uri && uri.Authority == addresses[0].Authority && target.Authority != uri.Authority)
            request.RequestUri = new UriBuilder(uri) { Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
