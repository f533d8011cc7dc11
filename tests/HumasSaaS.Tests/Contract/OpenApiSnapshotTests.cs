using System.Text.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Contract;

/// <summary>
/// The committed contract (docs/openapi/v1.json) must equal the live document, so every change to the API's
/// contract is a reviewed diff. Regenerate with: HUMAS_UPDATE_OPENAPI=1 bash deploy/local/test.sh --filter FullyQualifiedName~OpenApiSnapshot
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiSnapshotTests(PlatformFixture fixture)
{
    public static string SnapshotPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HumasSaaS.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "openapi", "v1.json");
        }
    }

    public static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    [Fact]
    public async Task The_committed_document_equals_the_live_document()
    {
        using var client = fixture.App.CreateClient();
        var live = Normalise(await client.Http.GetStringAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("HUMAS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, live);
            return;
        }
        Assert.True(File.Exists(SnapshotPath), $"{SnapshotPath} is missing; regenerate it with HUMAS_UPDATE_OPENAPI=1");
        var committed = await File.ReadAllTextAsync(SnapshotPath);
        if (committed == live) return;
        var a = committed.Split('\n');
        var b = live.Split('\n');
        var first = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"The live OpenAPI document differs from docs/openapi/v1.json at line {first + 1}:\n" +
                    $"  committed: {(first < a.Length ? a[first] : "(end)")}\n  live:      {(first < b.Length ? b[first] : "(end)")}\n" +
                    "If the change is intended, regenerate with HUMAS_UPDATE_OPENAPI=1 bash deploy/local/test.sh --filter FullyQualifiedName~OpenApiSnapshot and review the diff.");
    }
}
