using HumasSaaS.Events;
using System.Net;
using System.Text;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HumasSaaS.Tests.Events.EventApi;

namespace HumasSaaS.Tests.Events;

/// <summary>
/// Check-in correctness with two running instances on one database of their own. Each instance's connection pool is
/// capped (as in production: instances × pool size must stay under PostgreSQL's max_connections), so a burst of
/// requests queues for connections instead of being refused by the server.
/// </summary>
public sealed class CheckInConcurrencyTests : IAsyncLifetime
{
    private const int PoolSize = 30;
    private TestDatabase database = null!;
    private AppInstance first = null!;
    private AppInstance second = null!;
    private Tenant tenant = null!;
    private TestClient staffOnFirst = null!;
    private TestClient staffOnSecond = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:App"] = database.AppConnectionString + $";Maximum Pool Size={PoolSize};Timeout=60" };
        first = await AppInstance.StartAsync(database, settings);
        second = await AppInstance.StartAsync(database, settings);
        var slug = "serentak-" + Guid.NewGuid().ToString("N")[..6];
        tenant = await first.Services.GetRequiredService<TenantOnboarding>().OnboardAsync(new OnboardTenantRequest(slug, "Kabupaten Serentak", TenantKind.Kabupaten,
            "Sulawesi Utara", "Bagian Humas dan Protokol", new TenantAdminSeed(PlatformFixture.AdminEmail(slug), "Admin Serentak", PlatformFixture.Password)), null);
        staffOnFirst = first.CreateClient(slug);
        await staffOnFirst.SignInAsync(PlatformFixture.AdminEmail(slug), PlatformFixture.Password);
        staffOnSecond = second.CreateClient(slug);
        await staffOnSecond.SignInAsync(PlatformFixture.AdminEmail(slug), PlatformFixture.Password);
    }

    public async Task DisposeAsync()
    {
        staffOnFirst.Dispose();
        staffOnSecond.Dispose();
        await second.DisposeAsync();
        await first.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<long> CountCheckInsAsync(Guid eventId) =>
        await first.Services.GetRequiredService<Db>().InTenantAsync(tenant.Id,
            tx => tx.ExecuteScalarAsync<long>("SELECT count(*) FROM event_checkins WHERE event_id = @eventId", new { eventId }));

    [Fact]
    public async Task A_thousand_distinct_participants_checked_in_at_once_across_two_instances_are_all_recorded_once()
    {
        var (id, _) = await CreatePublishedAsync(staffOnFirst, [Today]);
        var csv = new StringBuilder("nama,instansi,kategori\n");
        for (var i = 0; i < 1000; i++) csv.Append($"Peserta {i:0000},Desa {i % 50},desa\n");
        Assert.Equal(1000, (await ImportAsync(staffOnFirst, id, csv.ToString()))["imported"]!.GetValue<int>());
        var participants = await ParticipantsAsync(staffOnFirst, id);
        Assert.Equal(1000, participants.Select(p => p.Code).Distinct().Count());

        var responses = await Task.WhenAll(participants.Select((p, i) => CheckInAsync(i % 2 == 0 ? staffOnFirst : staffOnSecond, id, p.Code, 1)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(bodies, b => Assert.Contains("\"alreadyPresent\":false", b));
        Assert.Equal(1000, await CountCheckInsAsync(id));
    }

    [Fact]
    public async Task One_participant_scanned_fifty_times_at_once_is_checked_in_exactly_once()
    {
        var (id, _) = await CreatePublishedAsync(staffOnFirst, [Today]);
        using var anonymous = first.CreateClient(tenant.Slug);
        var code = (await ReadAsync(await RegisterAsync(anonymous, id, "Scan Berulang"), HttpStatusCode.Created))["code"]!.GetValue<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => CheckInAsync(i % 2 == 0 ? staffOnFirst : staffOnSecond, id, code, 1)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies, b => b.Contains("\"alreadyPresent\":false"));
        Assert.Equal(49, bodies.Count(b => b.Contains("sudah hadir")));
        Assert.Equal(1, await CountCheckInsAsync(id));
    }
}
