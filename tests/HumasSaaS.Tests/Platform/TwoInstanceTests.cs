using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HumasSaaS.Tests.Platform;

/// <summary>
/// Two instances behind one (imagined) load balancer on one fresh database: they migrate together without
/// applying anything twice, and a browser may bounce between them (sign-in cookie, antiforgery token).
/// </summary>
public sealed partial class TwoInstanceTests
{
    private const string Password = "Uji-dua-instansi-2026";

    /// <summary>One browser: one cookie jar (cookies ignore the port), one client per instance.</summary>
    private sealed class Browser : IDisposable
    {
        public CookieContainer Cookies { get; } = new();
        private readonly List<HttpClient> clients = [];

        public HttpClient To(AppInstance instance)
        {
            var client = new HttpClient(new Contract.ContractValidatingHandler(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })) { BaseAddress = instance.Address };
            clients.Add(client);
            return client;
        }

        public void Dispose() => clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Two_instances_start_together_migrate_once_and_share_sessions_and_antiforgery()
    {
        await using var database = await TestDatabase.CreateAsync();
        var apps = new[] { AppInstance.Build(database), AppInstance.Build(database) };
        var instances = new List<AppInstance>();
        try
        {
            // Start-up on both instances at once: the migrations (counting what each applied), then the rest of HumasApp.PrepareAsync.
            var started = await Task.WhenAll(apps.Select(app => Task.Run(async () =>
            {
                var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
                await Api.HumasApp.PrepareAsync(app); // migrations again (a no-op now) and the shared key ring
                return (Applied: applied, Instance: await AppInstance.StartBuiltAsync(app));
            })));
            instances.AddRange(started.Select(s => s.Instance));
            var (a, b) = (instances[0], instances[1]);

            var scripts = MigrationRunner.LoadScripts().Select(s => s.Version).ToList();
            Assert.True(scripts.Count >= 3);
            Assert.Equal(scripts.Count, started.Sum(s => s.Applied)); // each script applied by exactly one instance
            Assert.Contains(0, started.Select(s => s.Applied));
            await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
            {
                var recorded = (await owner.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
                Assert.Equal(scripts, recorded);
            }
            foreach (var instance in instances)
            {
                using var client = instance.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);
            }

            // Both instances touch the data protection key ring at the same moment, as the first visitors would.
            using (var first = new Browser())
            {
                var pages = await Task.WhenAll(instances.Select(i => first.To(i).GetAsync("/masuk")));
                Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
            }
            // One shared key: with a key each, an instance would reject the other's cookies once its start-up refresh window closes.
            await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
                Assert.Equal(1L, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM data_protection_keys"));

            var slug = "dua-" + Guid.NewGuid().ToString("N")[..6];
            var email = $"admin@{slug}.uji.humassaas.id";
            await a.Services.GetRequiredService<TenantOnboarding>().OnboardAsync(new OnboardTenantRequest(slug, "Kabupaten Dua Instansi",
                TenantKind.Kabupaten, "Sulawesi Utara", "Bagian Humas", new TenantAdminSeed(email, "Admin Dua", Password)), null);

            // Sign-in cookie issued by A, accepted by B (and the other way round).
            foreach (var (issuer, reader) in new[] { (a, b), (b, a) })
            {
                using var browser = new Browser();
                var signIn = await browser.To(issuer).PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = Password });
                Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
                var me = await browser.To(reader).GetAsync("/api/v1/me");
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
                Assert.Equal(email, JsonNode.Parse(await me.Content.ReadAsStringAsync())!["email"]!.GetValue<string>());
                var profile = await browser.To(reader).GetAsync($"/t/{slug}/api/v1/profile");
                Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
            }

            // The sign-in form rendered by A (antiforgery cookie + hidden token) is posted to B.
            foreach (var (renderer, receiver) in new[] { (a, b), (b, a) })
            {
                using var browser = new Browser();
                var form = await browser.To(renderer).GetStringAsync("/masuk");
                var token = AntiforgeryToken().Match(form) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no antiforgery token in /masuk");
                Assert.Contains(browser.Cookies.GetAllCookies(), c => c.Name == "humas.csrf");

                var withoutToken = await browser.To(receiver).PostAsync("/masuk", new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password, ["ReturnUrl"] = "" }));
                Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
                Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "humas.auth");

                var posted = await browser.To(receiver).PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = email, ["Password"] = Password, ["ReturnUrl"] = "", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                }));
                Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
                Assert.Equal($"/t/{slug}/konsol", posted.Headers.Location?.OriginalString);
                Assert.Equal(HttpStatusCode.OK, (await browser.To(renderer).GetAsync($"/t/{slug}/konsol")).StatusCode);
            }
        }
        finally
        {
            foreach (var instance in instances) await instance.DisposeAsync();
            foreach (var app in apps.Where(app => instances.All(i => i.App != app))) await app.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
