using System.Collections.Concurrent;
using Dapper;
using HumasSaaS.Api.Platform.Database;
using Npgsql;

namespace HumasSaaS.Api.Platform.Tenancy;

public enum TenantKind { Kabupaten, Kota, Provinsi }

public enum TenantStatus { Active, Suspended }

public sealed record Tenant(Guid Id, string Slug, string OfficialName, TenantKind Kind, string Province, string OfficeUnitName, TenantStatus Status, DateTime CreatedAt);

/// <summary>
/// The tenant directory: a platform table, readable without a tenant set. Lookups by slug (path, host or header)
/// and id are answered from memory; every change to the table is announced by a trigger (NOTIFY tenant_directory)
/// and <see cref="TenantDirectoryListener"/> drops that tenant from every instance's memory, so a suspension or
/// rename takes effect within about a second everywhere.
/// </summary>
public sealed class TenantDirectory(Db db)
{
    private const string Columns = "id, slug, official_name AS OfficialName, kind, province, office_unit_name AS OfficeUnitName, status, created_at AS CreatedAt";
    private readonly ConcurrentDictionary<string, Tenant> bySlug = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Tenant> byId = new();
    private long generation;

    public async Task<Tenant?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        if (bySlug.TryGetValue(slug, out var known)) return known;
        var seen = Interlocked.Read(ref generation);
        var row = await db.OnPlatformConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<TenantRow>(
            new CommandDefinition($"SELECT {Columns} FROM tenants WHERE slug = @slug", new { slug }, cancellationToken: ct)), ct);
        return Remember(row?.ToTenant(), seen);
    }

    public async Task<Tenant?> FindByIdAsync(Guid id, CancellationToken ct = default)
    {
        if (byId.TryGetValue(id, out var known)) return known;
        var seen = Interlocked.Read(ref generation);
        var row = await db.OnPlatformConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<TenantRow>(
            new CommandDefinition($"SELECT {Columns} FROM tenants WHERE id = @id", new { id }, cancellationToken: ct)), ct);
        return Remember(row?.ToTenant(), seen);
    }

    /// <summary>Drops one tenant from memory (a NOTIFY arrived, or this instance changed it).</summary>
    public void Forget(Guid id)
    {
        Interlocked.Increment(ref generation);
        if (byId.TryRemove(id, out var old)) bySlug.TryRemove(old.Slug, out _);
        foreach (var (slug, tenant) in bySlug)
            if (tenant.Id == id) bySlug.TryRemove(slug, out _);
    }

    /// <summary>Drops everything (the listener reconnected and may have missed announcements).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        bySlug.Clear();
        byId.Clear();
    }

    private Tenant? Remember(Tenant? tenant, long seen)
    {
        // Not kept when a change was announced while it was being read: the next lookup reads again.
        if (tenant is null || Interlocked.Read(ref generation) != seen) return tenant;
        byId[tenant.Id] = tenant;
        bySlug[tenant.Slug] = tenant;
        if (Interlocked.Read(ref generation) != seen) Forget(tenant.Id);
        return tenant;
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
        var id = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "UPDATE tenants SET status = @status WHERE slug = @slug RETURNING id", new { slug, status = StatusText(status) }, cancellationToken: ct));
        if (id is { } changed) Forget(changed);
        return id is not null;
    }

    public static string KindText(TenantKind kind) => kind.ToString().ToLowerInvariant();

    public static string StatusText(TenantStatus status) => status.ToString().ToLowerInvariant();

    private sealed record TenantRow(Guid Id, string Slug, string OfficialName, string Kind, string Province, string OfficeUnitName, string Status, DateTime CreatedAt)
    {
        public Tenant ToTenant() => new(Id, Slug, OfficialName, Enum.Parse<TenantKind>(Kind, true), Province, OfficeUnitName,
            Enum.Parse<TenantStatus>(Status, true), CreatedAt);
    }
}
