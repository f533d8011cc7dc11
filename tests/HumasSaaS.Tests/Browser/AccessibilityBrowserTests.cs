using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using HumasSaaS.Api.Seeding;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.Browser;

/// <summary>axe (axe-core via Deque.AxeCore.Playwright) finds no violation on the main pages of each audience of the demo.</summary>
[Collection(DemoCollection.Name)]
public sealed class AccessibilityBrowserTests(DemoFixture demo)
{
    private static async Task AssertNoViolationsAsync(IPage page, IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok || path == "/tidak-ada-halaman", $"{path}: {response.Status}");
            var result = await page.RunAxe();
            found.AddRange(result.Violations.Select(v =>
                $"{path}: {v.Id} ({v.Impact}, {v.Nodes.Length} nodes) e.g. {string.Join(" ", v.Nodes.First().Target)} — {v.Help}"));
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private async Task<string> RakorIdAsync()
    {
        using var client = demo.App.CreateClient("kubu-raya");
        await client.SignInAsync(DemoSeeder.AdminEmail("kubu-raya"), DemoFixture.Password);
        return JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/events"))!.AsArray()[0]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_public_pages_have_no_violations()
    {
        var rakor = await RakorIdAsync();
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();
        await AssertNoViolationsAsync(page, ["/", "/masuk", "/vendor", "/vendor/daftar", $"/t/kubu-raya/acara/{rakor}/daftar",
            "/t/minahasa-tenggara/kunjungan/ajukan", "/tidak-ada-halaman"]);
    }

    [Fact]
    public async Task The_staff_pages_have_no_violations()
    {
        var rakor = await RakorIdAsync();
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();
        await BrowserSignIn.AsAsync(page, DemoSeeder.AdminEmail("kubu-raya"), DemoFixture.Password);
        await AssertNoViolationsAsync(page, ["/t/kubu-raya/konsol", "/t/kubu-raya/konsol/acara", $"/t/kubu-raya/konsol/acara/{rakor}",
            $"/t/kubu-raya/konsol/acara/{rakor}/presensi", $"/t/kubu-raya/konsol/acara/{rakor}/protokol"]);

        await using var mitraContext = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var mitra = await mitraContext.NewPageAsync();
        await BrowserSignIn.AsAsync(mitra, DemoSeeder.AdminEmail("minahasa-tenggara"), DemoFixture.Password);
        await mitra.GotoAsync("/t/minahasa-tenggara/konsol/mitra");
        var detail = await mitra.Locator("[data-testid=partner-queue] a").First.GetAttributeAsync("href");
        await AssertNoViolationsAsync(mitra, ["/t/minahasa-tenggara/konsol/mitra", detail!, "/t/minahasa-tenggara/konsol/kerja-sama/anggaran",
            "/t/minahasa-tenggara/konsol/data-pribadi"]);
    }

    [Fact]
    public async Task The_vendor_pages_have_no_violations()
    {
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();
        await BrowserSignIn.AsAsync(page, "redaksi@suara-belang.demo.humassaas.id", DemoFixture.Password);
        await AssertNoViolationsAsync(page, ["/vendor", "/t/minahasa-tenggara/vendor"]);
    }

    [Fact]
    public async Task The_pages_of_a_visiting_delegation_have_no_violations()
    {
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();
        await BrowserSignIn.AsAsync(page, DemoSeeder.AdminEmail("minahasa"), DemoFixture.Password);
        await AssertNoViolationsAsync(page, ["/t/minahasa/konsol/banding", "/t/minahasa/konsol/banding?t=minahasa-tenggara",
            "/t/minahasa/konsol/banding/profil/minahasa-tenggara", "/t/minahasa/konsol/banding/kunjungan", "/t/minahasa/konsol/banding/kunjungan/ajukan"]);
    }
}
