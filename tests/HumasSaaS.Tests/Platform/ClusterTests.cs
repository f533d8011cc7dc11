using System.Net;
using System.Net.Http.Json;
using HumasSaaS.Grains;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace HumasSaaS.Tests.Platform;

/// <summary>
/// The shared fixture's two instances are one Orleans cluster: a partner changed through one instance is read with its
/// new version through the other, and the partner's grain has exactly one activation, which both silos find.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ClusterTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_fixture_instances_form_one_cluster_with_one_activation_per_partner()
    {
        var (a, b) = (fixture.App, fixture.Second);
        Assert.NotEqual(a.Address, b.Address);

        var managementA = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var managementB = b.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var siloA = a.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var siloB = b.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.NotEqual(siloA, siloB);
        // Both silos are active members of one membership (other tests may add a short-lived third instance).
        foreach (var management in new[] { managementA, managementB })
        {
            var hosts = await management.GetHosts(onlyActive: true);
            Assert.Contains(siloA, hosts.Keys);
            Assert.Contains(siloB, hosts.Keys);
        }

        var t = await MediaPartnerKit.CreateTenantAsync(fixture, "klaster");
        using var vendorClient = a.CreatePinnedClient(t.Tenant.Slug);
        var vendorEmail = $"vendor-{Guid.NewGuid():N}@media.uji.id";
        Assert.Equal(HttpStatusCode.Created, (await vendorClient.Http.PostAsJsonAsync("/api/v1/vendor/sign-up",
            new { email = vendorEmail, password = PlatformFixture.Password, displayName = "Rina Sumual", companyName = "PT Klaster Satu" })).StatusCode);
        var submitted = await MediaPartnerKit.SubmittedPartnerAsync(vendorClient);
        var id = MediaPartnerKit.Id(submitted);

        using var verifierA = a.CreatePinnedClient(t.Tenant.Slug);
        using var verifierB = b.CreatePinnedClient(t.Tenant.Slug);
        var verifierEmail = await fixture.AddMemberAsync(t.Tenant, Api.Platform.Tenancy.TenantRole.Verifier);
        await verifierA.SignInAsync(verifierEmail, PlatformFixture.Password);
        await verifierB.SignInAsync(verifierEmail, PlatformFixture.Password);

        // A change through A, read through B at once: B reaches the same activation, never a stale copy of its own.
        var before = await MediaPartnerKit.GetJsonAsync(verifierB, $"/api/v1/media-partners/{id}");
        var reviewed = await MediaPartnerKit.PostOkAsync(verifierA, $"/api/v1/media-partners/{id}/start-review", new { version = MediaPartnerKit.Version(before) });
        Assert.Equal(MediaPartnerKit.Version(before) + 1, MediaPartnerKit.Version(reviewed));
        var readThroughB = await MediaPartnerKit.GetJsonAsync(verifierB, $"/api/v1/media-partners/{id}");
        Assert.Equal(MediaPartnerKit.Version(reviewed), MediaPartnerKit.Version(readThroughB));
        Assert.Equal("in_review", MediaPartnerKit.Status(readThroughB));

        // And the other way: a decision through B, then A's stale version is refused (the one activation serialises both).
        var docId = MediaPartnerKit.CurrentDocumentId(readThroughB, "akta_pendirian");
        var decided = await MediaPartnerKit.PostOkAsync(verifierB, $"/api/v1/media-partners/{id}/documents/{docId}/decision",
            new { version = MediaPartnerKit.Version(readThroughB), decision = "accepted", note = "Sesuai" });
        var stale = await verifierA.Http.PostAsJsonAsync($"/api/v1/media-partners/{id}/documents/{docId}/decision",
            new { version = MediaPartnerKit.Version(readThroughB), decision = "rejected", note = "Basi" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(MediaPartnerKit.Version(decided), MediaPartnerKit.Version(await MediaPartnerKit.GetJsonAsync(verifierA, $"/api/v1/media-partners/{id}")));

        // One activation of the partner's grain in the whole cluster, and both silos name the same one.
        var grainId = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IMediaPartnerGrain>(GrainKeys.For(t.Tenant.Id, id)).GetGrainId();
        var statistics = await managementA.GetDetailedGrainStatistics();
        var activations = statistics.Where(s => s.GrainId == grainId).ToList();
        Assert.Single(activations);
        Assert.Contains(activations[0].SiloAddress, new[] { siloA, siloB });
        var grainRef = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IMediaPartnerGrain>(GrainKeys.For(t.Tenant.Id, id));
        var grainRefB = b.Services.GetRequiredService<IGrainFactory>().GetGrain<IMediaPartnerGrain>(GrainKeys.For(t.Tenant.Id, id));
        Assert.Equal(activations[0].SiloAddress, await managementA.GetActivationAddress(grainRef));
        Assert.Equal(activations[0].SiloAddress, await managementB.GetActivationAddress(grainRefB));
        t.Admin.Dispose();
        t.Verifier.Dispose();
        t.Verifier2.Dispose();
    }

    [Fact]
    public async Task Clients_of_the_fixture_reach_both_instances()
    {
        // The round-robin client sends consecutive requests to A, then B; each instance answers from its own silo.
        using var client = fixture.App.CreateClient();
        var seen = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.Http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.Add(response.RequestMessage!.RequestUri!.Authority);
        }
        Assert.Equal(fixture.Instances.Select(i => i.Address.Authority).ToHashSet(), seen);
    }
}
