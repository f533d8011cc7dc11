using Dapper;
using HumasSaaS.Api.Platform.Database;
using Npgsql;

namespace HumasSaaS.Api.Platform.Tenancy;

public enum TenantKind { Kabupaten, Kota, Provinsi }

public enum TenantStatus { Active, Suspended }

public sealed record Tenant(Guid Id, string Slug, string OfficialName, TenantKind Kind, string Province, string OfficeUnitName, TenantStatus Status, DateTime CreatedAt);

/// <summary>The tenant directory: a platform table, readable without a tenant set.</summary>
public sealed class TenantDirectory(Db db)
{
    private const string Columns = "id, slug, official_name AS OfficialName, kind, province, office_unit_name AS OfficeUnitName, status, created_at AS CreatedAt";

    public async Task<Tenant?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TenantRow>(
            new CommandDefinition($"SELECT {Columns} FROM tenants WHERE slug = @slug", new { slug }, cancellationToken: ct));
        return row?.ToTenant();
    }

    public async Task<Tenant?> FindByIdAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TenantRow>(
            new CommandDefinition($"SELECT {Columns} FROM tenants WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToTenant();
    }

    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        var rows = await connection.QueryAsync<TenantRow>(
            new CommandDefinition($"SELECT {Columns} FROM tenants ORDER BY official_name", cancellationToken: ct));
        return rows.Select(r => r.ToTenant()).ToList();
    }

    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Tenant tenant, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tenants (id, slug, official_name, kind, province, office_unit_name, status)
            VALUES (@Id, @Slug, @OfficialName, @kind, @Province, @OfficeUnitName, @status)
            """,
            new { tenant.Id, tenant.Slug, tenant.OfficialName, kind = KindText(tenant.Kind), tenant.Province, tenant.OfficeUnitName, status = StatusText(tenant.Status) },
            tx, cancellationToken: ct));
    }

    public async Task<bool> SetStatusAsync(string slug, TenantStatus status, CancellationToken ct = default)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tenants SET status = @status WHERE slug = @slug", new { slug, status = StatusText(status) }, cancellationToken: ct)) == 1;
    }

    public static string KindText(TenantKind kind) => kind.ToString().ToLowerInvariant();

    public static string StatusText(TenantStatus status) => status.ToString().ToLowerInvariant();

    private sealed record TenantRow(Guid Id, string Slug, string OfficialName, string Kind, string Province, string OfficeUnitName, string Status, DateTime CreatedAt)
    {
        public Tenant ToTenant() => new(Id, Slug, OfficialName, Enum.Parse<TenantKind>(Kind, true), Province, OfficeUnitName,
            Enum.Parse<TenantStatus>(Status, true), CreatedAt);
    }
}
