using Dapper;
using HumasSaaS.Events;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace HumasSaaS.Tests.Grains;

/// <summary>
/// Event grains on a real two-silo Orleans cluster (TestingHost) with grain state and projections in the test PostgreSQL:
/// check-ins through both silos, capacity, the projection after a crash, events that exist only as SQL rows, idempotent creation.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EventGrainTests(PlatformFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan ClusterStepTimeout = TimeSpan.FromSeconds(90);
    private static readonly Actor Staff = new(null, "Petugas uji");
    private readonly ProjectionCrash crash = new();
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await GrainTestCluster.StartAsync(fixture, services => services.AddSingleton<IProjectionInterceptor>(crash));
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private static IEventGrain Grain(IGrainFactory factory, Guid tenantId, Guid eventId) => new TenantGrains(factory).Get<IEventGrain>(tenantId, eventId);

    private IGrainFactory SiloFactory(int i) => cluster.GetActiveSilos().ElementAt(i).ServiceProvider.GetRequiredService<IGrainFactory>();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static EventDetails Details(int? capacity = null) =>
        new(EventType.Rakor, "Rapat koordinasi uji grain", [Today], "Uji", "Bagian Humas", "Aula Kantor Bupati", null, capacity);

    private static List<ParticipantInput> People(int n, string prefix) =>
        Enumerable.Range(0, n).Select(i => new ParticipantInput($"{prefix} {i:000}", ParticipantCategory.Opd, "Dinas Uji", "Staf")).ToList();

    private Task<T?> InTenantAsync<T>(Guid tenantId, string sql, object param) =>
        fixture.Db.InTenantAsync(tenantId, tx => tx.ExecuteScalarAsync<T>(sql, param));

    private async Task<InProcessSiloHandle> MoveToSecondSiloAsync(IEventGrain grain, IManagementGrain management)
    {
        var second = cluster.GetActiveSilos().ElementAt(1);
        if (!Equals(await management.GetActivationAddress(grain), second.SiloAddress))
            await cluster.MigrateAsync(grain, second.SiloAddress).WaitAsync(ClusterStepTimeout);
        return second;
    }

    [Fact]
    public async Task Check_ins_arriving_together_through_both_silos_are_each_recorded_once_with_correct_counts()
    {
        var tenant = await fixture.CreateTenantAsync("grain-hadir");
        var eventId = Guid.NewGuid();
        var grain = Grain(SiloFactory(0), tenant.Id, eventId);
        var created = await grain.Create(Details(), [], Staff);
        await grain.ChangeStatus(created.Version, EventStatusChange.Publish, null, Staff);
        var outcomes = await grain.AddParticipants(People(300, "Peserta"), ParticipantSource.Invitation, allOrNothing: true, Today, Staff);
        var codes = outcomes.Select(o => o.Created!.Code).ToList();

        // Every participant scanned twice at once, half of the scans through each silo.
        var scans = codes.SelectMany(c => new[] { c, c.ToLowerInvariant() }).Select((code, i) =>
            Grain(SiloFactory(i % 2), tenant.Id, eventId).CheckIn(code, 1, CheckInMethod.Qr, Today, Staff)).ToList();
        var results = await Task.WhenAll(scans).WaitAsync(ClusterStepTimeout);

        var firsts = results.Where(r => !r.AlreadyPresent).ToList();
        Assert.Equal(300, firsts.Count);
        Assert.Equal(300, firsts.Select(r => r.ParticipantId).Distinct().Count());
        Assert.All(results.Where(r => r.AlreadyPresent), r => Assert.Contains("sudah hadir", r.Message));
        // Counts as the scanner shows them: each new arrival sees a distinct count, the last one all 300.
        Assert.Equal(Enumerable.Range(1, 300), firsts.Select(r => r.PresentToday).Order());
        Assert.Equal(300L, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM event_checkins WHERE event_id = @eventId", new { eventId }));

        // A later repeat (after the grain was dropped: memory is rebuilt from the rows) still says "sudah hadir".
        await cluster.DeactivateAsync(grain);
        var again = await Grain(SiloFactory(1), tenant.Id, eventId).CheckIn(codes[0], 1, CheckInMethod.Code, Today, Staff);
        Assert.True(again.AlreadyPresent);
        Assert.Equal(300, again.PresentToday);
        await Assert.ThrowsAsync<NotFoundException>(() => grain.CheckIn("ZZZZ2222", 1, CheckInMethod.Code, Today, Staff));
    }

    [Fact]
    public async Task Registrations_through_both_silos_never_exceed_capacity()
    {
        var tenant = await fixture.CreateTenantAsync("grain-kuota");
        var eventId = Guid.NewGuid();
        var created = await Grain(cluster.Client, tenant.Id, eventId).Create(Details(capacity: 25), [], Staff);
        await Grain(cluster.Client, tenant.Id, eventId).ChangeStatus(created.Version, EventStatusChange.Publish, null, Staff);

        var attempts = Enumerable.Range(0, 40).Select(i => Grain(SiloFactory(i % 2), tenant.Id, eventId).AddParticipants(
            [new ParticipantInput($"Pendaftar {i:00}", ParticipantCategory.Opd, null, null, $"0812000{i:0000}")], ParticipantSource.Registration, false, Today, Staff));
        var outcomes = (await Task.WhenAll(attempts)).Select(o => o[0]).ToList();

        Assert.Equal(25, outcomes.Count(o => o.Created is not null));
        Assert.All(outcomes.Where(o => o.Created is null), o => Assert.StartsWith("Kuota peserta (25 orang)", o.Error));
        Assert.Equal(25L, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM event_participants WHERE event_id = @eventId", new { eventId }));
        Assert.Equal(25, (await Grain(cluster.Client, tenant.Id, eventId).Get())!.ParticipantCount);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_the_rules_of_the_event_hold()
    {
        var tenant = await fixture.CreateTenantAsync("grain-versi");
        var grain = Grain(cluster.Client, tenant.Id, Guid.NewGuid());
        var created = await grain.Create(Details(), [], Staff);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grain.ChangeStatus(created.Version + 1, EventStatusChange.Publish, null, Staff));
        Assert.Equal(created.Version + 1, conflict.ExpectedVersion);
        // A draft takes no check-in and cannot start; a cancelled event cannot be changed.
        await Assert.ThrowsAsync<DomainRuleException>(() => grain.CheckIn("ABCD2345", 1, CheckInMethod.Code, Today, Staff));
        await Assert.ThrowsAsync<DomainRuleException>(() => grain.ChangeStatus(created.Version, EventStatusChange.Start, null, Staff));
        var cancelled = await grain.ChangeStatus(created.Version, EventStatusChange.Cancel, "Ditunda karena cuaca", Staff);
        await Assert.ThrowsAsync<DomainRuleException>(() => grain.ChangeDetails(cancelled.Version, Details(), Staff));
        await Assert.ThrowsAsync<DomainRuleException>(() => grain.EnsureAcceptsMaterials());
        Assert.Equal("cancelled", await InTenantAsync<string>(tenant.Id, "SELECT state ->> 'status' FROM events WHERE id = @id", new { id = created.Id }));
    }

    [Fact]
    public async Task The_projection_converges_after_a_crash_between_the_state_write_and_the_sql_write()
    {
        var tenant = await fixture.CreateTenantAsync("grain-acara-crash");
        var eventId = Guid.NewGuid();
        var grain = Grain(cluster.Client, tenant.Id, eventId);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        crash.FailFor = GrainKeys.For(tenant.Id, eventId);
        var created = await grain.Create(Details(), [], Staff);
        Assert.Equal(1, created.Version);
        Assert.Equal(0L, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM events WHERE id = @eventId", new { eventId }));

        var second = await MoveToSecondSiloAsync(grain, management);
        await cluster.KillSiloAsync(second).WaitAsync(ClusterStepTimeout);
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true).WaitAsync(ClusterStepTimeout);
        crash.FailFor = null;

        Assert.Equal(1, (await grain.Get())!.Version);
        Assert.Equal(1, await InTenantAsync<int>(tenant.Id, "SELECT version FROM events WHERE id = @eventId", new { eventId }));
        await cluster.DeactivateAsync(grain);
        await grain.Get();
        Assert.Equal(1L, await InTenantAsync<long>(tenant.Id,
            "SELECT count(*) FROM audit_events WHERE entity_id = @eventId AND action = 'event_created'", new { eventId }));
    }

    [Fact]
    public async Task An_event_that_exists_only_as_sql_rows_is_taken_over_by_its_grain()
    {
        var tenant = await fixture.CreateTenantAsync("grain-acara-lama");
        var eventId = Guid.NewGuid();
        var grain = Grain(cluster.Client, tenant.Id, eventId);
        var created = await grain.Create(Details(capacity: 3), [], Staff);
        await grain.AddParticipants(People(3, "Lama"), ParticipantSource.Invitation, true, Today, Staff);
        await fixture.QueryAsOwnerAsync<int>(
            "WITH d AS (DELETE FROM orleans.orleansstorage WHERE serviceid = @service RETURNING 1) SELECT count(*)::int FROM d",
            new { service = cluster.Options.ServiceId });
        await cluster.DeactivateAsync(grain);

        var adopted = await grain.Get();
        Assert.Equal(created.Version, adopted!.Version);
        Assert.Equal(3, adopted.ParticipantCount);
        // Capacity counts the participants that were already rows.
        var full = await grain.AddParticipants(People(1, "Baru"), ParticipantSource.Invitation, false, Today, Staff);
        Assert.StartsWith("Kuota peserta", full[0].Error);
        await Assert.ThrowsAsync<DomainRuleException>(() => grain.Create(Details(), [], Staff));
        var published = await grain.ChangeStatus(created.Version, EventStatusChange.Publish, null, Staff);
        Assert.Equal(created.Version + 1, await InTenantAsync<int>(tenant.Id, "SELECT version FROM events WHERE id = @eventId", new { eventId }));
        Assert.Equal(EventStatus.Published, published.State.Status);
    }

    [Fact]
    public async Task Creating_with_a_source_key_twice_makes_one_event_and_invites_once()
    {
        var tenant = await fixture.CreateTenantAsync("grain-sumber");
        var eventId = Guid.NewGuid();
        var delegation = People(4, "Delegasi");
        var first = await Grain(SiloFactory(0), tenant.Id, eventId).Create(Details(), [], Staff, "visit:1", delegation);
        var retry = await Grain(SiloFactory(1), tenant.Id, eventId).Create(Details(), [], Staff, "visit:1", delegation);
        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.Version, retry.Version);
        Assert.Equal(4, retry.ParticipantCount);
        Assert.Equal(4L, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM event_participants WHERE event_id = @eventId", new { eventId }));
        await Assert.ThrowsAsync<DomainRuleException>(() => Grain(cluster.Client, tenant.Id, eventId).Create(Details(), [], Staff, "visit:2"));
    }

    private sealed class ProjectionCrash : IProjectionInterceptor
    {
        public volatile string? FailFor;

        public ValueTask BeforeProjectAsync(string grainKey, ProjectionBatch batch) =>
            grainKey == FailFor ? throw new IOException("simulated crash between the state write and the projection") : ValueTask.CompletedTask;
    }
}
