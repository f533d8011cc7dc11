using System.Text.Json;
using HumasSaaS.Grains;

namespace HumasSaaS.Database;

public sealed record AuditEvent(long Id, string EntityType, Guid EntityId, string Action, Guid? ActorId, string? ActorName, string? Note, string? Data, DateTime At);

/// <summary>Who did what to which entity, written in the same transaction as the change itself.</summary>
public static class AuditLog
{
    public static Task WriteAsync(TenantTransaction tx, string entityType, Guid entityId, string action, Actor actor,
        string? note = null, object? data = null, CancellationToken ct = default) =>
        tx.ExecuteAsync(
            """
            INSERT INTO audit_events (tenant_id, entity_type, entity_id, action, actor_id, actor_name, note, data)
            VALUES (@tenant, @entityType, @entityId, @action, @actorId, @actorName, @note, @data::jsonb)
            """,
            new
            {
                tenant = tx.TenantId, entityType, entityId, action, actorId = actor.UserId, actorName = actor.Name, note,
                data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            }, ct);

    /// <summary>A grain change's audit rows, keyed by (entity, version, seq): writing them again adds nothing.</summary>
    public static async Task WriteProjectedAsync(TenantTransaction tx, string entityType, Guid entityId, int version,
        IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        foreach (var e in entries)
        {
            await tx.ExecuteAsync(
                """
                INSERT INTO audit_events (tenant_id, entity_type, entity_id, action, actor_id, actor_name, note, data, at, entity_version, entity_seq)
                VALUES (@tenant, @entityType, @entityId, @Action, @ActorId, @ActorName, @Note, @Data::jsonb, @At, @version, @Seq)
                ON CONFLICT (tenant_id, entity_type, entity_id, entity_version, entity_seq) WHERE entity_version IS NOT NULL DO NOTHING
                """,
                new { tenant = tx.TenantId, entityType, entityId, e.Action, e.ActorId, e.ActorName, e.Note, e.Data, e.At, version, e.Seq }, ct);
        }
    }

    public static async Task<IReadOnlyList<AuditEvent>> ListAsync(TenantTransaction tx, string? entityType, Guid? entityId, int limit, CancellationToken ct = default) =>
        (await tx.QueryAsync<AuditEvent>(
            """
            SELECT id, entity_type AS EntityType, entity_id AS EntityId, action, actor_id AS ActorId, actor_name AS ActorName,
                   note, data::text AS Data, at
            FROM audit_events
            WHERE (@entityType::text IS NULL OR entity_type = @entityType) AND (@entityId::uuid IS NULL OR entity_id = @entityId)
            ORDER BY id DESC LIMIT @limit
            """, new { entityType, entityId, limit }, ct)).ToList();
}

