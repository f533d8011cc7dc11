using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HumasSaaS.Api.Platform.Http;

public sealed class PostgresHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await db.OpenPlatformAsync(ct);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT 1";
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL tidak dapat dihubungi", e);
        }
    }
}

public sealed class BlobStorageHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await blobs.IsReachableAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Penyimpanan blob tidak dapat dihubungi");
}
