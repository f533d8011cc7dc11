using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using CredentialCache = HumasSaaS.Api.Platform.Accounts.CredentialCache;

namespace HumasSaaS.Tests.Platform;

/// <summary>The request path: cached tenant directory and credentials with their bounds, one connection per request.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RequestPathTests(PlatformFixture fixture)
{
    /// <summary>How long a change made elsewhere (another instance, or SQL) may take to reach this instance's directory.</summary>
    private static readonly TimeSpan DirectoryBound = TimeSpan.FromSeconds(3);

    private TimeSpan CredentialBound => fixture.App.Services.GetRequiredService<CredentialCache>().Bound;

    [Fact]
    public async Task A_tenant_suspended_elsewhere_stops_answering_within_the_bound_and_returns_when_reactivated()
    {
        await fixture.App.Services.GetRequiredService<TenantDirectoryListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        var tenant = await fixture.CreateTenantAsync("cache-susp");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/v1/profile")).StatusCode); // now in memory

        // Changed by SQL, not through this instance's service: only the announcement can tell this instance.
        await ExecuteAsOwnerAsync("UPDATE tenants SET status = 'suspended' WHERE id = @id", new { id = tenant.Id });
        var took = await UntilAsync(async () => (await admin.Http.GetAsync("/api/v1/profile")).StatusCode == HttpStatusCode.NotFound, DirectoryBound);
        Assert.True(took <= DirectoryBound, $"suspension took {took.TotalMilliseconds:F0} ms");

        await ExecuteAsOwnerAsync("UPDATE tenants SET status = 'active' WHERE id = @id", new { id = tenant.Id });
        took = await UntilAsync(async () => (await admin.Http.GetAsync("/api/v1/profile")).StatusCode == HttpStatusCode.OK, DirectoryBound);
        Assert.True(took <= DirectoryBound, $"reactivation took {took.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_token_revoked_elsewhere_is_refused_within_the_credential_bound_and_at_once_where_it_was_revoked()
    {
        var tenant = await fixture.CreateTenantAsync("cache-token");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (secret, id) = await CreateTokenAsync(admin);
        using var integration = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await integration.Http.SendAsync(WithBearer(secret, tenant.Slug))).StatusCode);

        await ExecuteAsOwnerAsync("UPDATE api_tokens SET revoked_at = now() WHERE id = @id", new { id });
        var took = await UntilAsync(async () =>
            (await integration.Http.SendAsync(WithBearer(secret, tenant.Slug))).StatusCode == HttpStatusCode.Unauthorized, CredentialBound + TimeSpan.FromSeconds(2));
        Assert.True(took <= CredentialBound + TimeSpan.FromSeconds(1), $"revocation took {took.TotalMilliseconds:F0} ms, bound {CredentialBound}");

        var (second, secondId) = await CreateTokenAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await integration.Http.SendAsync(WithBearer(second, tenant.Slug))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/tokens/{secondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.Http.SendAsync(WithBearer(second, tenant.Slug))).StatusCode);
    }

    [Fact]
    public async Task Last_used_at_is_written_at_most_once_a_minute()
    {
        var tenant = await fixture.CreateTenantAsync("last-used");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (secret, id) = await CreateTokenAsync(admin);
        var cache = fixture.App.Services.GetRequiredService<CredentialCache>();
        using var integration = fixture.App.CreateClient();

        async Task<DateTime?> UseUncachedAsync()
        {
            cache.ForgetToken(id); // every use reaches PostgreSQL, as on many instances
            Assert.Equal(HttpStatusCode.OK, (await integration.Http.SendAsync(WithBearer(secret, tenant.Slug))).StatusCode);
            return await fixture.QueryAsOwnerAsync<DateTime?>("SELECT last_used_at FROM api_tokens WHERE id = @id", new { id });
        }

        var first = await UseUncachedAsync();
        Assert.NotNull(first);
        for (var i = 0; i < 5; i++) Assert.Equal(first, await UseUncachedAsync());

        await ExecuteAsOwnerAsync("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE id = @id", new { id });
        var later = await UseUncachedAsync();
        Assert.True(later > first, "a use after a minute is recorded");
    }

    [Fact]
    public async Task A_request_uses_one_connection_and_no_pooled_connection_carries_a_tenant_out_of_its_transaction()
    {
        var db = fixture.Db;
        var lease = new RequestConnection();
        RequestConnection.Current = lease;
        int pidA, pidB;
        try
        {
            await using (var tx = await db.BeginTenantAsync(fixture.TenantA.Id))
            {
                pidA = await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
                Assert.Equal(fixture.TenantA.Id.ToString(), await tx.ExecuteScalarAsync<string>("SELECT current_setting('app.tenant_id', true)"));
                await tx.CommitAsync();
            }
            await using (var tx = await db.BeginTenantAsync(fixture.TenantB.Id))
            {
                pidB = await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
                Assert.Equal(fixture.TenantB.Id.ToString(), await tx.ExecuteScalarAsync<string>("SELECT current_setting('app.tenant_id', true)"));
            } // rolled back
            var (pid, setting) = await db.OnPlatformConnectionAsync(c =>
                c.QuerySingleAsync<(int, string?)>("SELECT pg_backend_pid(), current_setting('app.tenant_id', true)"));
            Assert.Equal(pidA, pidB);
            Assert.Equal(pidA, pid);
            Assert.True(string.IsNullOrEmpty(setting), $"tenant setting outside a transaction: '{setting}'");
            Assert.Equal(1, lease.Opened);
        }
        finally
        {
            RequestConnection.Current = null;
            await lease.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_request_connection_that_broke_is_replaced_for_the_next_transaction()
    {
        var db = fixture.Db;
        var lease = new RequestConnection();
        RequestConnection.Current = lease;
        try
        {
            int broken;
            await using (var tx = await db.BeginTenantAsync(fixture.TenantA.Id))
            {
                broken = await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
                // As when PostgreSQL restarts between the statement and the end of the transaction: the rollback on
                // dispose fails and Npgsql swallows that, leaving the request's connection broken.
                await using var other = new NpgsqlConnection(fixture.Database.AppConnectionString);
                Assert.True(await other.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(@broken)", new { broken }));
                await UntilAsync(async () => await other.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE pid = @broken", new { broken }) == 0,
                    TimeSpan.FromSeconds(5));
            }
            await using (var tx = await db.BeginTenantAsync(fixture.TenantA.Id))
            {
                Assert.NotEqual(broken, await tx.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));
                Assert.Equal(fixture.TenantA.Id.ToString(), await tx.ExecuteScalarAsync<string>("SELECT current_setting('app.tenant_id', true)"));
            }
            Assert.Equal(2, lease.Opened);
        }
        finally
        {
            RequestConnection.Current = null;
            await lease.DisposeAsync();
        }
    }

    [Fact]
    public async Task Through_http_no_connection_of_the_pool_carries_a_tenant_to_the_next_request()
    {
        // A small pool, so the requests below reuse its few physical connections, which are not reset on return
        // (No Reset On Close); afterwards every one of them is taken at once and inspected.
        const int poolSize = 3;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:App"] = fixture.Database.AppConnectionString + $";Maximum Pool Size={poolSize};Timeout=30",
        };
        await using var app = await AppInstance.StartAsync(fixture.Database, settings);
        using var adminA = app.CreateClient(fixture.TenantA.Slug);
        await adminA.SignInAsync(fixture.AdminA, PlatformFixture.Password);
        using var adminB = app.CreateClient(fixture.TenantB.Slug);
        await adminB.SignInAsync(fixture.AdminB, PlatformFixture.Password);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await adminA.Http.GetAsync("/api/v1/profile")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await adminB.Http.GetAsync("/api/v1/members")).StatusCode);
        }

        var db = app.Services.GetRequiredService<Db>();
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < poolSize; i++) connections.Add(await db.DataSource.OpenConnectionAsync());
            foreach (var connection in connections)
            {
                Assert.True(string.IsNullOrEmpty(await connection.ExecuteScalarAsync<string?>("SELECT current_setting('app.tenant_id', true)")));
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles"));
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_memberships"));
            }
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    private async Task ExecuteAsOwnerAsync(string sql, object param)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        Assert.Equal(1, await connection.ExecuteAsync(sql, param));
    }

    private static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit + TimeSpan.FromSeconds(2)) return clock.Elapsed;
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    private static async Task<(string Secret, Guid Id)> CreateTokenAsync(TestClient admin)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/v1/tokens", new { name = "Cache uji " + Guid.NewGuid().ToString("N")[..4], role = "viewer", expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["secret"]!.GetValue<string>(), body["token"]!["id"]!.GetValue<Guid>());
    }

    private static HttpRequestMessage WithBearer(string token, string tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Tenant", tenant);
        return request;
    }
}
