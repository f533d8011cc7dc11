using System.Text.Json;

namespace HumasSaaS.Database;

/// <summary>The tenant's current configuration, read by grains inside their own tenant transaction.</summary>
public static class TenantConfigurationReader
{
    public static async Task<(TenantConfigurationState State, int Version)> LoadAsync(TenantTransaction tx, CancellationToken ct)
    {
        var row = await tx.QuerySingleOrDefaultAsync<Row>(
            "SELECT version, state::text AS state FROM tenant_configurations WHERE tenant_id = @tenant", new { tenant = tx.TenantId }, ct)
            ?? throw new NotFoundException("Konfigurasi instansi belum ada.");
        return (JsonSerializer.Deserialize<TenantConfigurationState>(row.state, EntityJson.Options)!, row.version);
    }

    private sealed record Row(int version, string state);
}
