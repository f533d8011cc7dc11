using Dapper;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;
using Npgsql;

namespace HumasSaaS.Benchmarks;

public static class BenchmarkCleanup
{
    /// <summary>The run's database is fresh, so its tenants (and their containers) belong to this run alone.</summary>
    public static async Task<int> DeleteTenantContainersAsync(TestDatabase database)
    {
        List<Guid> tenants;
        await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
            tenants = (await owner.QueryAsync<Guid>("SELECT id FROM tenants")).ToList();
        var service = new DirectBlob().Service;
        var deleted = 0;
        foreach (var id in tenants)
            if ((await service.GetBlobContainerClient(BlobNames.TenantContainer(id)).DeleteIfExistsAsync()).Value) deleted++;
        return deleted;
    }
}
