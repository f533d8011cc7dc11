using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.PersonalData;

public sealed record RetentionSetting(DataKind Kind, string Label, int RetentionDays, int DefaultDays, bool IsDefault,
    string AppliesTo, string Action, string LegalBasis);

public sealed record SetRetentionRequest(int RetentionDays);

/// <summary>The tenant's retention per data kind; a kind without a row uses its default.</summary>
public sealed class RetentionSettings(Db db)
{
    public const string AuditEntity = "personal_data";

    public async Task<IReadOnlyList<RetentionSetting>> ListAsync(Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return await ListAsync(tx, ct);
    }

    public static async Task<IReadOnlyList<RetentionSetting>> ListAsync(TenantTransaction tx, CancellationToken ct)
    {
        var rows = (await tx.QueryAsync<(string Kind, int Days)>("SELECT data_kind, retention_days FROM personal_data_retention", null, ct))
            .ToDictionary(r => RetentionPolicy.Parse(r.Kind), r => r.Days);
        return RetentionPolicy.Defaults.Select(d => new RetentionSetting(d.Kind, d.Label,
            rows.TryGetValue(d.Kind, out var days) ? days : d.DefaultDays, d.DefaultDays, !rows.ContainsKey(d.Kind),
            d.AppliesTo, d.Action, d.LegalBasis)).ToList();
    }

    public async Task<RetentionSetting> SetAsync(Guid tenantId, DataKind kind, int days, Actor actor, CancellationToken ct)
    {
        new Validator().Range("retentionDays", "Masa retensi (hari)", days, RetentionPolicy.MinimumDays, RetentionPolicy.MaximumDays).ThrowIfInvalid();
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var before = (await ListAsync(tx, ct)).Single(s => s.Kind == kind);
        await tx.ExecuteAsync(
            """
            INSERT INTO personal_data_retention (tenant_id, data_kind, retention_days, updated_by) VALUES (@tenantId, @kind, @days, @by)
            ON CONFLICT (tenant_id, data_kind) DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_at = now(), updated_by = EXCLUDED.updated_by
            """, new { tenantId, kind = RetentionPolicy.Text(kind), days, by = actor.UserId }, ct);
        await AuditLog.WriteAsync(tx, AuditEntity, tenantId, "retention_changed", actor, null,
            new { kind = RetentionPolicy.Text(kind), from = before.RetentionDays, to = days }, ct);
        await tx.CommitAsync(ct);
        return before with { RetentionDays = days, IsDefault = false };
    }
}
