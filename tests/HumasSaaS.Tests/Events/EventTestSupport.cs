using HumasSaaS.Events;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Events;

/// <summary>Small helpers over the events API, used by the event tests.</summary>
internal static class EventApi
{
    /// <summary>Today where events happen (WIB), as the service computes it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public static async Task<(Guid Id, int Version)> CreateAsync(TestClient client, DateOnly[] days, int? capacity = null, string title = "Rapat Koordinasi Kehumasan",
        object? extra = null)
    {
        var response = await client.Http.PostAsJsonAsync("/api/v1/events", new
        {
            @event = new { type = "rakor", title, days = days.Select(Day).ToArray(), venue = "Aula Kantor Bupati", capacity },
        });
        var node = await ReadAsync(response, HttpStatusCode.Created);
        return (node["id"]!.GetValue<Guid>(), node["version"]!.GetValue<int>());
    }

    public static async Task<(Guid Id, int Version)> CreatePublishedAsync(TestClient client, DateOnly[] days, int? capacity = null)
    {
        var (id, version) = await CreateAsync(client, days, capacity);
        var published = await ReadAsync(await client.Http.PostAsJsonAsync($"/api/v1/events/{id}/publish", new { version }), HttpStatusCode.OK);
        return (id, published["version"]!.GetValue<int>());
    }

    public static Task<HttpResponseMessage> RegisterAsync(TestClient anonymous, Guid eventId, string name, string? phone = null, string category = "opd",
        string? email = null, string? institution = "Dinas Kominfo") =>
        anonymous.Http.PostAsJsonAsync($"/api/v1/public/events/{eventId}/registrations",
            new { name, category, institution, position = "Staf", phone = phone ?? ("0812" + Random.Shared.Next(10_000_000, 99_999_999)), email, attendanceMode = "in_person" });

    public static Task<HttpResponseMessage> CheckInAsync(TestClient client, Guid eventId, string code, int day) =>
        client.Http.PostAsJsonAsync($"/api/v1/events/{eventId}/check-ins", new { code, day });

    public static async Task<List<(Guid Id, string Code, string Name)>> ParticipantsAsync(TestClient client, Guid eventId)
    {
        var list = JsonNode.Parse(await client.Http.GetStringAsync($"/api/v1/events/{eventId}/participants"))!.AsArray();
        return list.Select(p => (p!["id"]!.GetValue<Guid>(), p["code"]!.GetValue<string>(), p["name"]!.GetValue<string>())).ToList();
    }

    public static async Task<JsonNode> ImportAsync(TestClient client, Guid eventId, string csv, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        return await ReadAsync(await client.Http.PostAsync($"/api/v1/events/{eventId}/participants/import", content), expected);
    }
}
