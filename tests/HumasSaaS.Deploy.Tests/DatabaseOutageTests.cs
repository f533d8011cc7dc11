using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// PostgreSQL stopped for several seconds and started again while 16 clients check participants in through haproxy
/// in front of two instances. Counts what clients were told and what is stored.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Database_restart_under_load_gives_only_503_loses_nothing_and_recovers_without_restart()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(2, pg.OwnerConnectionString, pg.AppConnectionString, pg.OrleansConnectionString);
        using var client = await cluster.SignedInClientAsync("admin@kubu-raya.demo.humassaas.id", "kubu-raya");
        var (eventId, codes) = await Load.EventWithParticipantsAsync(client, 1500, "Rakor saat basis data dimulai ulang");
        var pids = new[] { cluster.Pid(1), cluster.Pid(2) };

        // /health/ready of instance 1, sampled directly (not through haproxy) during the whole run.
        var readiness = new ConcurrentQueue<int>();
        using var stopProbe = new CancellationTokenSource();
        var probe = Task.Run(async () =>
        {
            using var direct = new HttpClient { BaseAddress = cluster.InstanceAddress(1), Timeout = TimeSpan.FromSeconds(5) };
            while (!stopProbe.IsCancellationRequested)
            {
                try { readiness.Enqueue((int)(await direct.GetAsync("/health/ready")).StatusCode); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { readiness.Enqueue(0); }
                await Task.Delay(200);
            }
        });

        var load = Load.CheckInsAsync(client, eventId, codes, workers: 16, limit: TimeSpan.FromSeconds(40), pace: TimeSpan.FromMilliseconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var outage = Stopwatch.StartNew();
        await pg.StopServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await pg.StartServerAsync();
        var down = outage.Elapsed;
        var outcomes = await load;

        // Recovery without restarting anything: a check-in succeeds again through haproxy.
        var recovery = Stopwatch.StartNew();
        Outcome? retry = null;
        while (recovery.Elapsed < TimeSpan.FromSeconds(30))
        {
            retry = await Load.CheckInAsync(client, eventId, codes[^1]);
            if (retry.Status == 200) break;
            await Task.Delay(250);
        }
        // Instance 1 may not have served a request yet since the restart; its readiness follows within the same bound.
        while (recovery.Elapsed < TimeSpan.FromSeconds(30) && readiness.LastOrDefault() != 200)
            await Task.Delay(200);
        stopProbe.Cancel();
        await probe;

        var stored = await Load.StoredCheckInsAsync(pg.SuperuserConnectionString, eventId);
        var acknowledged = outcomes.Where(o => o.Status == 200).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var failed = outcomes.Where(o => o.Status != 200).ToList();
        output.WriteLine($"outage {down.TotalSeconds:F1} s; {outcomes.Count} requests: {Load.Summary(outcomes)}; stored {stored.Count}; " +
                         $"slowest {outcomes.Max(o => o.Milliseconds):F0} ms; recovered {recovery.Elapsed.TotalSeconds:F1} s after restart; " +
                         $"readiness samples: {string.Join("", readiness.Select(s => s == 200 ? '+' : s == 503 ? '-' : '?'))}");

        Assert.True(retry?.Status == 200, "no recovery: " + retry + cluster.Logs());
        Assert.Equal(pids, new[] { cluster.Pid(1), cluster.Pid(2) });
        Assert.All(pids, pid => Assert.False(Process.GetProcessById(pid).HasExited));
        Assert.NotEmpty(failed);
        Assert.All(failed, o => Assert.True(o is { Status: 503, RetryAfter: true, ProblemJson: true }, o + ErrorsLogged(cluster)));
        Assert.All(outcomes, o => Assert.True(o.Milliseconds < 10_000, "hung: " + o));
        Assert.Empty(acknowledged.Except(stored));
        Assert.Equal(stored.Count, await Load.CheckInRowsAsync(pg.SuperuserConnectionString, eventId));
        Assert.Contains(503, readiness);
        Assert.Equal(200, readiness.Last());
    }

    private static string ErrorsLogged(LocalCluster cluster) => "\n" + string.Join("\n", System.IO.Directory.EnumerateFiles(cluster.Directory, "*.log")
        .SelectMany(File.ReadLines).Where(l => l.Contains("Exception", StringComparison.Ordinal)).Distinct().Take(40));
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
