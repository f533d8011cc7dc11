using Dapper;
using HumasSaaS.Tests.Infrastructure;
using Npgsql;

namespace HumasSaaS.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class RowLevelSecurityTests(PlatformFixture fixture)
{
    private async Task<NpgsqlConnection> OpenAsAppAsync()
    {
        var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task Without_the_tenant_setting_the_app_role_sees_no_tenant_rows()
    {
        await using var connection = await OpenAsAppAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles"));
        await using (var withTenant = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("SELECT set_config('app.tenant_id', @t, true)", new { t = fixture.TenantA.Id.ToString() }, withTenant);
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles", transaction: withTenant));
        }
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.tenant_id', '', true)", transaction: tx);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles", transaction: tx));
    }

    [Fact]
    public async Task With_the_tenant_setting_only_that_tenants_rows_are_visible_and_writable()
    {
        await using var connection = await OpenAsAppAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.tenant_id', @t, true)", new { t = fixture.TenantA.Id.ToString() }, tx);
        var visible = (await connection.QueryAsync<Guid>("SELECT tenant_id FROM tenant_profiles", transaction: tx)).ToList();
        Assert.Equal([fixture.TenantA.Id], visible);
        Assert.Equal(0, await connection.ExecuteAsync("UPDATE tenant_profiles SET version = version WHERE tenant_id = @b", new { b = fixture.TenantB.Id }, tx));
        var insertForB = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO audit_events (tenant_id, entity_type, entity_id, action) VALUES (@b, 'x', @b, 'x')", new { b = fixture.TenantB.Id }, tx));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insertForB.SqlState); // new row violates row-level security policy
    }

    [Fact]
    public async Task The_tenant_setting_does_not_outlive_its_transaction_on_a_pooled_connection()
    {
        await using (var connection = await OpenAsAppAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("SELECT set_config('app.tenant_id', @t, true)", new { t = fixture.TenantA.Id.ToString() }, tx);
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles", transaction: tx));
            await tx.CommitAsync();
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles"));
        }
    }

    [Fact]
    public async Task The_app_role_cannot_disable_or_bypass_row_level_security()
    {
        await using var connection = await OpenAsAppAsync();
        var disable = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("ALTER TABLE tenant_profiles DISABLE ROW LEVEL SECURITY"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, disable.SqlState);
        var noForce = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("ALTER TABLE tenant_profiles NO FORCE ROW LEVEL SECURITY"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, noForce.SqlState);
        var dropPolicy = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DROP POLICY tenant_isolation ON tenant_profiles"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, dropPolicy.SqlState);
        var bypass = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("ALTER ROLE CURRENT_USER BYPASSRLS"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, bypass.SqlState);
        await connection.ExecuteAsync("SET row_security = off");
        var off = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_profiles"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, off.SqlState); // query would be affected by row-level security policy

        var role = await connection.QuerySingleAsync<(bool Super, bool Bypass, long Owned)>(
            """
            SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
            FROM pg_roles r WHERE r.rolname = current_user
            """);
        Assert.False(role.Super);
        Assert.False(role.Bypass);
        Assert.Equal(0, role.Owned);
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_forced_row_level_security_and_a_tenant_policy()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        var tables = (await connection.QueryAsync<(string Name, bool Enabled, bool Forced, long Policies)>(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app_current_tenant()%'
                        AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app_current_tenant()%')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
            """)).ToList();
        Assert.Contains(tables, t => t.Name == "tenant_profiles");
        Assert.Contains(tables, t => t.Name == "api_tokens");
        Assert.Contains(tables, t => t.Name == "tenant_memberships");
        var unprotected = tables.Where(t => !(t.Enabled && t.Forced && t.Policies > 0)).Select(t => t.Name).ToList();
        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task Every_security_definer_function_has_a_fixed_search_path_and_is_not_owned_by_the_app_role()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        var functions = (await connection.QueryAsync<(string Name, string[]? Config, string Owner)>(
            """
            SELECT n.nspname || '.' || p.proname, p.proconfig, pg_get_userbyid(p.proowner)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            """)).ToList();
        Assert.Contains(functions, f => f.Name == "public.app_user_tenants");
        Assert.Contains(functions, f => f.Name == "public.app_verify_api_token");
        var appRole = new NpgsqlConnectionStringBuilder(fixture.Database.AppConnectionString).Username;
        var unsafeOnes = functions
            .Where(f => f.Owner == appRole || !(f.Config ?? []).Any(c => c.StartsWith("search_path=", StringComparison.Ordinal) && !c.Contains("$user")))
            .Select(f => f.Name).ToList();
        Assert.Empty(unsafeOnes);
    }

    [Fact]
    public async Task Members_and_tokens_of_another_tenant_are_invisible_to_the_app_role()
    {
        await using var connection = await OpenAsAppAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenant_memberships"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_tokens"));
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.tenant_id', @t, true)", new { t = fixture.TenantA.Id.ToString() }, tx);
        var tenants = (await connection.QueryAsync<Guid>("SELECT DISTINCT tenant_id FROM tenant_memberships", transaction: tx)).ToList();
        Assert.Equal([fixture.TenantA.Id], tenants);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tenant_memberships WHERE tenant_id = @b", new { b = fixture.TenantB.Id }, tx));
    }

    [Fact]
    public async Task The_definer_function_lists_only_the_asked_users_active_tenants()
    {
        await using var connection = await OpenAsAppAsync();
        var adminA = await connection.ExecuteScalarAsync<Guid>(
            "SELECT id FROM users WHERE email = @e", new { e = fixture.AdminA });
        var rows = (await connection.QueryAsync<(Guid TenantId, string Role)>("SELECT tenant_id, role FROM app_user_tenants(@adminA)", new { adminA })).ToList();
        Assert.Equal([(fixture.TenantA.Id, "tenant_admin")], rows);
    }
}
