using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Platform;

/// <summary>Every kind of error the API gives is an RFC 9457 problem (type, title, status) in Bahasa Indonesia.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ProblemDetailsTests(PlatformFixture fixture)
{
    private static HttpRequestMessage Request(HttpMethod method, string path, string? tenant = null, string? json = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (tenant is not null) request.Headers.Add("X-Tenant", tenant);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    [Fact]
    public async Task Errors_of_every_status_are_problem_details_whatever_the_client_accepts()
    {
        var tenant = await fixture.CreateTenantAsync("masalah");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), null);
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Viewer), null);
        using var anonymous = fixture.App.CreateClient();
        var read = await admin.Http.SendAsync(Request(HttpMethod.Get, "/api/v1/profile", tenant.Slug));
        var profile = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        var put = (int version) => new { version, profile = profile["profile"] }.ToJson();
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.SendAsync(Request(HttpMethod.Put, "/api/v1/profile", tenant.Slug, put(1)))).StatusCode);

        var samples = new (string Name, TestClient Client, Func<HttpRequestMessage> Make, HttpStatusCode Status)[]
        {
            ("anonymous on a tenant endpoint", anonymous, () => Request(HttpMethod.Get, "/api/v1/profile", tenant.Slug), HttpStatusCode.Unauthorized),
            ("anonymous on /me", anonymous, () => Request(HttpMethod.Get, "/api/v1/me"), HttpStatusCode.Unauthorized),
            ("unknown bearer token", anonymous, () => Request(HttpMethod.Get, "/api/v1/profile", tenant.Slug, bearer: "hms_bukan_token"), HttpStatusCode.Unauthorized),
            ("viewer writing the profile", viewer, () => Request(HttpMethod.Put, "/api/v1/profile", tenant.Slug, put(2)), HttpStatusCode.Forbidden),
            ("tenant admin on the platform", admin, () => Request(HttpMethod.Get, "/api/v1/platform/tenants"), HttpStatusCode.Forbidden),
            ("unknown tenant", admin, () => Request(HttpMethod.Get, "/api/v1/profile", "tidak-ada-" + Guid.NewGuid().ToString("N")[..6]), HttpStatusCode.NotFound),
            ("unknown API route", admin, () => Request(HttpMethod.Get, "/api/v1/tidak-ada"), HttpStatusCode.NotFound),
            ("unknown configuration section", admin, () => Request(HttpMethod.Put, "/api/v1/configuration/sections/rahasia", tenant.Slug, """{"version":1,"value":{}}"""), HttpStatusCode.NotFound),
            ("unknown token id", admin, () => Request(HttpMethod.Delete, $"/api/v1/tokens/{Guid.NewGuid()}", tenant.Slug), HttpStatusCode.NotFound),
            ("GET on a POST-only route", anonymous, () => Request(HttpMethod.Get, "/api/v1/auth/sign-in"), HttpStatusCode.MethodNotAllowed),
            ("DELETE on the profile", admin, () => Request(HttpMethod.Delete, "/api/v1/profile", tenant.Slug), HttpStatusCode.MethodNotAllowed),
            ("stale version", admin, () => Request(HttpMethod.Put, "/api/v1/profile", tenant.Slug, put(1)), HttpStatusCode.Conflict),
            ("malformed JSON", admin, () => Request(HttpMethod.Put, "/api/v1/profile", tenant.Slug, "{\"version\":"), HttpStatusCode.BadRequest),
            ("empty body", admin, () => Request(HttpMethod.Put, "/api/v1/profile", tenant.Slug, ""), HttpStatusCode.BadRequest),
            ("wrong route value", admin, () => Request(HttpMethod.Get, "/api/v1/configuration/versions/abc", tenant.Slug), HttpStatusCode.NotFound),
            ("not JSON", admin, () =>
            {
                var r = Request(HttpMethod.Put, "/api/v1/profile", tenant.Slug);
                r.Content = new StringContent("version=1", Encoding.UTF8, "text/plain");
                return r;
            }, HttpStatusCode.UnsupportedMediaType),
        }.ToList();

        using var operatorClient = await fixture.SignedInClientAsync(PlatformFixture.OperatorEmail, null);
        samples.Add(("duplicate slug", operatorClient, () => Request(HttpMethod.Post, "/api/v1/platform/tenants", json: new
        {
            slug = tenant.Slug, officialName = "Kabupaten Kembar", kind = "kabupaten", province = "Sulawesi Utara", officeUnitName = "Bagian Humas", admin = (object?)null,
        }.ToJson()), HttpStatusCode.Conflict));

        var seen = new HashSet<HttpStatusCode>();
        var failures = new List<string>();
        foreach (var accept in new[] { null, "application/json", "application/problem+json", "text/html" })
        {
            foreach (var (name, client, make, status) in samples)
            {
                using var request = make();
                if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
                using var response = await client.Http.SendAsync(request);
                try
                {
                    var problem = await ProblemAssert.IsProblemAsync(response, status, $"{name} (Accept: {accept ?? "none"})");
                    Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), $"{name}: no detail");
                    Assert.DoesNotContain("Exception", problem.ToJsonString());
                    seen.Add(status);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    failures.Add(e.Message);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden,
            HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.Conflict }.All(seen.Contains));
    }
}

internal static class JsonText
{
    public static string ToJson(this object value) => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
}
