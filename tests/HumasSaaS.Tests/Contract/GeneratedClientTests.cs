using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Contract;

/// <summary>
/// A TypeScript client generated from the live document (openapi-typescript 7.13, no warning) compiles under
/// tsc --strict with the flow in Contract/client/flow.ts, which has no type assertion, and the flow runs against
/// the product: an admin creates and publishes an event, a person registers publicly, staff check the person in
/// twice (first, then "already present") and read the attendance.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GeneratedClientTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_client_generated_from_the_document_compiles_without_casts_and_runs_the_event_flow()
    {
        var dir = await NodePackages.EnsureInstalledAsync("client");
        var flow = await File.ReadAllTextAsync(Path.Combine(dir, "flow.ts"));
        // No type assertion: neither "x as T" nor "<T>x" (a "<" right after a name is a type argument, not a cast).
        Assert.DoesNotMatch(@"\bas\s+(?!const\b)[A-Za-z{\[]|(?<![\w)\].])<[A-Za-z][\w.\[\]""']*>\s*[\w(]", flow);

        using var admin = await fixture.SignedInClientAsync(fixture.AdminA, fixture.TenantA.Slug);
        var created = await admin.Http.PostAsJsonAsync("/api/v1/tokens", new { name = "Klien tergenerasi", role = "tenant_admin", expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!.GetValue<string>();

        var document = Path.Combine(Path.GetTempPath(), $"humas-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await admin.Http.GetStringAsync("/openapi/v1.json"));
        try
        {
            // Request properties with a default are optional on the server, so they stay optional in the client.
            var generate = await NodePackages.RunAsync(dir, "node",
                [Path.Combine("node_modules", "openapi-typescript", "bin", "cli.js"), document, "-o", "schema.d.ts", "--default-non-nullable=false"]);
            Assert.True(generate.Code == 0, $"openapi-typescript failed: {generate.Output} {generate.Error}");
            var warnings = (generate.Output + "\n" + generate.Error).Split('\n')
                .Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains('⚠')).ToList();
            Assert.True(warnings.Count == 0, "openapi-typescript warned:\n" + string.Join("\n", warnings));
        }
        finally
        {
            File.Delete(document);
        }

        var compile = await NodePackages.RunAsync(dir, "node", [Path.Combine("node_modules", "typescript", "bin", "tsc"), "-p", "."]);
        Assert.True(compile.Code == 0 && compile.Output.Trim().Length == 0, $"tsc: {compile.Output} {compile.Error}");

        var run = await NodePackages.RunAsync(dir, "node", [Path.Combine("dist", "flow.js")], new Dictionary<string, string>
        {
            ["HUMAS_BASE_URL"] = fixture.App.Address.ToString().TrimEnd('/'),
            ["HUMAS_TENANT"] = fixture.TenantA.Slug,
            ["HUMAS_TOKEN"] = secret,
            ["HUMAS_DAY"] = EventApi.Day(EventApi.Today),
        });
        Assert.True(run.Code == 0, $"flow failed: {run.Output} {run.Error}");
        var result = JsonNode.Parse(run.Output.Trim().Split('\n').Last())!;
        Assert.Equal("published", result["status"]!.GetValue<string>());
        Assert.False(result["firstAlreadyPresent"]!.GetValue<bool>());
        Assert.True(result["secondAlreadyPresent"]!.GetValue<bool>());
        Assert.Equal(1, result["participants"]!.GetValue<int>());
        Assert.Equal(1, result["presentDay1"]!.GetValue<int>());

        // The same state, read through the test client (whose answers the contract check sees).
        var attendance = JsonNode.Parse(await admin.Http.GetStringAsync($"/api/v1/events/{result["eventId"]!.GetValue<string>()}/attendance"))!;
        Assert.Equal(1, attendance["days"]![0]!["present"]!.GetValue<int>());
    }
}
