using System.Reflection;
using Npgsql;

namespace HumasSaaS.Api.Platform.Database;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, as the schema owner, under a
/// PostgreSQL advisory lock so that instances starting together apply each script exactly once.
/// </summary>
public sealed class MigrationRunner(DatabaseOptions options, ILogger<MigrationRunner> logger)
{
    // Arbitrary constant shared by every instance: "HUMASMIG" as ASCII.
    private const long AdvisoryLockKey = 0x48554D41534D4947;

    public static IReadOnlyList<(string Version, string Sql)> LoadScripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..^4], Resource: n))
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .Select(m => (m.Version, Read(assembly, m.Resource)))
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task<int> ApplyAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = new HashSet<string>();
            await using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            }

            var count = 0;
            foreach (var (version, sql) in LoadScripts().Where(s => !applied.Contains(s.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, sql, ct);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@v)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", version);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version}", version);
                count++;
            }

            // Re-granted every start so tables added by any migration are reachable by the app role,
            // which never owns anything and so can never disable RLS.
            var role = new NpgsqlCommandBuilder().QuoteIdentifier(options.AppRole);
            await Execute(connection, null, $"""
                GRANT USAGE ON SCHEMA public TO {role};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
                REVOKE ALL ON schema_migrations FROM {role};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role};
                """, ct);
            // The Orleans schema belongs to the silo's role alone (clustering, grain storage, reminders).
            var orleansRole = new NpgsqlCommandBuilder().QuoteIdentifier(options.OrleansRole);
            await Execute(connection, null, $"""
                GRANT USAGE ON SCHEMA orleans TO {orleansRole};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA orleans TO {orleansRole};
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA orleans TO {orleansRole};
                REVOKE ALL ON SCHEMA orleans FROM {role};
                """, ct);
            return count;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
