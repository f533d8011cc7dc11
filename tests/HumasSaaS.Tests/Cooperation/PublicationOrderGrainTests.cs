using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Cooperation;
using HumasSaaS.MediaPartners;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.TestingHost;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>
/// Publication order grains on a real two-silo Orleans cluster (grain state, reminders and projections in the test
/// PostgreSQL): the budget is never over-committed by orders, a refused reservation leaves no order, a crash between the
/// order's write and the budget's is repaired (by the reminder without any caller, or by the next call), and the validity
/// gate names an expired document.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PublicationOrderGrainTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly StepCrash crash = new();
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync() =>
        cluster = await GrainTestCluster.StartAsync(fixture, services =>
        {
            services.AddSingleton<IOrderStepInterceptor>(crash);
            services.Configure<OrderBudgetStepOptions>(o => o.RetryAfter = TimeSpan.FromSeconds(2));
        });

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private static readonly Actor Staff = new(null, "Staf humas uji");
    private static DateOnly Today => MediaPartnerKit.Today;

    private IGrainFactory SiloFactory(int i) => cluster.GetActiveSilos().ElementAt(i).ServiceProvider.GetRequiredService<IGrainFactory>();

    private static IPublicationOrderGrain Order(IGrainFactory factory, Guid tenantId, Guid orderId) =>
        new TenantGrains(factory).Get<IPublicationOrderGrain>(tenantId, orderId);

    private IBudgetGrain Budget(Guid tenantId) => BudgetKeys.Grain(new TenantGrains(cluster.Client), tenantId, Today.Year);

    private static CreateOrderCommand News(Guid partnerId, string title = "Liputan pelantikan pejabat") =>
        new(partnerId, title, PublicationProduct.NewsItem, 1, Today, Today.AddDays(5));

    private Task<T> InTenantAsync<T>(Guid tenantId, string sql, object? param = null) =>
        fixture.Db.InTenantAsync(tenantId, tx => tx.ExecuteScalarAsync<T>(sql, param))!;

    /// <summary>A verified grade-A online partner (akta, and an NPWP valid until <paramref name="npwpValidUntil"/>), made through grains.</summary>
    private async Task<(Guid TenantId, Guid PartnerId)> VerifiedPartnerAsync(string prefix, DateOnly npwpValidUntil, long pagu)
    {
        var t = await MediaPartnerKit.CreateTenantAsync(fixture, prefix);
        Guid companyId;
        using (var vendor = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug))
            companyId = (await vendor.Http.GetFromJsonAsync<JsonObject>("/api/v1/vendor/me"))!["companyId"]!.GetValue<Guid>();
        t.Dispose();
        var profile = JsonSerializer.Deserialize<MediaPartnerProfile>(JsonSerializer.Serialize(MediaPartnerKit.Profile()), EntityJson.Options)!;
        var partnerId = Guid.NewGuid();
        var partner = new TenantGrains(cluster.Client).Get<IMediaPartnerGrain>(t.Tenant.Id, partnerId);
        await partner.Apply(companyId, "PT Suara Nyiur Melambai", profile, Today, Staff);
        await partner.AttachDocuments(
        [
            new DocumentAttachment("akta_pendirian", $"uji/{Guid.NewGuid():N}", "akta.pdf", "application/pdf", 10, "00", null, null, null),
            new DocumentAttachment("npwp_perusahaan", $"uji/{Guid.NewGuid():N}", "npwp.pdf", "application/pdf", 10, "00", null, null, npwpValidUntil),
        ], Today, Staff);
        var s = (await partner.Get())!;
        s = await partner.Submit(s.Version, Today, Staff);
        s = await partner.Decide(new PartnerDecisionCommand(PartnerDecisionKind.StartReview, s.Version), Today, Staff);
        foreach (var doc in s.Documents.ToList()) s = await partner.DecideDocument(s.Version, doc.Id, DocumentReview.Accepted, null, Staff);
        s = await partner.Decide(new PartnerDecisionCommand(PartnerDecisionKind.Verify, s.Version, Grade: "A"), Today, Staff);
        Assert.Equal(PartnerStatus.Verified, s.State.Status);
        await Budget(t.Tenant.Id).SetPagu(Today.Year, 0, [new BudgetLineInput("PUB", "Belanja publikasi", pagu)], Staff);
        return (t.Tenant.Id, partnerId);
    }

    [Fact]
    public async Task Fifty_simultaneous_orders_through_two_silos_against_room_for_ten_make_exactly_ten_orders_and_the_refused_leave_nothing()
    {
        // Grade A online news item = Rp 1.500.000 on the default rate card; room for ten.
        var (tenantId, partnerId) = await VerifiedPartnerAsync("pesanan-serentak", Today.AddMonths(6), 15_000_000);
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        var outcomes = await Task.WhenAll(ids.Select((id, i) => Task.Run(async () =>
        {
            try
            {
                await Order(SiloFactory(i % 2), tenantId, id).Create(News(partnerId, $"Liputan {i}"), Today, Staff);
                return true;
            }
            catch (DomainRuleException e) when (e.Title == "Anggaran tidak cukup")
            {
                return false;
            }
        }))).WaitAsync(TimeSpan.FromSeconds(180));

        Assert.Equal(10, outcomes.Count(ok => ok));
        var budget = await Budget(tenantId).Get(Today.Year);
        Assert.Equal(15_000_000, budget.CommittedRupiah);
        Assert.Equal(0, budget.RemainingRupiah);
        Assert.Equal(10, await InTenantAsync<long>(tenantId, "SELECT count(*) FROM cooperation_orders WHERE status = 'ordered'"));
        Assert.Equal(10, await InTenantAsync<long>(tenantId, "SELECT count(*) FROM cooperation_budget_reservations"));
        Assert.Equal(10, await InTenantAsync<long>(tenantId, "SELECT count(*) FROM notification_outbox WHERE kind = 'order_received'"));
        Assert.Equal(10, await InTenantAsync<long>(tenantId,
            "SELECT count(*) FROM audit_events WHERE entity_type = 'cooperation_order' AND action = 'order_created'"));
        // Every accepted order holds a reservation of its own id; every refused one is nothing, also after reactivation.
        var reserved = await fixture.Db.InTenantAsync(tenantId, async tx => (await tx.QueryAsync<Guid>("SELECT order_id FROM cooperation_budget_reservations")).ToHashSet());
        for (var i = 0; i < ids.Count; i++)
        {
            var grain = Order(cluster.Client, tenantId, ids[i]);
            if (outcomes[i]) Assert.Contains(ids[i], reserved);
            else
            {
                await cluster.DeactivateAsync(grain);
                Assert.Null(await grain.Get());
            }
        }
    }

    [Fact]
    public async Task A_crash_between_the_order_and_the_budget_is_repaired_and_a_refused_reservation_or_an_expired_document_makes_no_order()
    {
        var npwpUntil = Today.AddDays(20);
        var (tenantId, partnerId) = await VerifiedPartnerAsync("pesanan-pulih", npwpUntil, 3_000_000);

        // 1. Crash after the intent was stored, before the budget heard of it: nobody calls again; the reminder finishes it.
        var first = Guid.NewGuid();
        crash.FailOnce(Order(cluster.Client, tenantId, first).GetPrimaryKeyString(), "before_reserve");
        await Assert.ThrowsAnyAsync<Exception>(() => Order(cluster.Client, tenantId, first).Create(News(partnerId), Today, Staff));
        Assert.Equal(0, (await Budget(tenantId).Get(Today.Year)).CommittedRupiah);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await InTenantAsync<long>(tenantId, "SELECT count(*) FROM cooperation_orders WHERE id = @first", new { first }) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the reminder did not repair the order within 60 s");
            await Task.Delay(250);
        }
        Assert.Equal(OrderStatus.Ordered, (await Order(cluster.Client, tenantId, first).Get())!.Order.Status);
        Assert.Equal(1_500_000, (await Budget(tenantId).Get(Today.Year)).CommittedRupiah);

        // 2. Crash after the budget reserved, before the order recorded it: the next call finishes it, reserving nothing twice.
        var second = Guid.NewGuid();
        crash.FailOnce(Order(cluster.Client, tenantId, second).GetPrimaryKeyString(), "after_reserve");
        await Assert.ThrowsAnyAsync<Exception>(() => Order(SiloFactory(1), tenantId, second).Create(News(partnerId), Today, Staff));
        Assert.NotNull(await Budget(tenantId).Reservation(second));
        var repaired = await Order(SiloFactory(0), tenantId, second).Get();
        Assert.Equal(OrderStatus.Ordered, repaired!.Order.Status);
        Assert.Equal("PUB", repaired.Order.BudgetLineCode);
        var budget = await Budget(tenantId).Get(Today.Year);
        Assert.Equal(3_000_000, budget.CommittedRupiah);
        Assert.Equal(2, await InTenantAsync<long>(tenantId, "SELECT count(*) FROM cooperation_orders"));

        // 3. The budget is full: the refused order does not exist, not even after reactivation.
        var third = Guid.NewGuid();
        var full = await Assert.ThrowsAsync<DomainRuleException>(() => Order(cluster.Client, tenantId, third).Create(News(partnerId), Today, Staff));
        Assert.Contains("Sisa anggaran", full.Message);
        await cluster.DeactivateAsync(Order(cluster.Client, tenantId, third));
        Assert.Null(await Order(cluster.Client, tenantId, third).Get());
        Assert.Equal(2, await InTenantAsync<long>(tenantId, "SELECT count(*) FROM cooperation_budget_reservations"));

        // 4. Cancelling releases the reservation; the freed room takes a new order.
        var cancelled = await Order(cluster.Client, tenantId, first).Cancel(1, "Acara ditunda", Staff);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Order.Status);
        Assert.Equal(1_500_000, (await Budget(tenantId).Get(Today.Year)).CommittedRupiah);
        Assert.Null(await Budget(tenantId).Reservation(first));
        await Assert.ThrowsAsync<DomainRuleException>(() => Order(cluster.Client, tenantId, first).Cancel(cancelled.Version, "lagi", Staff));

        // 5. The validity gate on a later day: the NPWP has expired, the order is refused naming it, and nothing is reserved.
        var later = npwpUntil.AddDays(1);
        var gate = await Assert.ThrowsAsync<DomainRuleException>(() => Order(cluster.Client, tenantId, Guid.NewGuid())
            .Create(new CreateOrderCommand(partnerId, "Liputan HUT kabupaten", PublicationProduct.NewsItem, 1, later, later.AddDays(3)), later, Staff));
        Assert.Equal(422, gate.Status);
        Assert.Contains("NPWP perusahaan kedaluwarsa", gate.Message);
        Assert.Equal(1_500_000, (await Budget(tenantId).Get(Today.Year)).CommittedRupiah);
        // On its last valid day the same order is accepted.
        var ok = await Order(cluster.Client, tenantId, Guid.NewGuid())
            .Create(new CreateOrderCommand(partnerId, "Liputan HUT kabupaten", PublicationProduct.NewsItem, 1, npwpUntil, npwpUntil.AddDays(3)), npwpUntil, Staff);
        Assert.Equal(OrderStatus.Ordered, ok.Order.Status);

        // 6. A proof after the order's deadline (schedule end + 2 days for online media) is refused: the order is locked.
        var late = await Assert.ThrowsAsync<DomainRuleException>(() => Order(cluster.Client, tenantId, ok.Order.Id).SubmitProof(
            new ProofSubmission(ok.Order.CompanyId, "https://nyiur.example.id/hut", npwpUntil), ok.Order.ProofDeadline.AddDays(1), Staff));
        Assert.Equal("Tenggat bukti tayang terlewati", late.Title);
        Assert.Equal(npwpUntil.AddDays(3 + 2), ok.Order.ProofDeadline);
    }

    /// <summary>Throws once at a named step of a named order grain, like a process dying there.</summary>
    private sealed class StepCrash : IOrderStepInterceptor
    {
        private readonly ConcurrentDictionary<string, string> planned = new();

        public void FailOnce(string grainKey, string step) => planned[grainKey] = step;

        public ValueTask AtAsync(string grainKey, string step) =>
            planned.TryGetValue(grainKey, out var s) && s == step && planned.TryRemove(grainKey, out _)
                ? throw new InvalidOperationException($"simulated crash at {step}")
                : ValueTask.CompletedTask;
    }
}
