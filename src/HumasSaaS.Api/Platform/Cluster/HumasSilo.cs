using System.Net;
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
        // Behind containers the address others reach this silo at is not the one it binds to; it is configured.
        var advertised = section["AdvertisedIP"] is { Length: > 0 } text ? IPAddress.Parse(text) : IPAddress.Loopback;

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = section["ClusterId"] ?? "humas";
                o.ServiceId = section["ServiceId"] ?? "humassaas";
            });
            silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: section.GetValue("ListenOnAnyAddress", false));
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(GrainStorage.Name, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            // State rows are JSON (readable, and no $type names tying stored rows to .NET type names).
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: t => t.Namespace?.StartsWith("HumasSaaS.", StringComparison.Ordinal) == true));
            silo.AddIncomingGrainCallFilter<TenantCallFilter>();
            // A dead silo leaves membership quickly (defaults wait minutes), so its grains move to the survivors.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.DefunctSiloExpiration = TimeSpan.FromHours(1);
            });
        });
        builder.Services.AddSingleton<TenantGrains>();
        builder.Services.TryAddSingleton<IProjectionInterceptor, NoProjectionInterceptor>();
    }
}
