using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace HumasSaaS.Tests.Contract;

/// <summary>
/// Checks one live answer of the API against the OpenAPI document that the same instance serves: the status must
/// be listed for the operation, the media type declared, and a JSON body must match its schema.
/// </summary>
public sealed partial class ContractValidator
{
    private readonly JsonObject document;
    private readonly JsonObject defs;
    private readonly List<(Regex Pattern, string Template)> paths;
    private readonly ConcurrentDictionary<string, JsonSchema> compiled = new();
    private static int schemaCounter;

    public ContractValidator(string documentJson)
    {
        document = JsonNode.Parse(documentJson)!.AsObject();
        defs = (JsonObject?)document["components"]?["schemas"]?.DeepClone() ?? new JsonObject();
        paths = document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + PathParameter().Replace(p.Key, "[^/]+") + "$"), p.Key))
            .ToList();
    }

    public JsonObject Document => document;

    /// <summary>The operation that serves this method and path (tenant prefix /t/{slug} removed), or null.</summary>
    public (string Template, JsonObject Operation)? FindOperation(string method, string path)
    {
        var match = paths.Where(p => p.Pattern.IsMatch(path))
            .OrderBy(p => p.Template.Count(c => c == '{')).FirstOrDefault();
        if (match.Template is null) return null;
        return document["paths"]![match.Template]![method.ToLowerInvariant()] is JsonObject op ? (match.Template, op) : null;
    }

    /// <summary>Problems found with the answer; empty when it matches the document.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? mediaType, string body)
    {
        var found = FindOperation(method, path);
        if (found is null)
            // An unknown route or a method the route does not serve: the product answers 404/405 problems by design.
            return status is 404 or 405 && mediaType == "application/problem+json" ? [] : [$"{method} {path}: no operation in the document (status {status})"];
        var (template, operation) = found.Value;
        var name = $"{method} {template} ({operation["operationId"]?.GetValue<string>()}) → {status}";
        var responses = operation["responses"]?.AsObject();
        var response = responses?[status.ToString()] ?? responses?[$"{status / 100}XX"] ?? responses?["default"];
        if (response is null)
            return [$"{name}: status not listed (listed: {string.Join(", ", responses?.Select(r => r.Key) ?? [])})"];
        if (response["$ref"] is JsonValue refValue)
            response = document["components"]!["responses"]![refValue.GetValue<string>().Split('/').Last()]!;
        var content = response["content"] as JsonObject;
        if (content is null || content.Count == 0)
            return body.Length == 0 ? [] : [$"{name}: the document declares no body, the answer has {mediaType} ({Shorten(body)})"];
        if (mediaType is null)
            return body.Length == 0 && status == 200 && IsBinaryOnly(content) ? [] : body.Length == 0 ? [$"{name}: the document declares {string.Join(", ", content.Select(c => c.Key))}, the answer has no body"] : [$"{name}: answer has no content type"];
        var media = content[mediaType] ?? content.FirstOrDefault(c => MediaRangeMatches(c.Key, mediaType)).Value;
        if (media is null)
            return [$"{name}: media type {mediaType} not declared (declared: {string.Join(", ", content.Select(c => c.Key))})"];
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonObject schema)
            return [];
        JsonElement instance;
        try { instance = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { return [$"{name}: body is not JSON: {e.Message}"]; }
        var key = $"{template} {method} {status} {mediaType}";
        var compiledSchema = compiled.GetOrAdd(key, _ => Compile(schema));
        var result = compiledSchema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .Take(8);
        return [$"{name}: body does not match the schema: {string.Join("; ", errors)} — body {Shorten(body)}"];
    }

    private static bool IsBinaryOnly(JsonObject content) => content.All(c => !c.Key.Contains("json", StringComparison.Ordinal));

    private static bool MediaRangeMatches(string declared, string actual) =>
        declared == "*/*" || (declared.EndsWith("/*", StringComparison.Ordinal) && actual.StartsWith(declared[..^1], StringComparison.Ordinal));

    private JsonSchema Compile(JsonObject schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = defs.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var id = Interlocked.Increment(ref schemaCounter);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://contract.humas.test/schema/{id}"));
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}

/// <summary>
/// Sits in every test client: each answer from /api/ is checked against the live document of the instance that
/// gave it. A mismatch throws, so the test that received it fails and names the operation. Opt-outs for a local
/// survey only: HUMAS_CONTRACT_REPORT=path collects mismatches into a file instead of throwing;
/// HUMAS_CONTRACT_ENFORCE=0 skips the check.
/// </summary>
/// <param name="inner">The handler that sends the request.</param>
/// <param name="alwaysThrow">Throw on a mismatch whatever the opt-out variables say (for the tests of the check itself).</param>
public sealed partial class ContractValidatingHandler(HttpMessageHandler inner, bool alwaysThrow = false) : DelegatingHandler(inner)
{
    private static readonly ConcurrentDictionary<string, Task<ContractValidator>> Validators = new();
    private static readonly string? ReportPath = Environment.GetEnvironmentVariable("HUMAS_CONTRACT_REPORT");
    private static readonly object ReportLock = new();
    private static readonly bool Skip = ReportPath is null && Environment.GetEnvironmentVariable("HUMAS_CONTRACT_ENFORCE") == "0";

    /// <summary>How many answers were checked, for the test that asserts the check really runs.</summary>
    public static int Checked;

    /// <summary>Answers Kestrel gave before any application code ran (see <see cref="IsTransportRejection"/>).</summary>
    public static int TransportRejections;

    public static Task<ContractValidator> ValidatorFor(Uri address) =>
        Validators.GetOrAdd(address.GetLeftPart(UriPartial.Authority), async authority =>
        {
            using var plain = new HttpClient { BaseAddress = new Uri(authority) };
            return new ContractValidator(await plain.GetStringAsync("/openapi/v1.json"));
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var uri = request.RequestUri!;
        var path = TenantPrefix().Replace(uri.AbsolutePath, "");
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || (Skip && !alwaysThrow)) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (IsTransportRejection(response, body))
        {
            Interlocked.Increment(ref TransportRejections);
            return response;
        }
        var validator = await ValidatorFor(uri);
        var problems = validator.Check(request.Method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        Interlocked.Increment(ref Checked);
        if (problems.Count > 0)
        {
            if (ReportPath is not null && !alwaysThrow)
                lock (ReportLock) File.AppendAllLines(ReportPath, problems);
            else
                throw new ContractViolationException(string.Join("\n", problems));
        }
        return response;
    }

    /// <summary>
    /// Kestrel refuses some requests before the application sees them (a NUL in the decoded path: bare 400; a
    /// request line over 8 KB: 414; headers too large: 431). No application code shapes those answers, so they
    /// are outside the document. They are told apart by the security headers every application answer carries.
    /// </summary>
    public static bool IsTransportRejection(HttpResponseMessage response, string body) =>
        (int)response.StatusCode is 400 or 414 or 431 && body.Length == 0 && !response.Headers.Contains("X-Content-Type-Options");

    [GeneratedRegex("^/t/[^/]+")]
    private static partial Regex TenantPrefix();
}

public sealed class ContractViolationException(string message) : Exception("The answer does not match /openapi/v1.json: " + message);
