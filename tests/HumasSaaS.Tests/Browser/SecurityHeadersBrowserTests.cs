using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Seeding;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.Browser;

/// <summary>
/// The main pages in a real chromium report no Content-Security-Policy violation, and every page carries the security
/// headers: a CSP without 'unsafe-inline' for scripts (except the /docs API reference), frame-ancestors 'none',
/// Referrer-Policy, Permissions-Policy with the camera only on the check-in page, HSTS (the tests run outside
/// Development), and session cookies that are Secure over HTTPS, HttpOnly and SameSite. Only reads the demo tenants.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed partial class SecurityHeadersBrowserTests(DemoFixture demo, Xunit.Abstractions.ITestOutputHelper output)
{
    private AppInstance App => demo.App;

    private const string Collector = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    /// <summary>Opens each page, waits for it to settle, and returns every violation seen, page by page.</summary>
    private async Task<List<string>> VisitAsync(IBrowserContext context, IEnumerable<string> paths, List<string> visited)
    {
        var violations = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add($"{page.Url}: console: {message.Text}");
        };
        foreach (var path in paths)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            output.WriteLine($"{path}: {clock.ElapsedMilliseconds} ms");
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            visited.Add(new Uri(page.Url).AbsolutePath);
            var seen = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            violations.AddRange(seen.Select(v => $"{path}: {v}"));
        }
        return violations;
    }

    private async Task<IBrowserContext> SignedInContextAsync(string slug)
    {
        var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        await context.AddInitScriptAsync(Collector);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.AdminEmail(slug));
        await page.GetByLabel("Kata sandi").FillAsync(DemoFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync($"**/t/{slug}/konsol");
        await page.CloseAsync();
        return context;
    }

    private static async Task<string> FirstLinkAsync(IBrowserContext context, string listPath, Regex pattern)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(listPath);
        var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
        await page.CloseAsync();
        return hrefs.FirstOrDefault(h => pattern.IsMatch(h)) ?? throw new Xunit.Sdk.XunitException($"no link like {pattern} on {listPath}");
    }

    [Fact]
    public async Task The_main_pages_report_no_content_security_policy_violation_in_chromium()
    {
        var visited = new List<string>();
        var violations = new List<string>();

        await using (var anonymous = await BrowserFixture.NewContextAsync(demo.NextAddress()))
        {
            await anonymous.AddInitScriptAsync(Collector);
            violations.AddRange(await VisitAsync(anonymous, ["/masuk", "/vendor/daftar", "/t/minahasa-tenggara/vendor"], visited));
        }

        await using (var partners = await SignedInContextAsync("minahasa-tenggara"))
        {
            var detail = await FirstLinkAsync(partners, "/t/minahasa-tenggara/konsol/mitra", MitraDetail());
            violations.AddRange(await VisitAsync(partners, ["/t/minahasa-tenggara/konsol", "/t/minahasa-tenggara/konsol/mitra", detail], visited));
        }

        await using (var events = await SignedInContextAsync("kubu-raya"))
        {
            var detail = await FirstLinkAsync(events, "/t/kubu-raya/konsol/acara", AcaraDetail());
            violations.AddRange(await VisitAsync(events, ["/t/kubu-raya/konsol/acara", detail, detail + "/presensi"], visited));
        }

        await using (var studyVisit = await SignedInContextAsync("minahasa"))
            violations.AddRange(await VisitAsync(studyVisit,
                ["/t/minahasa/konsol/banding?t=minahasa-tenggara", "/t/minahasa/konsol/banding/konfigurasi", "/t/minahasa/konsol/banding/kunjungan"], visited));

        // A vendor signed in (an account of its own, no application: the demo tenants are only read).
        await using (var vendor = await BrowserFixture.NewContextAsync(demo.NextAddress()))
        {
            await vendor.AddInitScriptAsync(Collector);
            var signUp = await vendor.APIRequest.PostAsync("/api/v1/vendor/sign-up", new()
            {
                DataObject = new { email = $"csp-{Guid.NewGuid():N}@media.uji.id", password = DemoFixture.Password, displayName = "Uji CSP", companyName = "PT Uji CSP" },
            });
            Assert.True(signUp.Status == 201, await signUp.TextAsync());
            violations.AddRange(await VisitAsync(vendor, ["/t/minahasa-tenggara/vendor", "/vendor"], visited));
        }

        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));

        // The listener does hear a violation: an inline script added to a page is blocked and reported.
        await using (var probe = await BrowserFixture.NewContextAsync(demo.NextAddress()))
        {
            await probe.AddInitScriptAsync(Collector);
            var page = await probe.NewPageAsync();
            await page.GotoAsync("/masuk");
            await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");
            await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
            Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
        }
        // The walk reached the pages it names (not a sign-in redirect in their place).
        foreach (var expected in new[] { "/masuk", "/t/minahasa-tenggara/konsol", "/t/minahasa-tenggara/konsol/mitra", "/t/kubu-raya/konsol/acara", "/t/minahasa/konsol/banding" })
            Assert.Contains(expected, visited);
        Assert.Contains(visited, v => MitraDetail().IsMatch(v));
        Assert.Contains(visited, v => v.EndsWith("/presensi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers_and_only_the_check_in_page_may_use_the_camera()
    {
        using var admin = App.CreateClient();
        await admin.SignInAsync(DemoSeeder.AdminEmail("kubu-raya"), DemoFixture.Password);
        var eventId = JsonNode.Parse(await admin.Http.GetStringAsync("/t/kubu-raya/api/v1/events"))!.AsArray().First()!["id"]!.GetValue<Guid>();
        using var partnersAdmin = App.CreateClient();
        await partnersAdmin.SignInAsync(DemoSeeder.AdminEmail("minahasa-tenggara"), DemoFixture.Password);

        var pages = new (TestClient Client, string Path, bool Camera)[]
        {
            (App.CreateClient(), "/masuk", false),
            (App.CreateClient(), "/vendor/daftar", false),
            (App.CreateClient(), "/tidak-ada-halaman-ini", false),
            (partnersAdmin, "/t/minahasa-tenggara/konsol", false),
            (partnersAdmin, "/t/minahasa-tenggara/konsol/mitra", false),
            (admin, "/t/kubu-raya/konsol/acara", false),
            (admin, $"/t/kubu-raya/konsol/acara/{eventId}", false),
            (admin, $"/t/kubu-raya/konsol/acara/{eventId}/presensi", true),
            (admin, "/t/kubu-raya/api/v1/events", false),
        };
        foreach (var (client, path, camera) in pages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd(path.Contains("/api/") ? "application/json" : "text/html");
            using var response = await client.Http.SendAsync(request);
            var expected = path.StartsWith("/tidak-ada", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            var scripts = Directive(csp, "script-src") ?? Directive(csp, "default-src") ?? "";
            Assert.True(!scripts.Contains("'unsafe-inline'") && !scripts.Contains("'unsafe-eval'"), $"{path}: script-src {scripts}");
            Assert.True(Directive(csp, "frame-ancestors") == "'none'", $"{path}: {csp}");
            Assert.True(Directive(csp, "object-src") == "'none'", $"{path}: {csp}");
            Assert.False(string.IsNullOrEmpty(Header(response, "Referrer-Policy")), path);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            var permissions = Header(response, "Permissions-Policy");
            Assert.True(permissions.Contains(camera ? "camera=(self)" : "camera=()"), $"{path}: {permissions}");
            Assert.Contains("microphone=()", permissions);
        }

        // /docs (Scalar builds itself from inline script) is the one page allowed inline script; it may not be framed either.
        using var docs = await App.CreateClient().Http.GetAsync("/docs");
        var docsPolicy = Header(docs, "Content-Security-Policy");
        Assert.Contains("'unsafe-inline'", Directive(docsPolicy, "script-src"));
        Assert.Equal("'none'", Directive(docsPolicy, "frame-ancestors"));
    }

    [Fact]
    public async Task Over_https_the_site_sends_hsts_and_its_cookies_are_secure_http_only_and_same_site()
    {
        // The proxy in front says the request came over HTTPS (trusted from loopback); the host is not a local name,
        // which HSTS leaves out on purpose.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = App.Address };
        HttpRequestMessage Https(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Host = "humas.example.id";
            return request;
        }

        using var page = await http.SendAsync(Https(HttpMethod.Get, "/masuk"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var hsts = Header(page, "Strict-Transport-Security");
        Assert.Matches(@"max-age=\d{6,}", hsts);
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];

        using var signIn = Https(HttpMethod.Post, "/api/v1/auth/sign-in");
        signIn.Content = JsonContent.Create(new { email = DemoSeeder.AdminEmail("tomohon"), password = DemoFixture.Password });
        using var signedIn = await http.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        cookies.AddRange(signedIn.Headers.GetValues("Set-Cookie"));

        Assert.Contains(cookies, c => c.StartsWith("humas.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("humas.csrf=", StringComparison.Ordinal));
        foreach (var cookie in cookies)
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.True(attributes.Contains("secure"), $"not Secure: {cookie}");
            Assert.True(attributes.Contains("httponly"), $"not HttpOnly: {cookie}");
            Assert.True(attributes.Any(a => a is "samesite=lax" or "samesite=strict"), $"no SameSite Lax/Strict: {cookie}");
        }

        // Over plain HTTP (local development, these tests) no HSTS is sent.
        using var plain = await http.GetAsync("/masuk");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : "";

    private static string? Directive(string policy, string name) =>
        policy.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith(name + " ", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();

    [GeneratedRegex(@"/konsol/mitra/[0-9a-f-]{36}$")]
    private static partial Regex MitraDetail();

    [GeneratedRegex(@"/konsol/acara/[0-9a-f-]{36}$")]
    private static partial Regex AcaraDetail();
}
