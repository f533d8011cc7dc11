using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Benchmarks;

/// <summary>
/// The API as its own OS process (the built HumasSaaS.Api.dll), so its memory is measured apart from the load
/// generator. Configured through environment variables like production; seeds the demo tenants.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string DemoPassword = "Bench-kata-sandi-2026";
    private readonly Process process;

    private ApiProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }
    public int Pid => process.Id;

    public static async Task<ApiProcess> StartAsync(TestDatabase database, bool seedDemo, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var dll = Path.Combine(RepoRoot(), "src", "HumasSaaS.Api", "bin", BuildConfiguration, "net10.0", "HumasSaaS.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first (dotnet build -c Release).", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        if (seedDemo) start.ArgumentList.Add("--seed-demo");
        start.Environment["ConnectionStrings__App"] = database.AppConnectionString;
        start.Environment["ConnectionStrings__Owner"] = database.OwnerConnectionString;
        start.Environment["ConnectionStrings__Orleans"] = database.OrleansConnectionString;
        start.Environment["Orleans__ClusterId"] = database.Name;
        start.Environment["Orleans__AdvertisedIP"] = "127.0.0.1";
        start.Environment["Orleans__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Blob__ServiceUri"] = TestEnvironment.BlobServiceUri;
        start.Environment["Blob__AccountName"] = TestEnvironment.BlobAccountName;
        start.Environment["Blob__AccountKey"] = TestEnvironment.BlobAccountKey;
        start.Environment["Clamd__Endpoint"] = TestEnvironment.ClamdEndpoint;
        start.Environment["Demo__Password"] = DemoPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[api] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = api.Address };
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"API exited with {process.ExitCode}");
            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return api;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("API did not become ready in 60 s");
    }

    /// <summary>Resident set size of the API process now (bytes), from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    /// <summary>A signed-in client (cookie) acting in <paramref name="tenant"/> through the X-Tenant header.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string? tenant)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 256 };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(10) };
        if (tenant is not null) client.DefaultRequestHeaders.Add("X-Tenant", tenant);
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = DemoPassword });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in {email}: {(int)response.StatusCode}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HumasSaaS.sln"))) return dir.FullName;
        throw new InvalidOperationException("HumasSaaS.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
