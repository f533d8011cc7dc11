using System.Text.Json;

namespace HumasSaaS.Database;

/// <summary>An entity's state as stored, with the version the next write must name.</summary>
public sealed record Versioned<TState>(Guid Id, TState State, int Version);

/// <summary>
/// Persistence for entities not on grains (tenant configuration and profile): one row per entity holding its state as JSON and a version;
/// every write is a compare-and-swap on that version. Table shape:
/// <c>(tenant_id, id, version, state jsonb, updated_at, updated_by)</c> with RLS on tenant_id.
/// </summary>
public sealed class EntityStore<TState>(string table, string entityType) where TState : class
{
    private static JsonSerializerOptions Json => EntityJson.Options;

    public string EntityType => entityType;

    public async Task<Versioned<TState>?> LoadAsync(TenantTransaction tx, Guid id, bool forUpdate = false, CancellationToken ct = default)
    {
        var row = await tx.QuerySingleOrDefaultAsync<Row>(
            $"SELECT id, version, state::text AS state FROM {table} WHERE tenant_id = @tenant AND id = @id{(forUpdate ? " FOR UPDATE" : "")}",
            new { tenant = tx.TenantId, id }, ct);
        return row is null ? null : new Versioned<TState>(row.id, Deserialize(row.state), row.version);
    }

    public async Task<Versioned<TState>> InsertAsync(TenantTransaction tx, Guid id, TState state, Guid? actor, CancellationToken ct = default)
    {
        await tx.ExecuteAsync(
            $"INSERT INTO {table} (tenant_id, id, version, state, updated_by) VALUES (@tenant, @id, 1, @state::jsonb, @actor)",
            new { tenant = tx.TenantId, id, state = JsonSerializer.Serialize(state, Json), actor }, ct);
        return new Versioned<TState>(id, state, 1);
    }

    /// <summary>Writes <paramref name="state"/> only if the row is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<Versioned<TState>> SaveAsync(TenantTransaction tx, Guid id, TState state, int expectedVersion, Guid? actor, CancellationToken ct = default)
    {
        var newVersion = await tx.ExecuteScalarAsync<int?>(
            $"""
            UPDATE {table} SET state = @state::jsonb, version = version + 1, updated_at = now(), updated_by = @actor
            WHERE tenant_id = @tenant AND id = @id AND version = @expectedVersion
            RETURNING version
            """,
            new { tenant = tx.TenantId, id, state = JsonSerializer.Serialize(state, Json), expectedVersion, actor }, ct);
        if (newVersion is null)
        {
            var current = await tx.ExecuteScalarAsync<int?>(
                $"SELECT version FROM {table} WHERE tenant_id = @tenant AND id = @id", new { tenant = tx.TenantId, id }, ct);
            throw new ConcurrencyConflictException(entityType, id, expectedVersion, current);
        }
        return new Versioned<TState>(id, state, newVersion.Value);
    }

    private TState Deserialize(string json) =>
        JsonSerializer.Deserialize<TState>(json, Json) ?? throw new InvalidOperationException($"{entityType} state is null");

    private sealed record Row(Guid id, int version, string state);
}
