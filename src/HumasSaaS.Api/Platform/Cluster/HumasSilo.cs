using System.Net;
using System.Net.Sockets;
using HumasSaaS.Grains;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;

namespace HumasSaaS.Api.Platform.Cluster;

/// <summary>
/// Every instance of the API is a silo of one Orleans cluster: membership, grain state and reminders live in the
/// product's PostgreSQL (schema <c>orleans</c>, reached only with <c>ConnectionStrings:Orleans</c>, the silo's own role).
/// Settings (section <c>Orleans</c>): ClusterId, ServiceId, SiloPort, GatewayPort, AdvertisedIP, ListenOnAnyAddress.
/// </summary>
public static class HumasSilo
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public static void AddHumasSilo(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var connectionString = config.GetConnectionString("Orleans")
            ?? throw new InvalidOperationException("ConnectionStrings:Orleans is not set (the silo's database role, schema orleans).");
        var section = config.GetSection("Orleans");
        var siloPort = section.GetValue("SiloPort", DefaultSiloPort);
        var gatewayPort = section.GetValue("GatewayPort", DefaultGatewayPort);
        // The address other silos reach this one at: configured (127.0.0.1 for instances on one machine), otherwise this
        // host's own IPv4 address (a container's address on its network).
        var advertised = section["AdvertisedIP"] is { Length: > 0 } text ? IPAddress.Parse(text) : null;
        var listenOnAny = section.GetValue("ListenOnAnyAddress", false);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = section["ClusterId"] ?? "humas";
                o.ServiceId = section["ServiceId"] ?? "humassaas";
            });
            if (advertised is not null) silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: listenOnAny);
            else silo.ConfigureEndpoints(siloPort, gatewayPort, AddressFamily.InterNetwork, listenOnAnyHostAddress: listenOnAny);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.AddHumasGrains(connectionString);
            // A dead silo leaves membership quickly (defaults wait minutes), so its grains move to the survivors.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.DefunctSiloExpiration = TimeSpan.FromHours(1);
            });
        });
        builder.Services.AddSingleton<TenantGrains>();
    }

    /// <summary>
    /// What every silo of the product has, whatever its clustering (the test cluster uses this too): grain state and
    /// reminders in schema orleans, state as System.Text.Json, HumasSaaS message types as JSON, the
    /// grain-call telemetry, the tenant call filter and database outages made serializable.
    /// </summary>
    public static ISiloBuilder AddHumasGrains(this ISiloBuilder silo, string orleansConnectionString)
    {
        silo.AddAdoNetGrainStorage(GrainStorage.Name, o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = orleansConnectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = orleansConnectionString;
        });
        // State rows are JSON (readable, and no $type names tying stored rows to .NET type names).
        silo.UseSystemTextJsonGrainStorageSerializer();
        AddHumasMessageSerializer(silo.Services);
        silo.AddIncomingGrainCallFilter<GrainCallTelemetry>();
        silo.AddIncomingGrainCallFilter<TenantCallFilter>();
        silo.AddIncomingGrainCallFilter<DatabaseOutageCallFilter>();
        silo.Services.TryAddSingleton<IProjectionInterceptor, NoProjectionInterceptor>();
        silo.Services.TryAddSingleton<HumasSaaS.Cooperation.IOrderStepInterceptor, HumasSaaS.Cooperation.NoOrderStepInterceptor>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }

    /// <summary>HumasSaaS domain types cross grain calls as JSON (silos and any external client need the same).</summary>
    public static IServiceCollection AddHumasMessageSerializer(IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(isSupported: t => t.Namespace?.StartsWith("HumasSaaS.", StringComparison.Ordinal) == true));
}
