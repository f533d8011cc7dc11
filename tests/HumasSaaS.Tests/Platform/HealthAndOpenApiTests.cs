using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed partial class HealthAndOpenApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Live_and_ready_answer_200_when_postgresql_and_blob_storage_are_up()
    {
        using var client = fixture.App.CreateClient();
        var live = await client.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        var ready = await client.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_answers_503_while_blob_storage_is_unreachable_and_live_stays_200()
    {
        await using var broken = await AppInstance.StartAsync(fixture.Database, new Dictionary<string, string?> { ["Blob:ServiceUri"] = "http://127.0.0.1:9/" });
        using var client = broken.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/live")).StatusCode);
        var ready = await client.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    private static string OpenApiPath(string routePattern) => RouteConstraint().Replace("/" + routePattern.Trim('/'), "{$1}");

    [Fact]
    public async Task The_openapi_document_lists_the_api_and_every_tenant_scoped_operation_documents_x_tenant()
    {
        using var client = fixture.App.CreateClient();
        var response = await client.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        Assert.Equal("HumasSaaS API", document["info"]!["title"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        foreach (var expected in new[] { "/api/v1/auth/sign-in", "/api/v1/me", "/api/v1/profile", "/api/v1/configuration",
                     "/api/v1/configuration/sections/{section}", "/api/v1/members", "/api/v1/tokens", "/api/v1/audit", "/api/v1/platform/tenants" })
            Assert.True(paths.ContainsKey(expected), $"{expected} missing from the OpenAPI paths: {string.Join(", ", paths.Select(p => p.Key))}");
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p.Key));

        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (
                Method: m.ToLowerInvariant(), Path: OpenApiPath(e.RoutePattern.RawText!),
                Tenant: e.Metadata.GetMetadata<TenantScopedAttribute>() is not null || e.Metadata.GetMetadata<TenantPublicAttribute>() is not null)))
            .ToList();
        Assert.True(endpoints.Count(e => e.Tenant) >= 8, $"found only {endpoints.Count(e => e.Tenant)} tenant-scoped API operations");

        var failures = new List<string>();
        foreach (var (method, path, tenant) in endpoints)
        {
            if (paths[path]?[method] is not JsonObject operation)
            {
                failures.Add($"{method.ToUpperInvariant()} {path}: not in the document");
                continue;
            }
            var documentsHeader = (operation["parameters"] as JsonArray ?? []).Any(p =>
                p!["name"]?.GetValue<string>() == "X-Tenant" && p["in"]?.GetValue<string>() == "header");
            if (tenant != documentsHeader)
                failures.Add($"{method.ToUpperInvariant()} {path}: tenant-scoped={tenant} but X-Tenant documented={documentsHeader}");
            if (operation["summary"]?.GetValue<string>() is not { Length: > 0 })
                failures.Add($"{method.ToUpperInvariant()} {path}: no summary");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.True(schemes.ContainsKey("bearer") && schemes.ContainsKey("cookie"));
    }

    [Fact]
    public async Task The_docs_page_answers_200_with_html()
    {
        using var client = fixture.App.CreateClient();
        var response = await client.Http.GetAsync("/docs");
        for (var hops = 0; hops < 3 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently; hops++)
            response = await client.Http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("HumasSaaS API"), html);
        Assert.Contains("openapi", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\{\*{0,2}([^:}=?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}
