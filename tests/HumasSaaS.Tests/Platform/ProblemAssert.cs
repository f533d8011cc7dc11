using System.Net;
using System.Text.Json.Nodes;

namespace HumasSaaS.Tests.Platform;

/// <summary>Asserts that a response is an RFC 9457 problem in Bahasa Indonesia.</summary>
public static class ProblemAssert
{
    private static readonly string[] EnglishTitles =
    [
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Conflict", "Unsupported Media Type",
        "One or more validation errors occurred.", "An error occurred while processing your request.",
    ];

    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? because = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{because} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}";
        Assert.True(status == response.StatusCode, $"expected {(int)status} — {where}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"content type {response.Content.Headers.ContentType} — {where}");
        var problem = JsonNode.Parse(body) as JsonObject ?? throw new Xunit.Sdk.XunitException("not a JSON object: " + where);
        Assert.True(problem["type"]?.GetValue<string>() is { Length: > 0 }, "type missing — " + where);
        Assert.True(problem["title"]?.GetValue<string>() is { Length: > 0 } title && !EnglishTitles.Contains(title), "title missing or English — " + where);
        Assert.True(problem["status"]?.GetValue<int>() == (int)status, "status member missing or wrong — " + where);
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> name the given field (or any field when null).</summary>
    public static async Task<JsonObject> IsValidationProblemAsync(HttpResponseMessage response, string? field = null, string? because = null)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest, because);
        var errors = problem["errors"] as JsonObject;
        Assert.True(errors is { Count: > 0 }, $"{because}: no field errors in {problem.ToJsonString()}");
        if (field is not null)
            Assert.True(errors!.Any(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)),
                $"{because}: expected an error for '{field}' in {problem.ToJsonString()}");
        return problem;
    }
}
