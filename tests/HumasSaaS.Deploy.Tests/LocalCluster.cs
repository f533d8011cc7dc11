using System.Net;
using System.Net.Http.Json;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// N API instances behind haproxy, started by deploy/local/cluster.sh (the same script people run) on the given
/// database and the shared Azurite, with ports of its own. Instance processes are read from the script's pid files,
/// so a test can SIGKILL or SIGTERM one of them (silo faults once the app hosts Orleans).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string DemoPassword = "Kluster-kata-sandi-2026";
    private readonly Dictionary<string, string> environment;

    private LocalCluster(Dictionary<string, string> environment, int count)
    {
        this.environment = environment;
        Count = count;
    }

    public int Count { get; }
    public string Directory => environment["HUMAS_CLUSTER_DIR"];
    public int BalancerPort => int.Parse(environment["HUMAS_CLUSTER_PORT"]);
    public Uri Address => new($"http://127.0.0.1:{BalancerPort}");
    public Uri InstanceAddress(int i) => new($"http://127.0.0.1:{int.Parse(environment["HUMAS_CLUSTER_HTTP_BASE"]) + i}");

    public static async Task<LocalCluster> StartAsync(int count, string ownerConnectionString, string appConnectionString, string orleansConnectionString,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var basePort = 20000 + Random.Shared.Next(0, 400) * 10;
        var env = new Dictionary<string, string>
        {
            ["HUMAS_CLUSTER_OWN_SERVICES"] = "1",
            ["HUMAS_CLUSTER_SEED_DEMO"] = "1",
            ["HUMAS_CLUSTER_DIR"] = System.IO.Directory.CreateTempSubdirectory("humas-cluster-").FullName,
            ["HUMAS_CLUSTER_PORT"] = PrivatePostgres.FreePort().ToString(),
            ["HUMAS_CLUSTER_HTTP_BASE"] = basePort.ToString(),
            ["HUMAS_CLUSTER_SILO_BASE"] = (basePort + 4000).ToString(),
            ["HUMAS_CLUSTER_GATEWAY_BASE"] = (basePort + 6000).ToString(),
            ["Orleans__ClusterId"] = "fault-" + Guid.NewGuid().ToString("N")[..8],
            ["ConnectionStrings__Owner"] = ownerConnectionString,
            ["ConnectionStrings__App"] = appConnectionString,
            ["ConnectionStrings__Orleans"] = orleansConnectionString,
            ["Blob__ServiceUri"] = TestEnvironment.BlobServiceUri,
            ["Blob__AccountName"] = TestEnvironment.BlobAccountName,
            ["Blob__AccountKey"] = TestEnvironment.BlobAccountKey,
            ["Clamd__Endpoint"] = TestEnvironment.ClamdEndpoint,
            ["Demo__Password"] = DemoPassword,
            ["Logging__LogLevel__Default"] = "Warning",
            ["PublicFormLimits__Permits__event_registration"] = "100000000",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        var cluster = new LocalCluster(env, count);
        var result = await Tool.RunAsync("bash", [Path.Combine(Tool.RepoRoot, "deploy", "local", "cluster.sh"), "up", count.ToString()],
            environment: env, timeout: TimeSpan.FromMinutes(6));
        if (result.ExitCode != 0)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException("cluster.sh up failed: " + result + cluster.Logs());
        }
        return cluster;
    }

    public int Pid(int i) => int.Parse(File.ReadAllText(Path.Combine(Directory, $"api-{i}.pid")).Trim());

    public string Logs() => string.Join("\n", System.IO.Directory.EnumerateFiles(Directory, "*.log")
        .Select(f => $"--- {Path.GetFileName(f)}\n" + string.Join("\n", File.ReadLines(f).TakeLast(40))));

    public async Task<HttpClient> SignedInClientAsync(string email, string tenant, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromSeconds(30) };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Tenant", tenant);
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = DemoPassword });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Logs()}");
        return client;
    }

    public Task RestartAsync(int i) => ScriptAsync("restart", i);
    public Task KillAsync(int i) => ScriptAsync("kill", i);

    private async Task ScriptAsync(string command, int i)
    {
        var result = await Tool.RunAsync("bash", [Path.Combine(Tool.RepoRoot, "deploy", "local", "cluster.sh"), command, i.ToString()],
            environment: environment, timeout: TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0) throw new InvalidOperationException($"cluster.sh {command} {i}: {result}{Logs()}");
    }

    public async ValueTask DisposeAsync()
    {
        await Tool.RunAsync("bash", [Path.Combine(Tool.RepoRoot, "deploy", "local", "cluster.sh"), "down"], environment: environment, timeout: TimeSpan.FromMinutes(2));
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
