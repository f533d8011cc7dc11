using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Platform;

/// <summary>Reads tenant rows as the app role inside the tenant (RLS is forced even for the owner).</summary>
public static class TenantSql
{
    public static async Task<long> CountAsync(PlatformFixture fixture, Guid tenantId, string sql, object? param = null)
    {
        await using var tx = await fixture.Db.BeginTenantAsync(tenantId);
        return await tx.ExecuteScalarAsync<long>(sql, param);
    }
}
