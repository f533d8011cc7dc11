using System.Text.Json;
using Dapper;
using HumasSaaS.MediaPartners;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace HumasSaaS.Tests.Grains;

/// <summary>
/// The partner grain's expiry reminder really fires on a two-silo TestingHost cluster with reminders in PostgreSQL. The
/// reminder service keeps the real clock; only the grain's own clock (its notion of "today") is moved to just before
/// midnight WIB of the day before a mark changes, and the test cluster makes the reminder due at midnight itself.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ExpiryReminderGrainTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly ShiftedClock clock = new();
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await GrainTestCluster.StartAsync(fixture, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            services.Configure<ExpiryReminderOptions>(o =>
            {
                o.EarliestDue = TimeSpan.FromSeconds(1);
                o.DueAfterMidnight = TimeSpan.Zero;
            });
        });
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task An_expiry_reminder_fires_and_marks_a_document()
    {
        var t = await MediaPartnerKit.CreateTenantAsync(fixture, "pengingat");
        using var vendor = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug);
        var companyId = (await MediaPartnerKit.GetJsonAsync(vendor, "/api/v1/vendor/me"))["companyId"]!.GetValue<Guid>();
        t.Dispose();
        var profile = JsonSerializer.Deserialize<MediaPartnerProfile>(JsonSerializer.Serialize(MediaPartnerKit.Profile()), EntityJson.Options)!;
        var tenantId = t.Tenant.Id;
        var partnerId = Guid.NewGuid();
        var grain = new TenantGrains(cluster.Client).Get<IMediaPartnerGrain>(tenantId, partnerId);
        var actor = new Actor(null, "Vendor uji");

        // The document turns "segera kedaluwarsa" on day X + 1 (30 days before it ends). The grain's clock stands 4 s before
        // midnight WIB starting day X + 1, so the reminder it registers is due in about 4 s of real time.
        var dayX = MediaPartnerKit.Today.AddDays(3);
        var validUntil = dayX.AddDays(31);
        await grain.Apply(companyId, "PT Uji", profile, MediaPartnerKit.Today, actor);
        var midnight = new DateTimeOffset(dayX.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        clock.Offset = midnight - TimeSpan.FromSeconds(4) - DateTimeOffset.UtcNow;
        var attached = await grain.AttachDocuments([new DocumentAttachment("spt_tahunan", "t/blob", "spt.pdf", "application/pdf", 10,
            new string('a', 64), null, null, validUntil)], dayX, actor);
        var documentId = attached.Documents[0].Id;
        Assert.Equal("valid", attached.Documents[0].ExpiryState);

        // Nobody calls the grain: only the reminder can mark the document (state and projected row, audit, outbox).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? mark = null;
        while (DateTime.UtcNow < deadline)
        {
            mark = await fixture.Db.InTenantAsync(tenantId, tx => tx.ExecuteScalarAsync<string>(
                "SELECT expiry_state FROM media_partner_documents WHERE id = @documentId", new { documentId }));
            if (mark == "expiring_soon") break;
            await Task.Delay(500);
        }
        Assert.Equal("expiring_soon", mark);
        Assert.Equal(1L, await fixture.Db.InTenantAsync(tenantId, tx => tx.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM notification_outbox WHERE document_id = @documentId AND kind = 'document_expiring_soon'", new { documentId })));
        var state = (await grain.Get())!;
        Assert.Equal("expiring_soon", state.Documents.Single(d => d.Id == documentId).ExpiryState);
    }

    /// <summary>The system clock moved by an offset (it keeps running), for the grain's notion of today only.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
