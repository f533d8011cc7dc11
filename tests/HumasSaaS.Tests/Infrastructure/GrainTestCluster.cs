using HumasSaaS.Api.Platform.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// A two-silo in-process Orleans cluster with the product's grains, grain storage and reminders on the test PostgreSQL
/// (each cluster has its own ServiceId, so its own state rows); <paramref name="services"/> adds a test's own silo services.
/// </summary>
public static class GrainTestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(PlatformFixture fixture, Action<IServiceCollection>? services = null)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddHumasGrains(fixture.Database.OrleansConnectionString);
            silo.Services.AddSingleton(_ => new Db(NpgsqlDataSource.Create(fixture.Database.AppConnectionString)));
            services?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client => HumasSilo.AddHumasMessageSerializer(client.Services));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
