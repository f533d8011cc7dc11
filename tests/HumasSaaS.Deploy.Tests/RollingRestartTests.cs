using Xunit.Abstractions;

namespace HumasSaaS.Deploy.Tests;

/// <summary>
/// Every instance restarted in turn (SIGTERM, drain, start, ready) while clients check participants in through
/// haproxy: no request fails and every acknowledged check-in is stored exactly once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Rolling_restart_under_load_fails_no_request()
    {
        const int instances = 3;
        await using var pg = await PrivatePostgres.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(instances, pg.OwnerConnectionString, pg.AppConnectionString, pg.OrleansConnectionString);
        using var client = await cluster.SignedInClientAsync("admin@kubu-raya.demo.humassaas.id", "kubu-raya");
        var (eventId, codes) = await Load.EventWithParticipantsAsync(client, 2000, "Rakor saat instans dimulai ulang bergiliran");

        using var stop = new CancellationTokenSource();
        var load = Load.CheckInsAsync(client, eventId, codes, workers: 8, limit: TimeSpan.FromMinutes(4), pace: TimeSpan.FromMilliseconds(40), stop.Token, cycle: true);
        for (var i = 1; i <= instances; i++)
        {
            var before = cluster.Pid(i);
            await cluster.RestartAsync(i);
            Assert.NotEqual(before, cluster.Pid(i));
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        stop.Cancel();
        var outcomes = await load;

        var stored = await Load.StoredCheckInsAsync(pg.SuperuserConnectionString, eventId);
        output.WriteLine($"{outcomes.Count} requests during the rolling restart: {Load.Summary(outcomes)}; stored {stored.Count}; " +
                         $"slowest {outcomes.Max(o => o.Milliseconds):F0} ms");
        Assert.True(outcomes.Count > 100, "too little load to mean anything: " + outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Status == 200, o + cluster.Logs()));
        Assert.Equal(outcomes.Select(o => o.Key).ToHashSet(StringComparer.Ordinal), stored);
        Assert.Equal(stored.Count, await Load.CheckInRowsAsync(pg.SuperuserConnectionString, eventId));
    }
}
