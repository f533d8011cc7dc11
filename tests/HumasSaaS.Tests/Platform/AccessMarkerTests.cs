using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class AccessMarkerTests(PlatformFixture fixture)
{
    /// <summary>Every endpoint and Razor page of the app, as "METHODS /pattern" with its metadata.</summary>
    public static IReadOnlyList<(string Name, EndpointMetadataCollection Metadata)> AllEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => ($"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.RoutePattern.RawText!.TrimStart('/')}", e.Metadata))
            .ToList();

    [Fact]
    public void Every_endpoint_and_page_carries_an_explicit_access_marker()
    {
        var endpoints = AllEndpoints(fixture.App.Services);
        Assert.Contains(endpoints, e => e.Name.Contains("/konsol", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(endpoints, e => e.Name.Contains("/api/v1/events", StringComparison.Ordinal));
        var unmarked = endpoints.Where(e => AccessMarkers.Of(e.Metadata).Count == 0).Select(e => e.Name).ToList();
        Assert.True(unmarked.Count == 0, "endpoints without an access marker:\n" + string.Join("\n", unmarked));
    }

    [Fact]
    public void Markers_agree_with_the_authorization_the_endpoint_really_has()
    {
        var failures = new List<string>();
        foreach (var (name, metadata) in AllEndpoints(fixture.App.Services))
        {
            var rules = AccessMarkers.Of(metadata);
            var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            if (rules.Contains(AccessRule.AnonymousByDesign) && rules.Count > 1)
                failures.Add($"{name}: anonymous by design and also {string.Join(", ", rules)}");
            if (rules.Contains(AccessRule.AnonymousByDesign) && authorized && !anonymous)
                failures.Add($"{name}: marked anonymous by design but requires sign-in");
            if ((rules.Contains(AccessRule.TenantScoped) || rules.Contains(AccessRule.SignedInAccount) || rules.Contains(AccessRule.PlatformOperator))
                && (!authorized || anonymous))
                failures.Add($"{name}: {string.Join(", ", rules)} without a sign-in requirement");
            if (rules.Contains(AccessRule.TenantScoped) && rules.Contains(AccessRule.TenantPublic))
                failures.Add($"{name}: both tenant-scoped and tenant-public");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
