using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace HumasSaaS.Deploy.Tests;

/// <summary>What one request was told.</summary>
public sealed record Outcome(string Key, int Status, bool RetryAfter, bool ProblemJson, double Milliseconds, string? Error = null);

/// <summary>Shared steps of the fault tests: an event with participants, bounded check-in load, what was stored.</summary>
public static class Load
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static async Task<(Guid EventId, string[] Codes)> EventWithParticipantsAsync(HttpClient client, int participants, string title)
    {
        var created = await client.PostAsJsonAsync("/api/v1/events", new
        {
            @event = new { type = "rakor", title, days = new[] { Today.ToString("yyyy-MM-dd") }, venue = "Aula Kantor Bupati", capacity = (int?)null },
        });
        created.EnsureSuccessStatusCode();
        var node = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = node["id"]!.GetValue<Guid>();
        (await client.PostAsJsonAsync($"/api/v1/events/{id}/publish", new { version = node["version"]!.GetValue<int>() })).EnsureSuccessStatusCode();
        var csv = new StringBuilder("nama,instansi,kategori\n");
        for (var i = 0; i < participants; i++) csv.Append($"Peserta {i:0000},Kecamatan {i % 9},kecamatan\n");
        using (var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))
            (await client.PostAsync($"/api/v1/events/{id}/participants/import", content)).EnsureSuccessStatusCode();
        var codes = JsonNode.Parse(await client.GetStringAsync($"/api/v1/events/{id}/participants"))!.AsArray()
            .Select(p => p!["code"]!.GetValue<string>()).ToArray();
        return (id, codes);
    }

    /// <summary>Each code checked in once, by <paramref name="workers"/> concurrent clients; bounded by the codes and <paramref name="limit"/>.</summary>
    public static async Task<List<Outcome>> CheckInsAsync(HttpClient client, Guid eventId, IReadOnlyList<string> codes, int workers, TimeSpan limit,
        TimeSpan? pace = null, CancellationToken stop = default, bool cycle = false)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        var next = -1;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            // cycle: after the last code start again (a repeated check-in is idempotent and answers 200 "sudah hadir").
            while (((i = Interlocked.Increment(ref next)) < codes.Count || cycle) && deadline.Elapsed < limit && !stop.IsCancellationRequested)
            {
                outcomes.Add(await CheckInAsync(client, eventId, codes[i % codes.Count]));
                if (pace is { } p) await Task.Delay(p);
            }
        }));
        return outcomes.ToList();
    }

    public static async Task<Outcome> CheckInAsync(HttpClient client, Guid eventId, string code)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/events/{eventId}/check-ins", new { code, day = 1 });
            await response.Content.ReadAsByteArrayAsync();
            return new Outcome(code, (int)response.StatusCode, response.Headers.RetryAfter is not null,
                response.Content.Headers.ContentType?.MediaType == "application/problem+json", watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Outcome(code, 0, false, false, watch.Elapsed.TotalMilliseconds, e.GetType().Name + ": " + e.Message + " / " + e.InnerException?.Message);
        }
    }

    public static string Summary(IEnumerable<Outcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));

    public static async Task<HashSet<string>> StoredCheckInsAsync(string superuserConnectionString, Guid eventId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync();
        var codes = await Dapper.SqlMapper.QueryAsync<string>(connection,
            "SELECT p.code FROM event_checkins c JOIN event_participants p ON p.id = c.participant_id WHERE c.event_id = @eventId AND c.day = 1",
            new { eventId });
        return codes.ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<int> CheckInRowsAsync(string superuserConnectionString, Guid eventId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection,
            "SELECT count(*)::int FROM event_checkins WHERE event_id = @eventId AND day = 1", new { eventId });
    }
}
