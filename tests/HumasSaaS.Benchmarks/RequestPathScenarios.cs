using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using HumasSaaS.Tests.Infrastructure;
using Npgsql;

namespace HumasSaaS.Benchmarks;

/// <summary>
/// The request path side by side in one run: the process's floor (/health/live), an authenticated cheap read
/// (a tenant's event list with an API token), the 500-partner listing, and pgbench running that listing's own SQL
/// under the same RLS setting as its ceiling. Load comes from wrk (Debian package) so the generator costs little.
/// </summary>
public static partial class RequestPathScenarios
{
    private const string ListingTenant = "minahasa";
    private const string ListingPath = "/api/v1/media-partners?status=verified";

    /// <summary>The listing's SQL as the endpoint sends it for ?status=verified (see MediaPartnerEndpoints.ListAsync).</summary>
    private const string ListingSql =
        """
        SELECT id, version, company_id, state ->> 'companyName', state -> 'profile' ->> 'mediaName', state -> 'profile' ->> 'mediaType', status,
               CASE WHEN status = 'verified' THEN state -> 'decision' ->> 'grade' END,
               (state ->> 'submittedAt')::timestamptz, jsonb_typeof(state -> 'announcement') = 'object'
        FROM media_partners
        WHERE ('verified'::text IS NULL OR status = 'verified') AND (NULL::text IS NULL OR state -> 'profile' ->> 'mediaType' = NULL)
        ORDER BY state -> 'profile' ->> 'mediaName', id;
        """;

    public static async Task RunAsync(ApiProcess api, TestDatabase database, ResultTable table, int extraTenants)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HUMAS_BENCH_SECONDS"), out var s) ? s : 10;
        var label = extraTenants > 0 ? $" [{extraTenants + 9} tenants]" : "";

        using var admin = await api.SignedInClientAsync("admin@minahasa.demo.humassaas.id", ListingTenant);
        var partners = await MediaPartnerScenarios.SeedVerifiedPartnersAsync(api, database, admin, ListingTenant, 500);
        var listingToken = await CreateTokenAsync(admin);
        using var eventsAdmin = await api.SignedInClientAsync("admin@kubu-raya.demo.humassaas.id", "kubu-raya");
        var eventsToken = await CreateTokenAsync(eventsAdmin);
        if (extraTenants > 0) await SeedTenantsAsync(database, extraTenants, 300);

        var floor = await WrkAsync(api.Address + "health/live", 32, seconds, []);
        Report(table, "floor: GET /health/live, 32 connections" + label, floor, null);
        var read = await WrkAsync(api.Address + "api/v1/events", 32, seconds,
            [$"Authorization: Bearer {eventsToken}", "X-Tenant: kubu-raya"]);
        Report(table, "authenticated read: GET /api/v1/events (token), 32 connections" + label, read,
            $"{100 * read.RequestsPerSecond / floor.RequestsPerSecond:F1} % of the floor (goal >= 20 %), p99 goal < 20 ms");
        var listing = await WrkAsync(api.Address + ListingPath.TrimStart('/'), 16, seconds,
            [$"Authorization: Bearer {listingToken}", $"X-Tenant: {ListingTenant}"]);
        var pgbench = await PgbenchListingAsync(database, 16, seconds);
        Report(table, $"listing {partners} verified partners (token), 16 connections" + label, listing,
            $"{100 * listing.RequestsPerSecond / pgbench:F1} % of pgbench on its SQL (goal >= 50 %)");
        table.Add($"pgbench: the listing's SQL in a transaction with set_config, 16 clients" + label, "transactions/s", $"{pgbench:F0}", "prepared, app role under RLS");
    }

    private static void Report(ResultTable table, string name, WrkResult result, string? note)
    {
        table.Add(name, "requests/s", $"{result.RequestsPerSecond:F0}", $"{result.Requests} requests, {result.Errors} non-2xx/errors");
        table.Add(name, "p50 / p99", $"{result.P50:F2} / {result.P99:F2} ms", note ?? "");
    }

    private static async Task<string> CreateTokenAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "uji kinerja " + Guid.NewGuid().ToString("N")[..6], role = "tenant_admin", expiresInDays = 1 });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException("token: " + body);
        var node = JsonNode.Parse(body)!;
        return (string?)node["secret"] ?? throw new InvalidOperationException("token: no secret in " + body);
    }

    /// <summary>Adds <paramref name="count"/> tenants with <paramref name="partnersEach"/> verified partners each (copies of the listing tenant's).</summary>
    private static async Task SeedTenantsAsync(TestDatabase database, int count, int partnersEach)
    {
        await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
        await owner.OpenAsync();
        await owner.ExecuteAsync("SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE slug = @ListingTenant), false)", new { ListingTenant });
        await owner.ExecuteAsync($"CREATE TEMP TABLE bench_src AS SELECT version, state, updated_by FROM media_partners WHERE status = 'verified' LIMIT {partnersEach}");
        await owner.ExecuteAsync(
            $"""
            DO $$
            DECLARE t uuid;
            BEGIN
                FOR n IN 1..{count} LOOP
                    t := gen_random_uuid();
                    INSERT INTO tenants (id, slug, official_name, kind, province, office_unit_name)
                    VALUES (t, 'uji-' || lpad(n::text, 4, '0'), 'Kabupaten Uji ' || n, 'kabupaten', 'Provinsi Uji', 'Bagian Humas Uji');
                    PERFORM set_config('app.tenant_id', t::text, false);
                    INSERT INTO media_partners (tenant_id, id, version, state, updated_by)
                    SELECT t, gen_random_uuid(), version, state, updated_by FROM bench_src;
                END LOOP;
            END $$;
            """, commandTimeout: 3600);
        await owner.ExecuteAsync("ANALYZE");
    }

    private sealed record WrkResult(double RequestsPerSecond, long Requests, long Errors, double P50, double P99);

    private static async Task<WrkResult> WrkAsync(string url, int connections, int seconds, string[] headers)
    {
        var args = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" };
        foreach (var h in headers) { args.Add("-H"); args.Add(h); }
        args.Add(url);
        var output = await RunToolAsync("wrk", args, null);
        double Latency(string p)
        {
            var m = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) return double.NaN;
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
        }
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        var socket = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        var errors = (non2xx.Success ? long.Parse(non2xx.Groups[1].Value) : 0)
                     + (socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value)) : 0);
        return new WrkResult(rps, requests, errors, Latency("50"), Latency("99"));
    }

    private static async Task<double> PgbenchListingAsync(TestDatabase database, int clients, int seconds)
    {
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString);
        Guid tenantId;
        await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
            tenantId = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM tenants WHERE slug = @ListingTenant", new { ListingTenant });
        var script = Path.Combine(Path.GetTempPath(), $"humas-listing-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script,
            $"BEGIN;\nSELECT set_config('app.tenant_id', '{tenantId}', true);\n{ListingSql.ReplaceLineEndings(" ")}\nCOMMIT;\n");
        try
        {
            var output = await RunToolAsync("pgbench",
                ["-n", "-M", "prepared", $"-c{clients}", "-j2", $"-T{seconds}", "-f", script,
                 "-h", app.Host!, "-p", app.Port.ToString(CultureInfo.InvariantCulture), "-U", app.Username!, app.Database!],
                new Dictionary<string, string> { ["PGPASSWORD"] = app.Password ?? "" });
            var m = Regex.Match(output, @"tps = ([\d.]+)");
            return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("pgbench: " + output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunToolAsync(string tool, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start (install it: apt-get install wrk / postgresql-client)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
