using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// A PostgreSQL server of the fault tests' own (initdb in a temporary folder, its own port), so restarting it
/// under load does not disturb the tests that share the local server. Roles as in deploy/local/start.sh.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string baseDir;
    private readonly string binDir;
    private readonly string ownerPassword = "owner-" + Guid.NewGuid().ToString("N");
    private readonly string appPassword = "app-" + Guid.NewGuid().ToString("N");

    private PrivatePostgres(string baseDir, string binDir, int port)
    {
        this.baseDir = baseDir;
        this.binDir = binDir;
        Port = port;
    }

    public int Port { get; }
    private string DataDir => Path.Combine(baseDir, "data");
    private string SocketDir => Path.Combine(baseDir, "run");

    public string OwnerConnectionString => $"Host=127.0.0.1;Port={Port};Database=humas;Username=humas_owner;Password={ownerPassword}";
    /// <summary>Superuser over the Unix socket: reads what is stored past row-level security.</summary>
    public string SuperuserConnectionString => $"Host={SocketDir};Port={Port};Username=postgres;Database=humas";
    public string AppConnectionString => $"Host=127.0.0.1;Port={Port};Database=humas;Username=humas_app;Password={appPassword}";
    public string OrleansConnectionString => $"Host=127.0.0.1;Port={Port};Database=humas;Username=humas_orleans;Password={appPassword};Search Path=orleans";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var binDir = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found (deploy/local/prereqs.sh installs them)");
        // /var/tmp, not the repository: the postgres system user must be able to reach it.
        var baseDir = Path.Combine("/var/tmp", "humas-fault-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(baseDir);
        var pg = new PrivatePostgres(baseDir, binDir, FreePort());
        Directory.CreateDirectory(pg.SocketDir);
        if (IsRoot) await Must(Tool.RunAsync("chown", ["-R", "postgres:postgres", baseDir]));
        await pg.AsPostgres("initdb", "-D", pg.DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await pg.StartServerAsync();
        await using (var connection = new NpgsqlConnection($"Host={pg.SocketDir};Port={pg.Port};Username=postgres;Database=postgres"))
        {
            await connection.OpenAsync();
            foreach (var sql in new[]
                     {
                         $"CREATE ROLE humas_owner LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD '{pg.ownerPassword}'",
                         $"CREATE ROLE humas_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD '{pg.appPassword}'",
                         $"CREATE ROLE humas_orleans LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD '{pg.appPassword}'",
                         "GRANT pg_signal_backend TO humas_owner",
                         "CREATE DATABASE humas OWNER humas_owner ENCODING 'UTF8'",
                     })
            {
                await using var cmd = new NpgsqlCommand(sql, connection);
                await cmd.ExecuteNonQueryAsync();
            }
        }
        return pg;
    }

    public Task StopServerAsync() => AsPostgres("pg_ctl", "-D", DataDir, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() => AsPostgres("pg_ctl", "-D", DataDir, "-w", "-t", "60", "-l", Path.Combine(baseDir, "server.log"),
        "-o", $"-p {Port} -k {SocketDir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        try { await StopServerAsync(); } catch (InvalidOperationException) { }
        Directory.Delete(baseDir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgres(string program, params string[] args) =>
        Must(IsRoot
            ? Tool.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(binDir, program), .. args], "/")
            : Tool.RunAsync(Path.Combine(binDir, program), args, "/"));

    private static async Task Must(Task<ToolResult> run)
    {
        var result = await run;
        if (result.ExitCode != 0) throw new InvalidOperationException(result.ToString());
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
