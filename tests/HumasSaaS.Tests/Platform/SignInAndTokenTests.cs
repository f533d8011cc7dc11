using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Platform;

/// <summary>Password sign-in with lockout, and per-tenant API tokens used as bearer credentials.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInAndTokenTests(PlatformFixture fixture)
{
    private static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("humas.auth", StringComparison.Ordinal));

    private static Task<HttpResponseMessage> SignInAsync(TestClient client, string email, string password) =>
        client.Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_without_a_cookie()
    {
        var email = await fixture.AddMemberAsync(fixture.TenantA, TenantRole.Viewer);
        using var client = fixture.App.CreateClient();
        var wrong = await SignInAsync(client, email, "Bukan-kata-sandinya-1");
        var problem = await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Equal(HumasSaaS.Api.Platform.Accounts.AccountEndpoints.SignInFailedMessage, problem["detail"]!.GetValue<string>());
        Assert.False(SetsAuthCookie(wrong));
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "humas.auth");
        await ProblemAssert.IsProblemAsync(await client.Http.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);

        // An unknown email answers exactly like a wrong password.
        var unknown = await SignInAsync(client, $"tidak-ada-{Guid.NewGuid():N}@uji.humassaas.id", "Bukan-kata-sandinya-1");
        var unknownProblem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal(problem["detail"]!.GetValue<string>(), unknownProblem["detail"]!.GetValue<string>());
        Assert.False(SetsAuthCookie(unknown));

        var right = await SignInAsync(client, email, PlatformFixture.Password);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.True(SetsAuthCookie(right));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var email = await fixture.AddMemberAsync(fixture.TenantA, TenantRole.Viewer);
        using var client = fixture.App.CreateClient();
        for (var i = 1; i <= 4; i++)
            await ProblemAssert.IsProblemAsync(await SignInAsync(client, email, $"Salah-kata-sandi-{i}"), HttpStatusCode.Unauthorized, $"failure {i}");

        var unknown = await ProblemAssert.IsProblemAsync(
            await SignInAsync(client, $"tidak-ada-{Guid.NewGuid():N}@uji.humassaas.id", "Salah-kata-sandi-5"), HttpStatusCode.Unauthorized, "unknown");
        var fifth = await SignInAsync(client, email, "Salah-kata-sandi-5");
        var locked = await ProblemAssert.IsProblemAsync(fifth, HttpStatusCode.Unauthorized, "failure 5");

        var right = await SignInAsync(client, email, PlatformFixture.Password);
        var lockedRight = await ProblemAssert.IsProblemAsync(right, HttpStatusCode.Unauthorized, "right password while locked");
        // A locked account answers exactly like an unknown one: same status, title and detail.
        foreach (var answer in new[] { locked, lockedRight })
        {
            Assert.Equal(unknown["title"]!.GetValue<string>(), answer["title"]!.GetValue<string>());
            Assert.Equal(unknown["detail"]!.GetValue<string>(), answer["detail"]!.GetValue<string>());
        }
        Assert.False(SetsAuthCookie(right));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/v1/me")).StatusCode);
        Assert.True(await fixture.QueryAsOwnerAsync<bool>(
            "SELECT lockout_until > now() + interval '10 minutes' FROM users WHERE email_normalized = upper(@email)", new { email }));
    }

    [Fact]
    public async Task Parallel_wrong_guesses_cannot_slip_past_the_limit()
    {
        var email = await fixture.AddMemberAsync(fixture.TenantA, TenantRole.Viewer);
        using var client = fixture.App.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => SignInAsync(client, email, $"Tebakan-salah-{i:00}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        // The counter is updated in one statement: twelve parallel guesses end locked, not slipped past the limit.
        Assert.True(await fixture.QueryAsOwnerAsync<bool>(
            "SELECT lockout_until > now() FROM users WHERE email_normalized = upper(@email)", new { email }));
        var right = await SignInAsync(client, email, PlatformFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.False(SetsAuthCookie(right));
    }

    private async Task<(string Secret, Guid Id)> CreateTokenAsync(TestClient admin, string role = "tenant_admin", int days = 30)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/v1/tokens", new { name = "Integrasi uji " + Guid.NewGuid().ToString("N")[..4], role, expiresInDays = days });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var secret = body["secret"]!.GetValue<string>();
        Assert.StartsWith("hms_", secret);
        return (secret, body["token"]!["id"]!.GetValue<Guid>());
    }

    private static HttpRequestMessage WithBearer(HttpMethod method, string path, string token, string? tenant)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is not null) request.Headers.Add("X-Tenant", tenant);
        return request;
    }

    [Fact]
    public async Task An_api_token_works_as_bearer_until_revoked()
    {
        var tenant = await fixture.CreateTenantAsync("token");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (secret, id) = await CreateTokenAsync(admin);
        using var integration = fixture.App.CreateClient(); // no cookies: only the token speaks

        var profile = await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret, tenant.Slug));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await integration.Http.SendAsync(WithBearer(HttpMethod.Get, $"/t/{tenant.Slug}/api/v1/configuration", secret, null))).StatusCode);
        // The secret is shown once: listing tokens never returns it.
        var list = await admin.Http.GetStringAsync("/api/v1/tokens");
        Assert.DoesNotContain(secret[^20..], list);
        Assert.Contains(id.ToString(), list);

        // A tampered secret with the right id is refused.
        await ProblemAssert.IsProblemAsync(
            await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret[..^2] + "xx", tenant.Slug)), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        var revoked = await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret, tenant.Slug));
        await ProblemAssert.IsProblemAsync(revoked, HttpStatusCode.Unauthorized, "revoked token");
        Assert.Equal("Bearer", revoked.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_expired_api_token_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync("token-lama");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (secret, id) = await CreateTokenAsync(admin, days: 1);
        using var integration = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret, tenant.Slug))).StatusCode);

        await using (var connection = new Npgsql.NpgsqlConnection(fixture.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = @id", connection);
            cmd.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        // A verified token is trusted for the credential cache's bound, then asked again.
        var bound = fixture.App.Services.GetRequiredService<HumasSaaS.Api.Platform.Accounts.CredentialCache>().Bound;
        await Task.Delay(bound + TimeSpan.FromMilliseconds(200));
        await ProblemAssert.IsProblemAsync(
            await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret, tenant.Slug)), HttpStatusCode.Unauthorized, "expired token");
    }

    [Fact]
    public async Task An_api_token_reaches_only_its_own_tenant_and_never_the_platform()
    {
        using var adminA = await fixture.SignedInClientAsync(fixture.AdminA, fixture.TenantA.Slug);
        var (secret, _) = await CreateTokenAsync(adminA);
        using var integration = fixture.App.CreateClient();

        var otherTenant = await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret, fixture.TenantB.Slug));
        var problem = await ProblemAssert.IsProblemAsync(otherTenant, HttpStatusCode.NotFound, "token of A against B");
        Assert.DoesNotContain(fixture.TenantB.OfficialName, problem.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound,
            (await integration.Http.SendAsync(WithBearer(HttpMethod.Get, $"/t/{fixture.TenantB.Slug}/api/v1/configuration", secret, null))).StatusCode);

        await ProblemAssert.IsProblemAsync(
            await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/platform/tenants", secret, null)), HttpStatusCode.Forbidden, "token on platform list");
        await ProblemAssert.IsProblemAsync(
            await integration.Http.SendAsync(WithBearer(HttpMethod.Post, $"/api/v1/platform/tenants/{fixture.TenantB.Slug}/suspend", secret, null)),
            HttpStatusCode.Forbidden, "token suspending a tenant");
        Assert.Equal(TenantStatus.Active, (await fixture.App.Services.GetRequiredService<TenantDirectory>().FindBySlugAsync(fixture.TenantB.Slug))!.Status);
        // A token cannot mint further tokens or act as a person.
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/me", secret, null))).StatusCode);
    }

    [Fact]
    public async Task A_viewer_token_cannot_write()
    {
        var tenant = await fixture.CreateTenantAsync("token-baca");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (secret, _) = await CreateTokenAsync(admin, role: "viewer");
        using var integration = fixture.App.CreateClient();
        var read = JsonNode.Parse(await (await integration.Http.SendAsync(WithBearer(HttpMethod.Get, "/api/v1/profile", secret, tenant.Slug))).Content.ReadAsStringAsync())!;
        var put = WithBearer(HttpMethod.Put, "/api/v1/profile", secret, tenant.Slug);
        put.Content = JsonContent.Create(new { version = read["version"]!.GetValue<int>(), profile = read["profile"] });
        await ProblemAssert.IsProblemAsync(await integration.Http.SendAsync(put), HttpStatusCode.Forbidden, "viewer token writing");
    }
}
