using HumasSaaS.Events;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Storage;

namespace HumasSaaS.Api.Events;

/// <summary>
/// Removes event material blobs (prefix "events/") older than an hour that no event_materials row references: uploads
/// whose row was never written (crash between blob commit and insert). Idempotent, so every instance may run it.
/// </summary>
public sealed class MaterialSweeper(Db db, IBlobStore blobs, ILogger<MaterialSweeper> logger) : BackgroundService
{
    public const string Prefix = "events/";

    public async Task<int> SweepAsync(TimeSpan minAge, Guid? onlyTenant = null, CancellationToken ct = default)
    {
        var deleted = 0;
        var cutoff = DateTimeOffset.UtcNow - minAge;
        IReadOnlyList<Guid> tenants;
        if (onlyTenant is { } one) tenants = [one];
        else
        {
            await using var connection = await db.OpenPlatformAsync(ct);
            tenants = (await Dapper.SqlMapper.QueryAsync<Guid>(connection, new Dapper.CommandDefinition("SELECT id FROM tenants ORDER BY id", cancellationToken: ct))).ToList();
        }
        foreach (var tenantId in tenants)
        {
            var container = BlobNames.TenantContainer(tenantId);
            var old = new List<string>();
            await foreach (var blob in blobs.ListAsync(container, Prefix, ct))
                if (blob.LastModified <= cutoff) old.Add(blob.Name);
            if (old.Count == 0) continue;
            HashSet<string> referenced;
            await using (var tx = await db.BeginTenantAsync(tenantId, ct))
                referenced = (await tx.QueryAsync<string>("SELECT blob_name FROM event_materials WHERE blob_name = ANY(@names)", new { names = old.ToArray() }, ct))
                    .ToHashSet(StringComparer.Ordinal);
            foreach (var name in old.Where(n => !referenced.Contains(n)))
            {
                if (await blobs.DeleteIfExistsAsync(container, name, ct)) deleted++;
                logger.LogInformation("Swept unreferenced event material {Container}/{Blob}", container, name);
            }
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(Random.Shared.Next(0, 300)), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
            do
            {
                try { await SweepAsync(TimeSpan.FromHours(1), ct: stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Event material sweep failed; retrying next hour"); }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
