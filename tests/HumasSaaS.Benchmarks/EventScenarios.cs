using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Benchmarks;

/// <summary>Issue 4: door check-ins across two API processes, and public registrations.</summary>
public static class EventScenarios
{
    private const int Participants = 1000;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>1,000 distinct participants checked in at once, alternating between two API processes on one database.</summary>
    public static async Task CheckInsAsync(ApiProcess api, TestDatabase database, ResultTable table)
    {
        const string tenant = "kubu-raya";
        // The second process is capped like the first would be in production: processes × pool ≤ max_connections.
        await using var second = await ApiProcess.StartAsync(database, seedDemo: false,
            new Dictionary<string, string> { ["ConnectionStrings__App"] = database.AppConnectionString + ";Maximum Pool Size=50" });
        using var first = await api.SignedInClientAsync("admin@kubu-raya.demo.humassaas.id", tenant);
        using var other = await second.SignedInClientAsync("admin@kubu-raya.demo.humassaas.id", tenant);

        foreach (var round in new[] { "warm-up", "measured" })
        {
            var id = await PublishedEventAsync(first, $"Rakor Kehumasan ({round})", capacity: null);
            var csv = new StringBuilder("nama,instansi,kategori\n");
            for (var i = 0; i < Participants; i++) csv.Append($"Peserta {i:0000},Kecamatan {i % 9},kecamatan\n");
            using (var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))
                (await first.PostAsync($"/api/v1/events/{id}/participants/import", content)).EnsureSuccessStatusCode();
            var codes = JsonNode.Parse(await first.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToArray();

            var (samples, wall, failures) = await LatencySamples.RunAsync(codes.Length, concurrency: codes.Length, async i =>
            {
                var client = i % 2 == 0 ? first : other;
                using var response = await client.PostAsJsonAsync($"/api/v1/events/{id}/check-ins", new { code = codes[i], day = 1 });
                return response.StatusCode == HttpStatusCode.OK;
            });
            var recorded = (int)JsonNode.Parse(await first.GetStringAsync($"/api/v1/events/{id}/attendance"))!["days"]![0]!["present"]!;
            if (round == "warm-up") continue;
            table.Add("check-in 1,000 at once, 2 processes", "throughput", $"{codes.Length / wall.TotalSeconds:F0} check-ins/s", $"wall {wall.TotalSeconds:F2} s");
            table.Add("check-in 1,000 at once, 2 processes", "p50 / p99", $"{samples.Percentile(50):F0} / {samples.Percentile(99):F0} ms", "includes queueing of 1,000 in flight");
            table.Add("check-in 1,000 at once, 2 processes", "recorded / failed", $"{recorded} / {failures}");
        }

        // Sustained rate at a moderate concurrency (a few doors, many phones).
        {
            var id = await PublishedEventAsync(first, "Rakor Kehumasan (berkelanjutan)", capacity: null);
            var csv = new StringBuilder("nama,kategori\n");
            for (var i = 0; i < 2000; i++) csv.Append($"Peserta {i:0000},opd\n");
            using (var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))
                (await first.PostAsync($"/api/v1/events/{id}/participants/import", content)).EnsureSuccessStatusCode();
            var codes = JsonNode.Parse(await first.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToArray();
            var (samples, wall, failures) = await LatencySamples.RunAsync(codes.Length, concurrency: 32, async i =>
            {
                using var response = await (i % 2 == 0 ? first : other).PostAsJsonAsync($"/api/v1/events/{id}/check-ins", new { code = codes[i], day = 1 });
                return response.StatusCode == HttpStatusCode.OK;
            });
            table.Add("check-in 2,000 at 32 in flight, 2 processes", "throughput", $"{codes.Length / wall.TotalSeconds:F0} check-ins/s", $"{failures} failed");
            table.Add("check-in 2,000 at 32 in flight, 2 processes", "p50 / p99", $"{samples.Percentile(50):F0} / {samples.Percentile(99):F0} ms");
        }
    }

    /// <summary>Public registrations (no sign-in) into one event: each takes the event row lock to keep the capacity.</summary>
    public static async Task RegistrationsAsync(ApiProcess api, ResultTable table)
    {
        const string tenant = "tomohon";
        using var admin = await api.SignedInClientAsync("admin@tomohon.demo.humassaas.id", tenant);
        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = api.Address };
        anonymous.DefaultRequestHeaders.Add("X-Tenant", tenant);
        const int total = 1000;
        var id = await PublishedEventAsync(admin, "Coffee Morning bersama Insan Pers", capacity: total);
        var (samples, wall, failures) = await LatencySamples.RunAsync(total, concurrency: 32, async i =>
        {
            using var response = await anonymous.PostAsJsonAsync($"/api/v1/public/events/{id}/registrations",
                new { name = $"Wartawan {i:0000}", category = "media", institution = "Harian Uji", phone = $"0812{i:00000000}" });
            return response.StatusCode == HttpStatusCode.Created;
        });
        var full = await anonymous.PostAsJsonAsync($"/api/v1/public/events/{id}/registrations",
            new { name = "Satu Lagi", category = "media", phone = "081299999999" });
        table.Add("public registration, 1 event, 32 in flight", "throughput", $"{total / wall.TotalSeconds:F0} registrations/s", $"{failures} failed");
        table.Add("public registration, 1 event, 32 in flight", "p50 / p99", $"{samples.Percentile(50):F0} / {samples.Percentile(99):F0} ms");
        table.Add("public registration at capacity", "1,001st answer", $"{(int)full.StatusCode}", "capacity 1,000 held");
    }

    private static async Task<Guid> PublishedEventAsync(HttpClient client, string title, int? capacity)
    {
        var created = await client.PostAsJsonAsync("/api/v1/events", new
        {
            @event = new { type = "rakor", title, days = new[] { Today.ToString("yyyy-MM-dd") }, venue = "Aula Kantor Bupati", capacity },
        });
        created.EnsureSuccessStatusCode();
        var node = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = node["id"]!.GetValue<Guid>();
        (await client.PostAsJsonAsync($"/api/v1/events/{id}/publish", new { version = node["version"]!.GetValue<int>() })).EnsureSuccessStatusCode();
        return id;
    }
}
