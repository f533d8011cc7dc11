using Dapper;
using HumasSaaS.Cooperation;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>
/// The per-tenant, per-fiscal-year budget grain on a real two-silo Orleans cluster whose grain state and projections
/// are in the test PostgreSQL.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BudgetGrainTests(PlatformFixture fixture) : IAsyncLifetime
{
    private const int Year = 2026;
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await GrainTestCluster.StartAsync(fixture);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private IGrainFactory SiloFactory(int i) => cluster.GetActiveSilos().ElementAt(i).ServiceProvider.GetRequiredService<IGrainFactory>();

    private IBudgetGrain Budget(IGrainFactory factory, Guid tenantId) => BudgetKeys.Grain(new TenantGrains(factory), tenantId, Year);

    private static readonly Actor Staff = new(null, "Bendahara uji");

    private Task<T?> InTenantAsync<T>(Guid tenantId, string sql, object? param = null) =>
        fixture.Db.InTenantAsync(tenantId, tx => tx.ExecuteScalarAsync<T>(sql, param));

    [Fact]
    public async Task Fifty_simultaneous_reservations_through_two_silos_against_room_for_ten_accept_exactly_ten()
    {
        var tenant = await fixture.CreateTenantAsync("anggaran-serentak");
        await Budget(cluster.Client, tenant.Id).SetPagu(Year, 0, [new BudgetLineInput("PUB", "Belanja publikasi", 1_000_000)], Staff);

        var orders = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        var attempts = orders.Select((orderId, i) => Task.Run(async () =>
        {
            try
            {
                await Budget(SiloFactory(i % 2), tenant.Id).Reserve(Year, orderId, null, 100_000, Staff);
                return true;
            }
            catch (DomainRuleException e) when (e.Title == "Anggaran tidak cukup")
            {
                return false;
            }
        })).ToList();
        var outcomes = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(10, outcomes.Count(accepted => accepted));
        var budget = await Budget(cluster.Client, tenant.Id).Get(Year);
        Assert.Equal(1_000_000, budget.CommittedRupiah);
        Assert.Equal(0, budget.RemainingRupiah);
        // The projection the dashboard reads agrees with the grain.
        Assert.Equal(1_000_000, await InTenantAsync<long>(tenant.Id, "SELECT committed FROM cooperation_budget_lines WHERE fiscal_year = @Year", new { Year }));
        Assert.Equal(10, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM cooperation_budget_reservations WHERE state = 'committed'"));
        Assert.Equal(10, await InTenantAsync<long>(tenant.Id,
            "SELECT count(*) FROM audit_events WHERE entity_type = 'cooperation_budget' AND action = 'budget_reserved'"));
    }

    [Fact]
    public async Task Reserve_release_and_realise_keep_committed_realised_and_remaining_right_per_line()
    {
        var tenant = await fixture.CreateTenantAsync("anggaran-alur");
        var budget = Budget(cluster.Client, tenant.Id);
        var set = await budget.SetPagu(Year, 0,
        [
            new BudgetLineInput("2.16.03.1.01", "Publikasi kegiatan pemerintah", 5_000_000),
            new BudgetLineInput("2.16.03.1.02", "Advertorial", 3_000_000),
        ], Staff);
        Assert.Equal(8_000_000, set.RemainingRupiah);

        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        // Without a line, a budget of two lines cannot guess which one pays.
        await Assert.ThrowsAsync<RequestValidationException>(() => budget.Reserve(Year, a, null, 1_000_000, Staff));
        await budget.Reserve(Year, a, "2.16.03.1.01", 1_500_000, Staff);
        var afterB = await budget.Reserve(Year, b, "2.16.03.1.02", 2_000_000, Staff);
        Assert.Equal(3_500_000, afterB.CommittedRupiah);
        Assert.Equal(4_500_000, afterB.RemainingRupiah);
        // Repeating the same reservation is harmless; the same order with another amount is refused.
        Assert.Equal(afterB.Version, (await budget.Reserve(Year, b, "2.16.03.1.02", 2_000_000, Staff)).Version);
        await Assert.ThrowsAsync<DomainRuleException>(() => budget.Reserve(Year, b, "2.16.03.1.02", 2_500_000, Staff));
        // A line is its own limit: the advertorial line has 1 000 000 left even though the year has more.
        var over = await Assert.ThrowsAsync<DomainRuleException>(() => budget.Reserve(Year, Guid.NewGuid(), "2.16.03.1.02", 1_000_001, Staff));
        Assert.Contains("Rp 1.000.000", over.Message);

        var paid = await budget.Realise(Year, a, "SP2D 0012/2026", Staff);
        Assert.Equal(2_000_000, paid.CommittedRupiah);
        Assert.Equal(1_500_000, paid.RealisedRupiah);
        Assert.Equal(4_500_000, paid.RemainingRupiah);
        await Assert.ThrowsAsync<DomainRuleException>(() => budget.Release(Year, a, "salah", Staff));

        var released = await budget.Release(Year, b, "Pesanan dibatalkan", Staff);
        Assert.Equal(0, released.CommittedRupiah);
        Assert.Equal(6_500_000, released.RemainingRupiah);

        // The pagu of a line cannot fall below what is paid from it; a line that paid something cannot be removed.
        await Assert.ThrowsAsync<DomainRuleException>(() => budget.SetPagu(Year, released.Version,
            [new BudgetLineInput("2.16.03.1.01", "Publikasi", 1_000_000), new BudgetLineInput("2.16.03.1.02", "Advertorial", 3_000_000)], Staff));
        await Assert.ThrowsAsync<DomainRuleException>(() => budget.SetPagu(Year, released.Version,
            [new BudgetLineInput("2.16.03.1.02", "Advertorial", 3_000_000)], Staff));
        // A stale version is a conflict.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => budget.SetPagu(Year, set.Version,
            [new BudgetLineInput("2.16.03.1.01", "Publikasi", 9_000_000)], Staff));

        // The survivor of a deactivation reads the same budget back from storage, and the projection matches it.
        await cluster.DeactivateAsync(budget);
        var reloaded = await Budget(cluster.Client, tenant.Id).Get(Year);
        Assert.Equal(released.Version, reloaded.Version);
        Assert.Equal(6_500_000, reloaded.RemainingRupiah);
        Assert.Equal(1_500_000, await InTenantAsync<long>(tenant.Id, "SELECT sum(realised)::bigint FROM cooperation_budget_lines"));
        Assert.Equal(0, await InTenantAsync<long>(tenant.Id, "SELECT sum(committed)::bigint FROM cooperation_budget_lines"));
        Assert.Equal("realised", await InTenantAsync<string>(tenant.Id, "SELECT state FROM cooperation_budget_reservations WHERE order_id = @a", new { a }));
        Assert.Equal(0, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM cooperation_budget_reservations WHERE order_id = @b", new { b }));
        Assert.Equal("Pesanan dibatalkan", await InTenantAsync<string>(tenant.Id,
            "SELECT note FROM audit_events WHERE entity_type = 'cooperation_budget' AND action = 'budget_released'"));
    }

    [Fact]
    public async Task A_repeated_reservation_without_a_line_is_answered_from_the_one_held_even_after_a_line_was_added()
    {
        var tenant = await fixture.CreateTenantAsync("anggaran-ulang");
        var budget = Budget(cluster.Client, tenant.Id);
        var set = await budget.SetPagu(Year, 0, [new BudgetLineInput("PUB", "Belanja publikasi", 1_000_000)], Staff);
        var order = Guid.NewGuid();
        var reserved = await budget.Reserve(Year, order, null, 400_000, Staff);

        // A second line makes "no line" ambiguous for a new order, but the order repeating its step (crash repair) must
        // get its reservation back, not a refusal that would leave the amount held by no order.
        var twoLines = await budget.SetPagu(Year, reserved.Version,
            [new BudgetLineInput("PUB", "Belanja publikasi", 1_000_000), new BudgetLineInput("ADV", "Advertorial", 500_000)], Staff);
        var repeated = await budget.Reserve(Year, order, null, 400_000, Staff);
        Assert.Equal(twoLines.Version, repeated.Version);
        Assert.Equal(400_000, repeated.CommittedRupiah);
        await Assert.ThrowsAsync<RequestValidationException>(() => budget.Reserve(Year, Guid.NewGuid(), null, 100_000, Staff));
        Assert.Equal(set.Version + 2, (await budget.Get(Year)).Version);
    }

    [Fact]
    public async Task Another_tenant_can_neither_call_the_budget_nor_read_its_rows_and_a_year_reaches_only_its_own_grain()
    {
        var tenant = await fixture.CreateTenantAsync("anggaran-isolasi");
        await Budget(cluster.Client, tenant.Id).SetPagu(Year, 0, [new BudgetLineInput("PUB", "Belanja publikasi", 750_000)], Staff);

        var raw = cluster.Client.GetGrain<IBudgetGrain>(GrainKeys.For(tenant.Id, BudgetKeys.Id(tenant.Id, Year)));
        RequestContext.Set(TenantCallContext.Key, fixture.TenantB.Id);
        await Assert.ThrowsAsync<TenantMismatchException>(() => raw.Get(Year));
        await Assert.ThrowsAsync<TenantMismatchException>(() => raw.Reserve(Year, Guid.NewGuid(), null, 1, Staff));
        RequestContext.Remove(TenantCallContext.Key);

        // The other tenant's own key for the same year is a different, empty budget.
        var theirs = await Budget(cluster.Client, fixture.TenantB.Id).Get(Year);
        Assert.Equal(0, theirs.Version);
        Assert.Empty(theirs.Lines);
        Assert.Equal(0, await InTenantAsync<long>(fixture.TenantB.Id, "SELECT count(*) FROM cooperation_budget_lines"));
        Assert.Equal(1, await InTenantAsync<long>(tenant.Id, "SELECT count(*) FROM cooperation_budget_lines"));

        // Another year's number sent to this year's grain does not reach it.
        await Assert.ThrowsAsync<NotFoundException>(() => Budget(cluster.Client, tenant.Id).Get(Year + 1));
        Assert.Equal(750_000, (await Budget(cluster.Client, tenant.Id).Get(Year)).PaguRupiah);
    }
}
