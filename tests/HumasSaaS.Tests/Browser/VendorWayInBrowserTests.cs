using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.Browser;

/// <summary>A media company finds its way in: links from the home page and /masuk, a vendor home with the next step and the open intakes.</summary>
[Collection(DemoCollection.Name)]
public sealed class VendorWayInBrowserTests(DemoFixture demo)
{
    [Fact]
    public async Task A_media_company_goes_from_the_home_page_to_sign_up_and_sees_its_next_step_and_where_it_can_apply()
    {
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();

        await page.GotoAsync("/masuk");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Daftar sebagai perusahaan media" })).ToHaveAttributeAsync("href", "/vendor/daftar");
        await page.GotoAsync("/");
        await page.GetByTestId("vendor-way-in").GetByRole(AriaRole.Link, new() { Name = "Daftar sebagai perusahaan media" }).ClickAsync();
        await page.WaitForURLAsync("**/vendor/daftar");

        await page.Locator("[name=CompanyName]").FillAsync("PT Kabar Teluk Buyat");
        await page.Locator("[name=DisplayName]").FillAsync("Ferry Mandagi");
        await page.Locator("[name=Email]").FillAsync($"ferry-{Guid.NewGuid():N}@kabar-teluk.uji.id");
        await page.Locator("[name=Password]").FillAsync(DemoFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/vendor");

        await Assertions.Expect(page.GetByTestId("vendor-next-step")).ToContainTextAsync("Langkah berikutnya");
        var apply = page.GetByTestId("open-intakes").GetByRole(AriaRole.Link, new() { Name = "Daftar di Kabupaten Minahasa Tenggara" });
        await Assertions.Expect(apply).ToHaveAttributeAsync("href", "/t/minahasa-tenggara/vendor");

        // "Ganti instansi" does not tell a vendor that it is not staff.
        await page.GotoAsync("/pilih-instansi");
        await Assertions.Expect(page.GetByTestId("vendor-choose")).ToContainTextAsync("PT Kabar Teluk Buyat");
        Assert.DoesNotContain("staf", await page.Locator("main").InnerTextAsync());

        await page.GotoAsync("/vendor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Daftar di Kabupaten Minahasa Tenggara" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Daftar sebagai media mitra" })).ToBeVisibleAsync();
    }
}
