using System.Diagnostics;
using System.Security.Cryptography;

namespace HumasSaaS.Tests.Contract;

/// <summary>
/// The npm packages the contract tests use (Contract/lint: Spectral; Contract/client: openapi-typescript), pinned
/// by their package-lock.json and installed with npm ci on first use, or again when the lock changes.
/// </summary>
internal static class NodePackages
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>tests/HumasSaaS.Tests/Contract/{name} in the repository (OpenApiSnapshotTests.SnapshotPath is docs/openapi/v1.json).</summary>
    public static string Folder(string name) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(OpenApiSnapshotTests.SnapshotPath)!, "..", "..", "tests", "HumasSaaS.Tests", "Contract", name));

    public static async Task<string> EnsureInstalledAsync(string name)
    {
        var dir = Folder(name);
        await InstallLock.WaitAsync();
        try
        {
            var stamp = Path.Combine(dir, "node_modules", ".humas-lock.sha256");
            var want = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(dir, "package-lock.json"))));
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == want) return dir;
            var (code, output, error) = await RunAsync(dir, "npm", ["ci", "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"]);
            Assert.True(code == 0, $"npm ci in {dir} failed ({code}): {output} {error}");
            await File.WriteAllTextAsync(stamp, want);
            return dir;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string dir, string file, IEnumerable<string> args,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 8 minutes");
        }
        return (process.ExitCode, await output, await error);
    }
}
