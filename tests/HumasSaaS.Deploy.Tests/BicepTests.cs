namespace HumasSaaS.Deploy.Tests;

/// <summary>Every bicep and parameter file compiles with the restored CLI without a single warning or error.</summary>
public sealed class BicepTests
{
    private static readonly Dictionary<string, string> DummySecrets = new()
    {
        ["HUMAS_PG_ADMIN_PASSWORD"] = "compile-only-1",
        ["HUMAS_PG_OWNER_PASSWORD"] = "compile-only-2",
        ["HUMAS_PG_APP_PASSWORD"] = "compile-only-3",
    };

    public static TheoryData<string> BicepFiles() => Files("*.bicep");
    public static TheoryData<string> ParameterFiles() => Files("*.bicepparam");

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_compiles_without_warnings(string relativePath)
    {
        var result = await Tool.RunAsync(Tool.BicepCli, ["build", relativePath, "--stdout"], Path.Combine(Tool.RepoRoot, "bicep"));
        AssertClean(result);
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task Parameter_file_compiles_without_warnings(string relativePath)
    {
        var result = await Tool.RunAsync(Tool.BicepCli, ["build-params", relativePath, "--stdout"], Path.Combine(Tool.RepoRoot, "bicep"), DummySecrets);
        AssertClean(result);
    }

    [Fact]
    public async Task A_misspelt_property_is_caught()
    {
        // bicep reports this only as a warning with exit code 0, which is why the checks above also read the output.
        var dir = Directory.CreateTempSubdirectory("humas-bicep-");
        try
        {
            var file = Path.Combine(dir.FullName, "typo.bicep");
            await File.WriteAllTextAsync(file, """
                resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
                  name: 'humastypo'
                  location: resourceGroup().location
                  kind: 'StorageV2'
                  sku: { name: 'Standard_LRS' }
                  properties: { minimumTlsVerson: 'TLS1_2' }
                }
                """);
            var result = await Tool.RunAsync(Tool.BicepCli, ["build", file, "--stdout"]);
            Assert.Contains("Warning BCP089", result.Output);
            Assert.False(IsClean(result));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_environment_has_a_parameter_file_and_at_least_two_replicas()
    {
        foreach (var env in new[] { "dev", "staging", "prod" })
        {
            var text = File.ReadAllText(Path.Combine(Tool.RepoRoot, "bicep", "parameters", env + ".bicepparam"));
            var line = text.Split('\n').Single(l => l.StartsWith("param minReplicas", StringComparison.Ordinal));
            Assert.True(int.Parse(line.Split('=')[1].Trim()) >= 2, env + ": " + line);
        }
    }

    private static void AssertClean(ToolResult result) => Assert.True(IsClean(result), result.ToString());

    private static bool IsClean(ToolResult result) =>
        result.ExitCode == 0
        && !result.Output.Contains(" Warning ", StringComparison.Ordinal)
        && !result.Output.Contains(" Error ", StringComparison.Ordinal);

    private static TheoryData<string> Files(string pattern)
    {
        var root = Path.Combine(Tool.RepoRoot, "bicep");
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, f));
        return data;
    }
}
