using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using HumasSaaS.MediaPartners;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace HumasSaaS.Tests.Grains;

/// <summary>
/// Media partner grains on a real two-silo Orleans cluster (TestingHost) whose grain state, reminders and projections
/// are in the test PostgreSQL. Each test gets its own cluster (its own ServiceId, so its own state rows).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MediaPartnerGrainTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly ProjectionCrash crash = new();
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await GrainTestCluster.StartAsync(fixture, services => services.AddSingleton<IProjectionInterceptor>(crash));
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private IMediaPartnerGrain Grain(IGrainFactory factory, Guid tenantId, Guid partnerId) =>
        new TenantGrains(factory).Get<IMediaPartnerGrain>(tenantId, partnerId);

    private IGrainFactory SiloFactory(int i) => cluster.GetActiveSilos().ElementAt(i).ServiceProvider.GetRequiredService<IGrainFactory>();

    private async Task<(Guid TenantId, Guid CompanyId, Guid PartnerId, MediaPartnerProfile Profile)> NewPartnerAsync(string prefix)
    {
        var t = await MediaPartnerKit.CreateTenantAsync(fixture, prefix);
        using var vendor = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug);
        var me = await vendor.Http.GetFromJsonAsync<JsonObject>("/api/v1/vendor/me");
        t.Dispose();
        var profile = JsonSerializer.Deserialize<MediaPartnerProfile>(JsonSerializer.Serialize(MediaPartnerKit.Profile()), EntityJson.Options)!;
        return (t.Tenant.Id, me!["companyId"]!.GetValue<Guid>(), Guid.NewGuid(), profile);
    }

    /// <summary>
    /// Puts the grain's activation on the second silo. Migrating to the silo it already lives on never deactivates it,
    /// so a wait for that would hang; every cluster step here is also bounded.
    /// </summary>
    private async Task<InProcessSiloHandle> MoveToSecondSiloAsync(IMediaPartnerGrain grain, IManagementGrain management)
    {
        var second = cluster.GetActiveSilos().ElementAt(1);
        if (!Equals(await management.GetActivationAddress(grain), second.SiloAddress))
            await cluster.MigrateAsync(grain, second.SiloAddress).WaitAsync(ClusterStepTimeout);
        return second;
    }

    private async Task KillAsync(InProcessSiloHandle silo)
    {
        await cluster.KillSiloAsync(silo).WaitAsync(ClusterStepTimeout);
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true).WaitAsync(ClusterStepTimeout);
    }

    private static readonly TimeSpan ClusterStepTimeout = TimeSpan.FromSeconds(90);

    private static Actor Vendor => new(null, "Vendor uji");

    /// <summary>Reads the tenant's SQL rows as the request path would (row-level security applies to everyone else).</summary>
    private Task<T?> InTenantAsync<T>(Guid tenantId, string sql, object param) =>
        fixture.Db.InTenantAsync(tenantId, tx => tx.ExecuteScalarAsync<T>(sql, param));

    [Fact]
    public async Task A_partner_called_through_both_silos_has_one_activation_and_survives_deactivation_and_the_death_of_its_silo()
    {
        var (tenantId, companyId, partnerId, profile) = await NewPartnerAsync("grain-satu");
        var applied = await Grain(SiloFactory(0), tenantId, partnerId).Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, Vendor);
        var throughOther = await Grain(SiloFactory(1), tenantId, partnerId).Get();
        Assert.Equal(applied.Version, throughOther!.Version);

        var grain = Grain(cluster.Client, tenantId, partnerId);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var activations = (await management.GetDetailedGrainStatistics())
            .Count(s => s.GrainId == grain.GetGrainId());
        Assert.Equal(1, activations);

        await cluster.DeactivateAsync(grain);
        Assert.Equal(applied.State.Profile.MediaName, (await grain.Get())!.State.Profile.MediaName);

        // Kill (no graceful stop) the silo that holds it; the survivor reads the state back from storage.
        var second = await MoveToSecondSiloAsync(grain, management);
        Assert.Equal(second.SiloAddress, await management.GetActivationAddress(grain));
        await KillAsync(second);
        var after = await Grain(cluster.Client, tenantId, partnerId).Get();
        Assert.Equal(applied.Version, after!.Version);
        Assert.Equal(PartnerStatus.Draft, after.State.Status);
    }

    [Fact]
    public async Task A_stale_storage_write_is_refused_as_a_conflict_and_the_sql_rows_are_not_touched()
    {
        var (tenantId, companyId, partnerId, profile) = await NewPartnerAsync("grain-etag");
        var grain = Grain(cluster.Client, tenantId, partnerId);
        var applied = await grain.Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, Vendor);

        // Another writer changed the stored row behind this activation's back (its ETag is now stale).
        var bumped = await fixture.QueryAsOwnerAsync<int>(
            "WITH u AS (UPDATE orleans.orleansstorage SET version = version + 1 WHERE serviceid = @service RETURNING 1) SELECT count(*)::int FROM u",
            new { service = cluster.Options.ServiceId });
        Assert.Equal(1, bumped);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            grain.ChangeProfile(applied.Version, profile with { MediaName = "Nama Baru" }, Vendor));
        Assert.Equal(applied.Version, conflict.ExpectedVersion);
        Assert.Equal(applied.Version, await InTenantAsync<int>(tenantId, "SELECT version FROM media_partners WHERE id = @partnerId", new { partnerId }));
        Assert.Equal("Nyiur Online", await InTenantAsync<string>(tenantId, "SELECT state -> 'profile' ->> 'mediaName' FROM media_partners WHERE id = @partnerId", new { partnerId }));

        // The refused activation was dropped: the next call reads the stored row and succeeds.
        var changed = await grain.ChangeProfile(applied.Version, profile with { MediaName = "Nama Baru" }, Vendor);
        Assert.Equal(applied.Version + 1, changed.Version);
        Assert.Equal("Nama Baru", await InTenantAsync<string>(tenantId, "SELECT state -> 'profile' ->> 'mediaName' FROM media_partners WHERE id = @partnerId", new { partnerId }));
    }

    [Fact]
    public async Task A_call_for_another_tenant_or_for_none_is_refused_before_the_grain_runs()
    {
        var (tenantId, companyId, partnerId, profile) = await NewPartnerAsync("grain-penyewa");
        await Grain(cluster.Client, tenantId, partnerId).Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, Vendor);
        var raw = cluster.Client.GetGrain<IMediaPartnerGrain>(GrainKeys.For(tenantId, partnerId));

        RequestContext.Set(TenantCallContext.Key, fixture.TenantB.Id);
        await Assert.ThrowsAsync<TenantMismatchException>(() => raw.Get());
        await Assert.ThrowsAsync<TenantMismatchException>(() => raw.ChangeProfile(1, profile with { MediaName = "Bukan milikmu" }, Vendor));
        RequestContext.Remove(TenantCallContext.Key);
        await Assert.ThrowsAsync<TenantMismatchException>(() => raw.Get());

        Assert.Equal("Nyiur Online", (await Grain(cluster.Client, tenantId, partnerId).Get())!.State.Profile.MediaName);
    }

    [Fact]
    public async Task The_projection_converges_after_a_crash_between_the_state_write_and_the_sql_write()
    {
        var (tenantId, companyId, partnerId, profile) = await NewPartnerAsync("grain-crash");
        var grain = Grain(cluster.Client, tenantId, partnerId);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        // The state write succeeds, then the process "dies" before the SQL write: the change is acknowledged.
        crash.FailFor = GrainKeys.For(tenantId, partnerId);
        var applied = await grain.Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, Vendor);
        Assert.Equal(1, applied.Version);
        Assert.Equal(0, await InTenantAsync<int>(tenantId, "SELECT count(*)::int FROM media_partners WHERE id = @partnerId", new { partnerId }));

        await KillAsync(await MoveToSecondSiloAsync(grain, management));
        crash.FailFor = null;

        // The next activation (on the survivor) applies what the stored state still carries.
        Assert.Equal(1, (await grain.Get())!.Version);
        Assert.Equal(1, await InTenantAsync<int>(tenantId, "SELECT version FROM media_partners WHERE id = @partnerId", new { partnerId }));
        Assert.Equal(1, await InTenantAsync<int>(tenantId, "SELECT count(*)::int FROM media_company_applications WHERE partner_id = @partnerId", new { partnerId }));

        // Applying it again (another activation before the next state write) writes nothing twice.
        await cluster.DeactivateAsync(grain);
        await grain.Get();
        Assert.Equal(1, await InTenantAsync<int>(tenantId, 
            "SELECT count(*)::int FROM audit_events WHERE entity_id = @partnerId AND action = 'applied'", new { partnerId }));
    }

    [Fact]
    public async Task A_partner_that_exists_only_as_sql_rows_is_taken_over_by_its_grain()
    {
        var (tenantId, companyId, partnerId, profile) = await NewPartnerAsync("grain-lama");
        var grain = Grain(cluster.Client, tenantId, partnerId);
        var applied = await grain.Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, Vendor);
        // As if the partner had been made before grains owned partners: SQL rows, no grain state.
        await fixture.QueryAsOwnerAsync<int>(
            "WITH d AS (DELETE FROM orleans.orleansstorage WHERE serviceid = @service RETURNING 1) SELECT count(*)::int FROM d",
            new { service = cluster.Options.ServiceId });
        await cluster.DeactivateAsync(grain);

        var adopted = await grain.Get();
        Assert.Equal(applied.Version, adopted!.Version);
        Assert.Equal(companyId, adopted.State.CompanyId);
        await Assert.ThrowsAsync<DomainRuleException>(() => grain.Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, Vendor));
        var changed = await grain.ChangeProfile(applied.Version, profile with { MediaName = "Nama Lanjutan" }, Vendor);
        Assert.Equal(applied.Version + 1, await InTenantAsync<int>(tenantId, "SELECT version FROM media_partners WHERE id = @partnerId", new { partnerId }));
        Assert.Equal(changed.Version, applied.Version + 1);
    }

    /// <summary>Fails the projection of one grain (as if the process died right after the state write).</summary>
    private sealed class ProjectionCrash : IProjectionInterceptor
    {
        public volatile string? FailFor;

        public ValueTask BeforeProjectAsync(string grainKey, ProjectionBatch batch) =>
            grainKey == FailFor ? throw new IOException("simulated crash between the state write and the projection") : ValueTask.CompletedTask;
    }
}
