namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// The compose file is validated against the Compose schema and dclint's rules (no Docker engine runs here, so it
/// is never started in CI); the Dockerfile keeps its production properties.
/// </summary>
public sealed class ComposeAndImageTests
{
    private static readonly string ComposeDir = Path.Combine(Tool.RepoRoot, "deploy", "compose");
    private static readonly SemaphoreSlim Install = new(1, 1);

    [Fact]
    public async Task Compose_file_passes_dclint_with_no_warning()
    {
        await EnsureDclintAsync();
        var result = await Tool.RunAsync(Dclint, ["compose.yaml", "--max-warnings", "0"], ComposeDir);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Dclint_rejects_an_unknown_service_key()
    {
        await EnsureDclintAsync();
        var bad = Path.Combine(Path.GetTempPath(), $"humas-compose-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(Path.Combine(ComposeDir, "compose.yaml")))
            .Replace("stop_grace_period:", "stop_grace_perod:", StringComparison.Ordinal));
        try
        {
            var result = await Tool.RunAsync(Dclint, [bad, "--max-warnings", "0"], ComposeDir);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("invalid-schema", result.Output);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void Compose_runs_three_api_replicas_as_one_cluster_behind_haproxy()
    {
        var compose = File.ReadAllText(Path.Combine(ComposeDir, "compose.yaml"));
        foreach (var service in new[] { "api-1:", "api-2:", "api-3:", "postgres:", "azurite:", "lb:" })
            Assert.Contains("\n  " + service, compose);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(compose, "Orleans__ClusterId:"));
        var haproxy = File.ReadAllText(Path.Combine(ComposeDir, "haproxy.cfg"));
        Assert.Contains("option httpchk GET /health/ready", haproxy);
        for (var i = 1; i <= 3; i++) Assert.Contains($"server api-{i} api-{i}:8080 check", haproxy);
    }

    [Fact]
    public void Dockerfile_is_multi_stage_and_runs_as_non_root_on_the_net10_runtime()
    {
        var lines = File.ReadAllLines(Path.Combine(Tool.RepoRoot, "Dockerfile")).Select(l => l.Trim()).Where(l => !l.StartsWith('#')).ToList();
        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(froms.Count >= 2, "multi-stage");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", froms[^1]);
        var lastUser = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", lastUser);
        Assert.True(lines.IndexOf(lastUser) > lines.IndexOf(froms[^1]), "USER is set in the runtime stage");
    }

    private static string Dclint => Path.Combine(ComposeDir, "node_modules", ".bin", "dclint");

    private static async Task EnsureDclintAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Dclint)) return;
            var result = await Tool.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], ComposeDir);
            Assert.True(result.ExitCode == 0, "npm ci in deploy/compose: " + result);
        }
        finally
        {
            Install.Release();
        }
    }
}
