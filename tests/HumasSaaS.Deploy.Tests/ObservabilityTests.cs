using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// One instance with JSON logs and an OTLP endpoint (a listener in this test): log lines of a tenant request carry
/// tenant, user and trace id; traces and metrics (ASP.NET Core, Npgsql) arrive over OTLP/HTTP.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ObservabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Json_logs_carry_tenant_user_and_trace_and_telemetry_is_exported_over_otlp()
    {
        var port = PrivatePostgres.FreePort();
        var received = new ConcurrentDictionary<string, List<byte[]>>();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(body);
                var list = received.GetOrAdd(ctx.Request.Url!.AbsolutePath, _ => []);
                lock (list) list.Add(body.ToArray());
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
            }
        });

        await using var pg = await PrivatePostgres.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(1, pg.OwnerConnectionString, pg.AppConnectionString, pg.OrleansConnectionString, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging__LogLevel__HumasSaaS.Grains.GrainCallTelemetry"] = "Debug",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var client = await cluster.SignedInClientAsync("admin@kubu-raya.demo.humassaas.id", "kubu-raya");
        (await client.GetAsync("/api/v1/events")).EnsureSuccessStatusCode();
        var (createdEvent, _) = await Load.EventWithParticipantsAsync(client, 1, "Rakor telemetri");
        var eventId = createdEvent.ToString();
        (await client.GetAsync($"/api/v1/events/{eventId}")).EnsureSuccessStatusCode(); // a call to the event's grain

        string Text(string path) => received.TryGetValue(path, out var list)
            ? string.Join("\n", list.Select(b => Encoding.Latin1.GetString(b))) : "";
        // Batches arrive in any order (sign-in spans before the request's): wait until everything asserted below is in.
        for (var i = 0; i < 60 && !(Text("/v1/traces").Contains("Npgsql", StringComparison.Ordinal)
                                    && Text("/v1/traces").Contains("kubu-raya", StringComparison.Ordinal)
                                    && Text("/v1/traces").Contains("orleans.grain.id", StringComparison.Ordinal)
                                    && Text("/v1/metrics").Contains("db.client.", StringComparison.Ordinal)
                                    && Text("/v1/metrics").Contains("http.server.request.duration", StringComparison.Ordinal)); i++)
            await Task.Delay(500);
        listener.Stop();
        await receiving;

        var traces = Text("/v1/traces");
        var metrics = Text("/v1/metrics");
        Assert.Contains("humas.tenant.slug", traces);
        Assert.Contains("kubu-raya", traces);
        Assert.Contains("Npgsql", traces);
        Assert.Contains("HumasSaaS.Grains", traces);
        Assert.Contains(eventId.Replace("-", "", StringComparison.Ordinal), traces); // the grain id names the event
        Assert.Contains("http.server.request.duration", metrics);
        Assert.Contains("db.client.", metrics);

        var lines = File.ReadLines(Path.Combine(cluster.Directory, "api-1.log"))
            .Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var request = lines.FirstOrDefault(l => l.ToString().Contains("/api/v1/events", StringComparison.Ordinal)
                                                && l.ToString().Contains("kubu-raya", StringComparison.Ordinal));
        output.WriteLine(request.ValueKind == JsonValueKind.Undefined ? "no request line" : request.ToString());
        Assert.NotEqual(JsonValueKind.Undefined, request.ValueKind);
        var scopes = request.GetProperty("Scopes").ToString();
        Assert.Contains("\"TraceId\"", scopes);
        Assert.Contains("\"humas.tenant.slug\":\"kubu-raya\"", scopes);
        Assert.Contains("\"enduser.id\"", scopes);

        // A line written inside the event's grain carries the grain id, its method and the tenant of its key.
        var grainLine = lines.FirstOrDefault(l => l.GetProperty("Category").GetString() == "HumasSaaS.Grains.GrainCallTelemetry"
                                                  && l.GetProperty("State").GetProperty("Method").GetString() == "IEventGrain.Get");
        output.WriteLine(grainLine.ValueKind == JsonValueKind.Undefined ? "no grain line" : grainLine.ToString());
        Assert.NotEqual(JsonValueKind.Undefined, grainLine.ValueKind);
        var grainScopes = grainLine.GetProperty("Scopes").ToString();
        Assert.Contains($"\"orleans.grain.id\":\"event/", grainScopes);
        Assert.Contains(eventId.Replace("-", "", StringComparison.Ordinal), grainScopes);
        Assert.Contains("\"orleans.grain.method\":\"IEventGrain.Get\"", grainScopes);
        Assert.Contains("\"humas.tenant.id\"", grainScopes);
        Assert.Contains("\"TraceId\"", grainScopes);
    }
}
