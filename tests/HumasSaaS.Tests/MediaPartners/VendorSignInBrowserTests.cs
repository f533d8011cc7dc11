using HumasSaaS.MediaPartners;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.MediaPartners;

[Collection(PlatformCollection.Name)]
public sealed class VendorSignInBrowserTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_vendor_signing_in_lands_in_the_vendor_portal_and_sees_no_staff_console_links()
    {
        var (vendor, email) = await MediaPartnerKit.SignUpVendorAccountAsync(fixture.App, null, "PT Kabar Tondano", "Novi Tumbelaka");
        vendor.Dispose();

        await using var context = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(PlatformFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync("**/vendor");

        await page.GotoAsync($"/t/{fixture.TenantA.Slug}/vendor");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header nav a[href$='/konsol/mitra']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("header nav a[href$='/konsol']")).ToHaveCountAsync(0);
    }
}
