using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed partial class TenantIsolationTests(PlatformFixture fixture)
{
    /// <summary>Every endpoint the app marks tenant-scoped, with a content type it accepts (so routing reaches the access check).</summary>
    private IReadOnlyList<(string Method, string Pattern, string ContentType)> TenantScopedEndpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TenantScopedAttribute>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json")))
            .Distinct()
            .ToList();

    private static string Fill(string pattern, Guid id) =>
        RouteParameter().Replace(pattern, m => m.Groups[1].Value.Contains(":int") ? "1" : id.ToString());

    [Fact]
    public async Task Every_tenant_scoped_endpoint_answers_404_to_a_member_of_another_tenant_and_discloses_nothing()
    {
        // An endpoint that lost its marker would drop out of this sweep: fail on it here instead of sweeping less.
        var unmarked = AccessMarkerTests.AllEndpoints(fixture.App.Services)
            .Where(e => AccessMarkers.Of(e.Metadata).Count == 0).Select(e => e.Name).ToList();
        Assert.True(unmarked.Count == 0, "endpoints without an access marker escape the isolation sweep:\n" + string.Join("\n", unmarked));
        var endpoints = TenantScopedEndpoints();
        Assert.NotEmpty(endpoints);

        using var userOfA = await fixture.SignedInClientAsync(fixture.AdminA, tenant: null);
        using var unknownTenant = await fixture.SignedInClientAsync(fixture.AdminA, tenant: null);
        var failures = new List<string>();
        foreach (var (method, pattern, contentType) in endpoints)
        {
            var path = Fill(pattern, fixture.TenantB.Id);
            foreach (var (address, header) in new[] { (path, fixture.TenantB.Slug), ($"/t/{fixture.TenantB.Slug}{path}", null) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), address) { Content = new StringContent("{}", System.Text.Encoding.UTF8, contentType) };
                if (header is not null) request.Headers.Add("X-Tenant", header);
                using var response = await userOfA.Http.SendAsync(request);
                var body = WithoutEchoedPath(await response.Content.ReadAsStringAsync());
                if (response.StatusCode != HttpStatusCode.NotFound)
                    failures.Add($"{method} {address}: {(int)response.StatusCode} {body}");
                else if (body.Contains(fixture.TenantB.OfficialName) || body.Contains(fixture.TenantB.Id.ToString()) || !body.Contains("Tidak ditemukan"))
                    failures.Add($"{method} {address}: 404 body discloses or differs: {body}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_404_for_another_tenant_is_indistinguishable_from_a_tenant_that_does_not_exist()
    {
        using var client = await fixture.SignedInClientAsync(fixture.AdminA, tenant: null);
        var other = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile") { Headers = { { "X-Tenant", fixture.TenantB.Slug } } });
        var none = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile") { Headers = { { "X-Tenant", "tidak-ada-" + Guid.NewGuid().ToString("N")[..6] } } });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var a = await other.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var b = await none.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(a!["title"].ToString(), b!["title"].ToString());
        Assert.Equal(a["detail"].ToString(), b["detail"].ToString());
    }

    [Fact]
    public async Task A_member_reaches_their_own_tenant_through_header_path_and_host()
    {
        using var client = await fixture.SignedInClientAsync(fixture.AdminA, tenant: null);
        var viaHeader = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile") { Headers = { { "X-Tenant", fixture.TenantA.Slug } } };
        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(viaHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/t/{fixture.TenantA.Slug}/api/v1/profile")).StatusCode);
        var viaHost = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile");
        viaHost.Headers.Host = $"{fixture.TenantA.Slug}.humas.test";
        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(viaHost)).StatusCode);
        var otherHost = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile");
        otherHost.Headers.Host = $"{fixture.TenantB.Slug}.humas.test";
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.SendAsync(otherHost)).StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenant_is_404_for_its_own_members_until_reactivated()
    {
        var tenant = await fixture.CreateTenantAsync("beku");
        using var member = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        using var operatorClient = await fixture.SignedInClientAsync(PlatformFixture.OperatorEmail, tenant: null);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync("/api/v1/profile")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.Http.PostAsync($"/api/v1/platform/tenants/{tenant.Slug}/suspend", null)).StatusCode);
        await UntilEveryInstanceAnswersAsync(member, "/api/v1/profile", HttpStatusCode.NotFound);
        await UntilEveryInstanceAnswersAsync(member, $"/t/{tenant.Slug}/konsol", HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.Http.PostAsync($"/api/v1/platform/tenants/{tenant.Slug}/activate", null)).StatusCode);
        await UntilEveryInstanceAnswersAsync(member, "/api/v1/profile", HttpStatusCode.OK);
    }

    /// <summary>
    /// The instance that took the change applies it at once; the other learns of it from the tenant directory's NOTIFY,
    /// a moment later. Both must answer <paramref name="expected"/> within 5 s, and keep answering it (four in a row,
    /// alternating between the instances).
    /// </summary>
    private static async Task UntilEveryInstanceAnswersAsync(TestClient client, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var inARow = 0;
        HttpStatusCode last = 0;
        while (inARow < 4)
        {
            using var response = await client.Http.GetAsync(path);
            last = response.StatusCode;
            inARow = last == expected ? inARow + 1 : 0;
            if (inARow == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{path} still answered {(int)last} after 5 s, expected {(int)expected}");
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Tenant_staff_cannot_use_platform_operator_endpoints()
    {
        using var client = await fixture.SignedInClientAsync(fixture.AdminA, tenant: null);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/v1/platform/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.PostAsync($"/api/v1/platform/tenants/{fixture.TenantB.Slug}/suspend", null)).StatusCode);
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/v1/platform/tenants")).StatusCode);
    }

    /// <summary>The problem's "instance" repeats the path the caller sent, ids included; everything else must be silent about B.</summary>
    private static string WithoutEchoedPath(string body) => InstanceMember().Replace(body, "");

    [GeneratedRegex("\"instance\":\"[^\"]*\",?")]
    private static partial Regex InstanceMember();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();
}
