using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HumasSaaS.Api.Platform.Database;

/// <summary>Keeps the Data Protection key ring in PostgreSQL so every instance protects and unprotects alike.</summary>
public sealed class PostgresXmlRepository(Db db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.DataSource.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at")
            .Select(x => XElement.Parse(x))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.DataSource.OpenConnection();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (friendly_name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

/// <summary>
/// Makes every instance start from one shared Data Protection key. Without this, instances starting together on an
/// empty key table each create their own immediately-active key; an instance then rejects the other's cookies and
/// antiforgery tokens once its start-up refresh window closes (its cached key ring lacks the other key for up to a day).
/// </summary>
public static class SharedKeyRing
{
    // "HUMASKEY" as ASCII; distinct from the migration lock.
    private const long AdvisoryLockKey = 0x48554D41534B4559;

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        await using var connection = new Npgsql.NpgsqlConnection(options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken: ct));
        try
        {
            // Loads the key ring, creating the first key only if no instance did so before it took the lock.
            Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(services, "HumasSaaS.KeyRing").Protect([1]);
        }
        finally
        {
            await connection.ExecuteAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})");
        }
    }
}
