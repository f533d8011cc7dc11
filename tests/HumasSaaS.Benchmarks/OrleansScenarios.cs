using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Benchmarks;

/// <summary>
/// Issue 9: the product as a cluster of two silos (two API processes on one database, one ClusterId). All figures come
/// from one load loop (32 workers for a fixed time, requests alternating between the two processes), so the floor
/// (/health/live) and the check-ins are measured with the same tool in the same run.
/// </summary>
public static class OrleansScenarios
{
    private const string EventTenant = "kubu-raya";
    private const string PartnerTenant = "kotamobagu";
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static async Task RunAsync(ApiProcess api, TestDatabase database, ResultTable table)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HUMAS_BENCH_SECONDS"), out var s) ? Math.Max(s, 10) : 10;
        await using var second = await ApiProcess.StartAsync(database, seedDemo: false,
            new Dictionary<string, string> { ["ConnectionStrings__App"] = database.AppConnectionString + ";Maximum Pool Size=50" });
        using var first = await api.SignedInClientAsync($"admin@{EventTenant}.demo.humassaas.id", EventTenant);
        using var other = await second.SignedInClientAsync($"admin@{EventTenant}.demo.humassaas.id", EventTenant);
        HttpClient Pick(int i) => i % 2 == 0 ? first : other;

        // Floor: the processes' own cheapest answer through the same loop.
        await TimedAsync(32, TimeSpan.FromSeconds(2), async i => (await Pick(i).GetAsync("/health/live")).IsSuccessStatusCode); // warm-up
        var floor = await TimedAsync(32, TimeSpan.FromSeconds(seconds), async i =>
        {
            using var response = await Pick(i).GetAsync("/health/live");
            return response.StatusCode == HttpStatusCode.OK;
        });
        Report(table, "floor: GET /health/live, 32 in flight, 2 silos", floor, "requests/s", null);

        // Sustained check-ins: 32 in flight for the whole time over 5,000 participants (the most the participant list returns);
        // codes repeat once all are in ("sudah hadir", also 200).
        {
            var (id, codes) = await EventWithParticipantsAsync(first, "Rakor Kehumasan (klaster, berkelanjutan)", 5000);
            await TimedAsync(32, TimeSpan.FromSeconds(2), async i => await CheckInAsync(Pick(i), id, codes[codes.Length - 1 - (i % 500)])); // warm-up
            var sustained = await TimedAsync(32, TimeSpan.FromSeconds(seconds), async i => await CheckInAsync(Pick(i), id, codes[i % (codes.Length - 500)]));
            var present = await PresentAsync(first, id);
            Report(table, "check-in, 32 in flight, 2 silos", sustained, "check-ins/s",
                $"{100 * sustained.Rate / floor.Rate:F1} % of the floor (goal >= 10 %), p99 goal < 50 ms; {present} participants present");
        }

        // Burst: 1,000 distinct participants at once.
        foreach (var round in new[] { "warm-up", "measured" })
        {
            var (id, codes) = await EventWithParticipantsAsync(first, $"Rakor Kehumasan (klaster, serentak {round})", 1000);
            var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            var (samples, wall, failures) = await LatencySamples.RunAsync(codes.Length, codes.Length, async i =>
            {
                string answer;
                try
                {
                    using var response = await Pick(i).PostAsJsonAsync($"/api/v1/events/{id}/check-ins", new { code = codes[i], day = 1 });
                    answer = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    answer = e.GetType().Name;
                }
                answers.AddOrUpdate(answer, 1, (_, n) => n + 1);
                return answer == "200";
            });
            if (round == "warm-up") continue;
            var present = await PresentAsync(first, id);
            table.Add("check-in 1,000 at once, 2 silos", "answers", string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")));
            table.Add("check-in 1,000 at once, 2 silos", "throughput", $"{codes.Length / wall.TotalSeconds:F0} check-ins/s", $"wall {wall.TotalSeconds:F2} s");
            table.Add("check-in 1,000 at once, 2 silos", "p50 / p99", $"{samples.Percentile(50):F0} / {samples.Percentile(99):F0} ms", "includes queueing of 1,000 in flight");
            table.Add("check-in 1,000 at once, 2 silos", "present / failed", $"{present} / {failures}");
        }

        // Partner decisions on distinct partners (one document decision each, 32 in flight over both silos).
        using var adminA = await api.SignedInClientAsync($"admin@{PartnerTenant}.demo.humassaas.id", PartnerTenant);
        using var adminB = await second.SignedInClientAsync($"admin@{PartnerTenant}.demo.humassaas.id", PartnerTenant);
        var inReview = await PartnersInReviewAsync(api, adminA, 300);
        {
            var (samples, wall, failures) = await LatencySamples.RunAsync(inReview.Count, 32, async i =>
            {
                var (partnerId, documentId, version) = inReview[i];
                using var response = await (i % 2 == 0 ? adminA : adminB).PostAsJsonAsync($"/api/v1/media-partners/{partnerId}/documents/{documentId}/decision",
                    new { version, decision = "accepted", note = "Sesuai" });
                return response.StatusCode == HttpStatusCode.OK;
            });
            table.Add($"partner decision, {inReview.Count} distinct partners, 32 in flight, 2 silos", "decisions/s",
                $"{inReview.Count / wall.TotalSeconds:F0}", $"{failures} failed");
            table.Add($"partner decision, {inReview.Count} distinct partners, 32 in flight, 2 silos", "p50 / p99",
                $"{samples.Percentile(50):F1} / {samples.Percentile(99):F1} ms");
        }

        // Activation: partners that exist only as SQL rows (no activation anywhere); first read through the grain, then again.
        {
            var before = await GetIdsAsync(adminA, "/api/v1/media-partners");
            await MediaPartnerScenarios.CopyPartnerAsync(database, PartnerTenant, inReview[0].Partner, 200, "PT Media Dingin ");
            var cold = (await GetIdsAsync(adminA, "/api/v1/media-partners")).Except(before).ToList();
            var coldSamples = new LatencySamples();
            var warmSamples = new LatencySamples();
            for (var i = 0; i < cold.Count; i++)
            {
                var client = i % 2 == 0 ? adminA : adminB;
                foreach (var samples in new[] { coldSamples, warmSamples })
                {
                    var sw = Stopwatch.StartNew();
                    using var response = await client.GetAsync($"/api/v1/media-partners/{cold[i]}");
                    await response.Content.CopyToAsync(Stream.Null);
                    samples.Add(sw.Elapsed);
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"partner {cold[i]}: {(int)response.StatusCode}");
                }
            }
            table.Add($"grain activation: first read of a cold partner, {cold.Count} partners, 1 in flight", "p50 / p99",
                $"{coldSamples.Percentile(50):F1} / {coldSamples.Percentile(99):F1} ms", "state read from grain storage, or taken over from SQL rows");
            table.Add("grain activation: the same read again (warm)", "p50 / p99",
                $"{warmSamples.Percentile(50):F1} / {warmSamples.Percentile(99):F1} ms",
                $"activation costs about {coldSamples.Percentile(50) - warmSamples.Percentile(50):F1} ms at the median");
        }
    }

    public sealed record TimedResult(LatencySamples Samples, TimeSpan Wall, int Failures)
    {
        public double Rate => Samples.Count / Wall.TotalSeconds;
    }

    /// <summary>The one load loop: <paramref name="workers"/> in flight until <paramref name="duration"/> has passed.</summary>
    public static async Task<TimedResult> TimedAsync(int workers, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var samples = new LatencySamples();
        var failures = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (wall.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                var sw = Stopwatch.StartNew();
                var ok = await operation(i);
                samples.Add(sw.Elapsed);
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        return new TimedResult(samples, wall.Elapsed, failures);
    }

    private static void Report(ResultTable table, string name, TimedResult result, string unit, string? note)
    {
        table.Add(name, unit, $"{result.Rate:F0}", $"{result.Samples.Count} in {result.Wall.TotalSeconds:F1} s, {result.Failures} failed");
        table.Add(name, "p50 / p99", $"{result.Samples.Percentile(50):F1} / {result.Samples.Percentile(99):F1} ms", note ?? "");
    }

    private static async Task<bool> CheckInAsync(HttpClient client, Guid eventId, string code)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/events/{eventId}/check-ins", new { code, day = 1 });
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<int> PresentAsync(HttpClient client, Guid eventId) =>
        (int)JsonNode.Parse(await client.GetStringAsync($"/api/v1/events/{eventId}/attendance"))!["days"]![0]!["present"]!;

    private static async Task<(Guid Id, string[] Codes)> EventWithParticipantsAsync(HttpClient client, string title, int participants)
    {
        var created = await client.PostAsJsonAsync("/api/v1/events", new
        {
            @event = new { type = "rakor", title, days = new[] { Today.ToString("yyyy-MM-dd") }, venue = "Aula Kantor Bupati", capacity = (int?)null },
        });
        created.EnsureSuccessStatusCode();
        var node = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = node["id"]!.GetValue<Guid>();
        (await client.PostAsJsonAsync($"/api/v1/events/{id}/publish", new { version = node["version"]!.GetValue<int>() })).EnsureSuccessStatusCode();
        for (var start = 0; start < participants; start += 2000)
        {
            var csv = new StringBuilder("nama,instansi,kategori\n");
            for (var i = start; i < Math.Min(participants, start + 2000); i++) csv.Append($"Peserta {i:00000},Kecamatan {i % 9},kecamatan\n");
            using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
            (await client.PostAsync($"/api/v1/events/{id}/participants/import", content)).EnsureSuccessStatusCode();
        }
        var codes = JsonNode.Parse(await client.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToArray();
        if (codes.Length < participants) throw new InvalidOperationException($"expected {participants} participants, listed {codes.Length}");
        return (id, codes);
    }

    /// <summary>Partners under review through the API (vendor signs up, applies, uploads, submits; staff starts the review).</summary>
    private static async Task<List<(Guid Partner, Guid Document, int Version)>> PartnersInReviewAsync(ApiProcess api, HttpClient admin, int count)
    {
        await MediaPartnerScenarios.PrepareTenantAsync(admin);
        var result = new System.Collections.Concurrent.ConcurrentBag<(Guid, Guid, int)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var vendor = await MediaPartnerScenarios.SignUpVendorAsync(api, PartnerTenant, $"bench-decision-{i}");
            await MediaPartnerScenarios.ApplyAsync(vendor, $"Media Uji Keputusan {i:000}");
            await MediaPartnerScenarios.UploadThroughApiAsync(vendor, 16 * 1024);
            var partner = JsonNode.Parse(await vendor.GetStringAsync("/api/v1/vendor/partner"))!;
            partner = await MediaPartnerScenarios.PostAsync(vendor, "/api/v1/vendor/partner/submit", new { version = (int)partner["version"]! });
            var id = (Guid)partner["id"]!;
            partner = await MediaPartnerScenarios.PostAsync(admin, $"/api/v1/media-partners/{id}/start-review", new { version = (int)partner["version"]! });
            var document = partner["checklist"]!.AsArray().First(c => c!["current"] is not null)!["current"]!["id"]!.GetValue<Guid>();
            result.Add((id, document, (int)partner["version"]!));
        });
        return result.ToList();
    }

    private static async Task<List<Guid>> GetIdsAsync(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(path))!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).ToList();
}
