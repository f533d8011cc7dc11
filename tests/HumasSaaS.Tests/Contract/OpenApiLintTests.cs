using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Contract;

/// <summary>
/// The live document lints clean under Spectral's <c>spectral:oas</c> ruleset: no error, no warning, no hint.
/// Spectral is pinned in Contract/lint (package-lock.json).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiLintTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_live_document_has_no_spectral_oas_finding()
    {
        var dir = await NodePackages.EnsureInstalledAsync("lint");
        using var client = fixture.App.CreateClient();
        var document = Path.Combine(Path.GetTempPath(), $"humas-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await client.Http.GetStringAsync("/openapi/v1.json"));
        try
        {
            var (code, output, error) = await NodePackages.RunAsync(dir, "node",
                [Path.Combine("node_modules", "@stoplight", "spectral-cli", "dist", "index.js"), "lint", document, "-r", ".spectral.yaml", "-f", "json", "-F", "hint", "-q"]);
            var json = output.Trim();
            var findings = json.StartsWith('[') ? JsonNode.Parse(json)!.AsArray() : null;
            Assert.True(findings is not null, $"spectral printed no JSON (exit {code}): {output} {error}");
            var lines = findings!.Select(f => $"{f!["code"]} (severity {f["severity"]}) at {string.Join(".", f["path"]!.AsArray().Select(p => p!.ToString()))}: {f["message"]}").ToList();
            Assert.True(lines.Count == 0, "spectral:oas findings:\n" + string.Join("\n", lines));
            Assert.Equal(0, code);
        }
        finally
        {
            File.Delete(document);
        }
    }
}
