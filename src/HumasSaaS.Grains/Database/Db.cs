using System.Data;
using Npgsql;

namespace HumasSaaS.Database;

public sealed class DatabaseOptions
{
    /// <summary>Connection as the application role: owns nothing, not superuser, subject to RLS.</summary>
    public required string AppConnectionString { get; init; }

    /// <summary>Connection as the schema owner, used only to apply migrations.</summary>
    public required string OwnerConnectionString { get; init; }

    public string AppRole { get; init; } = "humas_app";

    /// <summary>The silo's role: the only one with privileges on schema <c>orleans</c> (clustering, grain state, reminders).</summary>
    public string OrleansRole { get; init; } = "humas_orleans";
}

/// <summary>
/// The only way the application reaches PostgreSQL. Tenant work always runs inside a transaction whose
/// first statement sets <c>app.tenant_id</c> (transaction-local), so a pooled connection never carries a
/// tenant into the next request.
/// </summary>
public sealed class Db(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>A connection for platform tables (tenant directory, users, credentials); no tenant is set.</summary>
    public ValueTask<NpgsqlConnection> OpenPlatformAsync(CancellationToken ct = default) =>
        dataSource.OpenConnectionAsync(ct);

    public async Task<TenantTransaction> BeginTenantAsync(
        Guid tenantId, CancellationToken ct = default, IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(isolation, ct);
            await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", connection, transaction))
            {
                set.Parameters.AddWithValue("t", tenantId.ToString());
                await set.ExecuteScalarAsync(ct);
            }
            return new TenantTransaction(tenantId, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a tenant transaction and commits it.</summary>
    public async Task<T> InTenantAsync<T>(Guid tenantId, Func<TenantTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var tx = await BeginTenantAsync(tenantId, ct);
        var result = await work(tx);
        await tx.CommitAsync(ct);
        return result;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}

public sealed class TenantTransaction(Guid tenantId, NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public Guid TenantId => tenantId;
    public NpgsqlConnection Connection => connection;
    public NpgsqlTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken ct = default) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}

public static class TenantTransactionDapper
{
    public static Task<IEnumerable<T>> QueryAsync<T>(this TenantTransaction tx, string sql, object? param = null, CancellationToken ct = default) =>
        Dapper.SqlMapper.QueryAsync<T>(tx.Connection, new Dapper.CommandDefinition(sql, param, tx.Transaction, cancellationToken: ct));

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this TenantTransaction tx, string sql, object? param = null, CancellationToken ct = default) =>
        Dapper.SqlMapper.QuerySingleOrDefaultAsync<T>(tx.Connection, new Dapper.CommandDefinition(sql, param, tx.Transaction, cancellationToken: ct));

    public static Task<int> ExecuteAsync(this TenantTransaction tx, string sql, object? param = null, CancellationToken ct = default) =>
        Dapper.SqlMapper.ExecuteAsync(tx.Connection, new Dapper.CommandDefinition(sql, param, tx.Transaction, cancellationToken: ct));

    public static Task<T?> ExecuteScalarAsync<T>(this TenantTransaction tx, string sql, object? param = null, CancellationToken ct = default) =>
        Dapper.SqlMapper.ExecuteScalarAsync<T>(tx.Connection, new Dapper.CommandDefinition(sql, param, tx.Transaction, cancellationToken: ct));
}
