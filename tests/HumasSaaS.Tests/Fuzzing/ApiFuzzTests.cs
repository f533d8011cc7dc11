using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using HumasSaaS.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HumasSaaS.Tests.Fuzzing;

/// <summary>
/// Walks the live /openapi/v1.json and sends every operation generated requests (see <see cref="RequestGenerator"/>)
/// as the admin of a tenant with real data. Passes when no answer is a 5xx and every 4xx is an RFC 9457 problem
/// (application/problem+json with a status member that matches).
///
/// Replay a failure: the message names the operation and CsCheck's seed; run
/// <c>HUMAS_FUZZ_OPERATION=&lt;operationId&gt; CsCheck_Seed=&lt;seed&gt; bash deploy/local/test.sh --filter FullyQualifiedName~ApiFuzzTests</c>.
/// HUMAS_FUZZ_CASES sets the cases per operation (default 110); HUMAS_FUZZ_TRACE=1 with HUMAS_FUZZ_OPERATION prints every
/// request and answer of that operation.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed partial class ApiFuzzTests(FuzzFixture fixture, ITestOutputHelper output)
{
    private static readonly int CasesPerOperation = int.TryParse(Environment.GetEnvironmentVariable("HUMAS_FUZZ_CASES"), out var n) ? n : 110;
    private static readonly string? OnlyOperation = Environment.GetEnvironmentVariable("HUMAS_FUZZ_OPERATION");
    private static readonly bool Trace = Environment.GetEnvironmentVariable("HUMAS_FUZZ_TRACE") == "1" && OnlyOperation is not null;

    [Fact]
    public async Task Every_operation_answers_generated_requests_without_5xx_and_with_problem_details_for_every_4xx()
    {
        // The contract check of every test client applies here too (HUMAS_CONTRACT_ENFORCE / HUMAS_CONTRACT_REPORT).
        // Requests alternate between the fixture's two instances (one cluster), like every fixture client.
        using var http = new HttpClient(new RoundRobinHandler(fixture.Platform.App.ClusterAddresses, new Contract.ContractValidatingHandler(new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 32, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }))) { BaseAddress = fixture.Address, Timeout = TimeSpan.FromSeconds(100) };
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var generator = new RequestGenerator(document, fixture.Real, fixture.Tenant.Slug);
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Value is JsonObject o && o["operationId"] is not null)
                .Select(m => (Template: p.Key, Method: m.Key.ToUpperInvariant(), Operation: m.Value!.AsObject())))
            .Where(o => OnlyOperation is null || o.Operation["operationId"]!.GetValue<string>() == OnlyOperation)
            // Reads first and the operations that end an entity's life last, so the real entities stay usable longest.
            .OrderBy(o => Destructiveness(o.Method, o.Operation["operationId"]!.GetValue<string>()))
            .ToList();
        Assert.True(operations.Count > (OnlyOperation is null ? 80 : 0), $"only {operations.Count} operations in the document");

        var statuses = new ConcurrentDictionary<int, int>();
        var perOperation = new ConcurrentDictionary<string, int>();
        var reachedSuccess = new ConcurrentDictionary<string, byte>();
        var failures = new ConcurrentBag<string>();
        var total = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (op, _) =>
        {
            var id = op.Operation["operationId"]!.GetValue<string>();
            var gen = generator.For(op.Template, op.Method, op.Operation);
            try
            {
                await Check.SampleAsync(gen, async c =>
                {
                    var (status, problem) = await SendAsync(http, c);
                    statuses.AddOrUpdate(status, 1, (_, v) => v + 1);
                    perOperation.AddOrUpdate(id, 1, (_, v) => v + 1);
                    if (status is >= 200 and < 300) reachedSuccess.TryAdd(id, 0);
                    Interlocked.Increment(ref total);
                    if (problem is not null) throw new FuzzFailure($"{status}: {problem}");
                }, iter: CasesPerOperation, threads: 4, print: c => c.ToString());
            }
            catch (Exception e)
            {
                failures.Add($"{id} ({op.Method} {op.Template}) — replay with HUMAS_FUZZ_OPERATION={id} and the seed below:\n{e.Message}\nanswer: {e.InnerException?.Message}");
            }
        });
        clock.Stop();

        output.WriteLine($"fuzz: {total} requests over {operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({total / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}/s); statuses: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + $"; bare 400/414 from Kestrel (NUL in path, request line over 8 KB): {transportRejections}; sent again after a broken connection: {transportRetries}");
        output.WriteLine("operations never answered 2xx: " + string.Join(", ",
            operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Where(o => !reachedSuccess.ContainsKey(o))));
        Assert.True(failures.IsEmpty, $"{failures.Count} operation(s) failed:\n\n" + string.Join("\n\n", failures.Take(15)));
        if (OnlyOperation is null)
        {
            Assert.True(total >= 10_000, $"only {total} requests were sent");
            var starved = operations.Select(o => o.Operation["operationId"]!.GetValue<string>())
                .Where(o => perOperation.GetValueOrDefault(o) < CasesPerOperation).ToList();
            Assert.True(starved.Count == 0, "operations with fewer cases than asked: " + string.Join(", ", starved));
        }
    }

    /// <summary>Found by the fuzzer: NUL in text and null in lists of things answered 500.</summary>
    [Theory]
    [InlineData("/api/v1/configuration/share-links", "POST", "{\"label\":\"a\\u0000b\",\"validDays\":10}", "label")]
    [InlineData("/api/v1/study-visits/outgoing", "POST", "{\"hostTenant\":\"x\",\"request\":{\"institution\":\"A\",\"contactName\":\"B\",\"contactEmail\":\"b@contoh.id\",\"members\":[null],\"purpose\":\"C\",\"topics\":[\"D\"],\"proposedStart\":\"2027-01-04\",\"proposedEnd\":\"2027-01-05\"}}", null)]
    [InlineData("/api/v1/audit?entityType=a%00b", "GET", null, null)]
    public async Task Nul_characters_and_null_list_elements_are_refused_with_a_400_problem(string path, string method, string? body, string? field)
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Add("Cookie", fixture.AdminCookie);
        request.Headers.Add("X-Tenant", fixture.Tenant.Slug);
        using var response = await http.SendAsync(request);
        if (field is null) await Platform.ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, path);
        else await Platform.ProblemAssert.IsValidationProblemAsync(response, field, path);
    }

    /// <summary>Found by the fuzzer: the /t/{slug} prefix decoded the rest of the path a second time (%2500 → NUL → 500).</summary>
    [Theory]
    [InlineData("/api/v1/events/%2500/materials")]
    [InlineData("/api/v1/personal-data/requests/%2500%252e%252e%252f")]
    [InlineData("/api/v1/events/%252e%252e%252fprofile")]
    public async Task A_tenant_path_prefix_does_not_decode_the_rest_of_the_path_a_second_time(string rest)
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{fixture.Tenant.Slug}{rest}");
        request.Headers.Add("Cookie", fixture.AdminCookie);
        using var response = await http.SendAsync(request);
        await Platform.ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, rest);
    }

    private int transportRejections;

    private static int Destructiveness(string method, string operationId) =>
        DestructiveOperation().IsMatch(operationId) ? 3 : method switch { "GET" => 0, "DELETE" => 2, _ => 1 };

    [System.Text.RegularExpressions.GeneratedRegex("^(Cancel|Close|Reject|Revoke|Remove|Decline|RunRetention|DecidePersonal|SignOut|Delete)")]
    private static partial System.Text.RegularExpressions.Regex DestructiveOperation();

    /// <summary>Sends one case; returns the status and what is wrong with the answer (null when nothing).</summary>
    private async Task<(int Status, string? Problem)> SendAsync(HttpClient http, FuzzCase c)
    {
        try
        {
            return await SendOnceAsync(http, c);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
            // A pooled connection the server closed after an earlier answer whose body it did not read can fail the next
            // request before it is sent. Sent once more (the broken connection has left the pool), a real fault (a crash,
            // a reset of this request itself) fails again.
            Interlocked.Increment(ref transportRetries);
            return await SendOnceAsync(http, c);
        }
    }

    private int transportRetries;

    private async Task<(int Status, string? Problem)> SendOnceAsync(HttpClient http, FuzzCase c)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(c.Path, UriKind.Relative));
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            if (c.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        if (c.TenantHeader is not null) request.Headers.TryAddWithoutValidation("X-Tenant", c.TenantHeader);
        var cookie = c.Auth switch { FuzzAuth.Admin => fixture.AdminCookie, FuzzAuth.Vendor => fixture.VendorCookie, _ => null };
        if (!string.IsNullOrEmpty(cookie)) request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync();
        if (Trace) output.WriteLine($"{status} {Shorten(body)[..Math.Min(300, Shorten(body).Length)]}\n   ← {c}");
        if (status >= 500) return (status, $"server error — {Shorten(body)}");
        if (status < 400) return (status, null);
        // Kestrel refuses a request target whose decoded path holds a NUL before any application code runs (an empty
        // 400 the app cannot shape); that is the only answer allowed to be bare.
        // Likewise a request line over Kestrel's 8 KB limit gets a bare 414.
        if ((status == 400 && body.Length == 0 && c.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal))
            || (status == 414 && body.Length == 0 && c.Path.Length > 8000))
        {
            Interlocked.Increment(ref transportRejections);
            return (status, null);
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "application/problem+json") return (status, $"4xx with content type {mediaType ?? "(none)"} — {Shorten(body)}");
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status)
                return (status, $"problem without the matching status member — {Shorten(body)}");
            if (!json.RootElement.TryGetProperty("title", out var t) || t.GetString() is not { Length: > 0 })
                return (status, $"problem without a title — {Shorten(body)}");
        }
        catch (JsonException e)
        {
            return (status, $"problem body is not JSON ({e.Message}) — {Shorten(body)}");
        }
        return (status, null);
    }

    private static string Shorten(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body.Length > 600 ? body[..600] : body);
        return body.Length > 600 ? text + "…" : text;
    }

    private sealed class FuzzFailure(string message) : Exception(message);
}
