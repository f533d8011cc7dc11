using System.Net;
using System.Net.Http.Json;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Platform;

/// <summary>Public forms are limited per tenant and address, counted in PostgreSQL so two instances share one count.</summary>
public sealed class PublicFormLimitTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> LowLimits = new()
    {
        ["PublicFormLimits:Permits:event_registration"] = "3",
        ["PublicFormLimits:DefaultPermits"] = "2",
    };

    private TestDatabase database = null!;
    private AppInstance first = null!;
    private AppInstance second = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        first = await AppInstance.StartAsync(database, LowLimits);
        second = await AppInstance.StartAsync(database, LowLimits);
    }

    private async Task<(string Slug, Guid EventId)> TenantWithPublishedEventAsync(string prefix)
    {
        var slug = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var email = $"admin@{slug}.uji.humassaas.id";
        await first.Services.GetRequiredService<TenantOnboarding>().OnboardAsync(new OnboardTenantRequest(slug, "Kabupaten " + slug, TenantKind.Kabupaten,
            "Sulawesi Utara", "Bagian Humas dan Protokol", new TenantAdminSeed(email, "Admin " + slug, PlatformFixture.Password)), null);
        using var admin = first.CreateClient(slug);
        await admin.SignInAsync(email, PlatformFixture.Password);
        var (id, _) = await EventApi.CreatePublishedAsync(admin, [DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(7)]);
        return (slug, id);
    }

    [Fact]
    public async Task Registrations_over_the_limit_get_429_with_retry_after_whichever_instance_answers()
    {
        var (slug, eventId) = await TenantWithPublishedEventAsync("batas");
        using var viaFirst = first.CreateClient(slug);
        using var viaSecond = second.CreateClient(slug);

        var accepted = new List<HttpStatusCode>();
        foreach (var (client, name) in new[] { (viaFirst, "Peserta Satu"), (viaSecond, "Peserta Dua"), (viaFirst, "Peserta Tiga") })
            accepted.Add((await EventApi.RegisterAsync(client, eventId, name)).StatusCode);
        Assert.All(accepted, s => Assert.Equal(HttpStatusCode.Created, s));

        var refused = await EventApi.RegisterAsync(viaSecond, eventId, "Peserta Empat");
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Terlalu banyak permintaan", problem["title"]!.GetValue<string>());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names the seconds to wait");

        using var admin = first.CreateClient(slug);
        await admin.SignInAsync($"admin@{slug}.uji.humassaas.id", PlatformFixture.Password);
        var participants = await EventApi.ParticipantsAsync(admin, eventId);
        Assert.Equal(3, participants.Count);

        var (otherSlug, otherEvent) = await TenantWithPublishedEventAsync("lain");
        using var otherTenant = second.CreateClient(otherSlug);
        Assert.Equal(HttpStatusCode.Created, (await EventApi.RegisterAsync(otherTenant, otherEvent, "Peserta Lain")).StatusCode);
    }

    [Fact]
    public async Task Vendor_sign_ups_and_the_public_page_form_are_limited_too()
    {
        using var anonymous = first.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            var created = await anonymous.Http.PostAsJsonAsync("/api/v1/vendor/sign-up",
                new { email = $"v{i}-{Guid.NewGuid():N}@media.uji.id", password = PlatformFixture.Password, displayName = "Vendor Uji", companyName = "PT Media Uji " + i });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var third = await anonymous.Http.PostAsJsonAsync("/api/v1/vendor/sign-up",
            new { email = $"v3-{Guid.NewGuid():N}@media.uji.id", password = PlatformFixture.Password, displayName = "Vendor Uji", companyName = "PT Media Uji 3" });
        await ProblemAssert.IsProblemAsync(third, HttpStatusCode.TooManyRequests);

        using var page = second.CreateClient();
        var form = await page.Http.PostAsync("/vendor/daftar", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@media.uji.id" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Contains("Silakan coba lagi", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_address_has_its_own_count()
    {
        HttpRequestMessage SignUp(string forwardedFor) => new(HttpMethod.Post, "/api/v1/vendor/sign-up")
        {
            Headers = { { "X-Forwarded-For", forwardedFor } },
            Content = JsonContent.Create(new
            {
                email = $"v-{Guid.NewGuid():N}@media.uji.id", password = PlatformFixture.Password, displayName = "Vendor Uji", companyName = "PT Media Uji Proksi",
            }),
        };
        using var proxy = first.CreateClient();
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Created, (await proxy.Http.SendAsync(SignUp("203.0.113.7"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await proxy.Http.SendAsync(SignUp("203.0.113.7"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await proxy.Http.SendAsync(SignUp("198.51.100.23"))).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await database.DisposeAsync();
    }
}
