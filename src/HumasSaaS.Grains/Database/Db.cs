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

    /// <summary>
    /// The application's data source. Statements used at least twice on a physical connection are prepared
    /// automatically and kept there; a connection returned to the pool is not reset (no DISCARD ALL), so those
    /// prepared statements survive checkouts. That is safe because the only session state the application sets,
    /// the tenant, is transaction-local. See ARCHITECTURE.md, "Request path".
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) settings.MaxAutoPrepare = 100;
        if (!HasKey(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) settings.AutoPrepareMinUsages = 2;
        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose")) settings.NoResetOnClose = true;
        return builder.Build();
    }

    private static bool HasKey(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Runs one platform statement (no tenant) on the request's connection when it is free, otherwise on a
    /// pooled one. For credential checks that run before the tenant transaction.
    /// </summary>
    public async Task<T> OnPlatformConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct = default)
    {
        var lease = RequestConnection.Current;
        if (lease is not null && lease.TryAcquire())
        {
            try
            {
                return await work(await lease.OpenAsync(dataSource, ct));
            }
            finally
            {
                lease.Release();
            }
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await work(connection);
    }

    /// <summary>A connection for platform tables (tenant directory, users, credentials); no tenant is set.</summary>
    public ValueTask<NpgsqlConnection> OpenPlatformAsync(CancellationToken ct = default) =>
        dataSource.OpenConnectionAsync(ct);

    public async Task<TenantTransaction> BeginTenantAsync(
        Guid tenantId, CancellationToken ct = default, IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        // Inside an HTTP request the request's one connection is used when it is free; otherwise (grains, jobs,
        // a second transaction at the same time) a pooled connection of its own.
        var lease = RequestConnection.Current;
        var shared = lease is not null && lease.TryAcquire();
        NpgsqlConnection? connection = null;
        try
        {
            connection = shared ? await lease!.OpenAsync(dataSource, ct) : await dataSource.OpenConnectionAsync(ct);
            var transaction = await connection.BeginTransactionAsync(isolation, ct);
            await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", connection, transaction))
            {
                set.Parameters.AddWithValue("t", tenantId.ToString());
                await set.ExecuteScalarAsync(ct);
            }
            return new TenantTransaction(tenantId, connection, transaction, shared ? lease : null);
        }
        catch
        {
            if (shared) lease!.Release();
            else if (connection is not null) await connection.DisposeAsync();
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

public sealed class TenantTransaction : IAsyncDisposable
{
    private readonly RequestConnection? lease;

    internal TenantTransaction(Guid tenantId, NpgsqlConnection connection, NpgsqlTransaction transaction, RequestConnection? lease)
    {
        TenantId = tenantId;
        Connection = connection;
        Transaction = transaction;
        this.lease = lease;
    }

    public TenantTransaction(Guid tenantId, NpgsqlConnection connection, NpgsqlTransaction transaction)
        : this(tenantId, connection, transaction, null)
    {
    }

    public Guid TenantId { get; }
    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }

    public Task CommitAsync(CancellationToken ct = default) => Transaction.CommitAsync(ct);

    /// <summary>Rolls back unless committed; the tenant setting ends with the transaction either way.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
        }
        finally
        {
            if (lease is not null) lease.Release();
            else await Connection.DisposeAsync();
        }
    }
}

/// <summary>
/// The one connection of an HTTP request: opened on first use, shared by the membership check and the endpoint's
/// tenant transactions (one at a time), returned to the pool when the request ends. It never holds a tenant
/// setting outside a transaction, because <c>set_config(..., true)</c> is transaction-local.
/// </summary>
public sealed class RequestConnection : IAsyncDisposable
{
    private static readonly AsyncLocal<RequestConnection?> current = new();
    private NpgsqlConnection? connection;
    private int busy;

    public static RequestConnection? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>How many times this request's connection was opened (one, unless it broke); for tests.</summary>
    public int Opened { get; private set; }

    // busy: 0 free, 1 in use, 2 request ended (work that outlives its request gets pooled connections of its own).
    internal bool TryAcquire() => Interlocked.CompareExchange(ref busy, 1, 0) == 0;

    internal void Release()
    {
        if (Interlocked.CompareExchange(ref busy, 0, 1) != 1) Close();
    }

    /// <summary>
    /// Gives the physical connection back to the pool while the request waits on a grain (whose transactions take pooled
    /// connections of their own): a burst of requests waiting on one grain must not hold the pool that grain needs. The
    /// request's next transaction opens one again.
    /// </summary>
    public void ReturnWhileWaiting()
    {
        if (!TryAcquire()) return; // in use by a transaction, or the request ended
        Close();
        Release();
    }

    private void Close()
    {
        connection?.Dispose();
        connection = null;
    }

    internal async ValueTask<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        // A connection that broke during earlier work of this request (e.g. PostgreSQL restarting while a transaction
        // was rolled back, which Npgsql swallows) is replaced, so the next statement fails as an outage or succeeds,
        // instead of "connection is not open".
        if (connection is not null && connection.State != ConnectionState.Open)
        {
            await connection.DisposeAsync();
            connection = null;
        }
        if (connection is null)
        {
            connection = await dataSource.OpenConnectionAsync(ct);
            Opened++;
        }
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref busy, 2) != 0) return; // still in use: the last Release closes it
        if (connection is not null) await connection.DisposeAsync();
        connection = null;
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
