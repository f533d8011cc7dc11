using Dapper;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// One database and two running instances of one Orleans cluster (<see cref="App"/> and <see cref="Second"/>) shared
/// by a test collection, with two tenants (A and B), an admin in each, and a platform operator. Clients made by
/// <c>App.CreateClient</c> send their requests to both instances in turn; browser contexts take <see cref="NextAddress"/>. Tests that change shared rows create their own tenants with <see cref="CreateTenantAsync"/>.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Password = "Uji-kata-sandi-2026";
    public const string OperatorEmail = "operator@uji.humassaas.id";

    public TestDatabase Database { get; private set; } = null!;
    /// <summary>The first instance (its services are used for setup); its clients reach <see cref="Second"/> too.</summary>
    public AppInstance App { get; private set; } = null!;
    public AppInstance Second { get; private set; } = null!;
    public IReadOnlyList<AppInstance> Instances => [App, Second];
    private int nextAddress = -1;

    /// <summary>The instances' addresses in turn, for a browser context or a raw client.</summary>
    public Uri NextAddress() => Instances[(int)((uint)Interlocked.Increment(ref nextAddress) % (uint)Instances.Count)].Address;
    public Tenant TenantA { get; private set; } = null!;
    public Tenant TenantB { get; private set; } = null!;
    public string AdminA => AdminEmail(TenantA.Slug);
    public string AdminB => AdminEmail(TenantB.Slug);

    public static string AdminEmail(string slug) => $"admin@{slug}.uji.humassaas.id";

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        App = await AppInstance.StartAsync(Database);
        Second = await AppInstance.StartAsync(Database);
        App.Peers = [Second];
        Second.Peers = [App];
        TenantA = await CreateTenantAsync("kab-alfa", "Kabupaten Alfa Uji");
        TenantB = await CreateTenantAsync("kota-beta", "Kota Beta Rahasia");
        var accounts = App.Services.GetRequiredService<UserAccounts>();
        await using var connection = new NpgsqlConnection(Database.AppConnectionString);
        await connection.OpenAsync();
        await accounts.CreateAsync(connection, null, OperatorEmail, "Operator Uji", Password, true);
    }

    /// <summary>A new tenant with its admin (admin@{slug}.uji.humassaas.id / <see cref="Password"/>).</summary>
    public async Task<Tenant> CreateTenantAsync(string slugPrefix, string? name = null)
    {
        var slug = $"{slugPrefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var onboarding = App.Services.GetRequiredService<TenantOnboarding>();
        return await onboarding.OnboardAsync(new OnboardTenantRequest(slug, name ?? $"Kabupaten {slug}", TenantKind.Kabupaten, "Sulawesi Utara",
            "Bagian Humas dan Protokol", new TenantAdminSeed(AdminEmail(slug), "Admin " + slug, Password)), null);
    }

    /// <summary>Adds a staff member with the given role to a tenant, returning the email.</summary>
    public async Task<string> AddMemberAsync(Tenant tenant, TenantRole role)
    {
        var email = $"{TenantRoles.ToText(role)}-{Guid.NewGuid().ToString("N")[..6]}@{tenant.Slug}.uji.humassaas.id";
        var members = App.Services.GetRequiredService<TenantMembers>();
        await members.AddAsync(tenant.Id, new AddMemberRequest(email, "Staf " + role, role, Password), new Actor(null, "uji"), CancellationToken.None);
        return email;
    }

    public async Task<TestClient> SignedInClientAsync(string email, string? tenant)
    {
        var client = App.CreateClient(tenant);
        await client.SignInAsync(email, Password);
        return client;
    }

    public async Task<T> QueryAsOwnerAsync<T>(string sql, object? param = null)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, param) ?? throw new InvalidOperationException("null result");
    }

    public Db Db => App.Services.GetRequiredService<Db>();

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
