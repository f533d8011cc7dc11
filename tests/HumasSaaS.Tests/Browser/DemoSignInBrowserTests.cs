using HumasSaaS.Api.Seeding;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.Browser;

/// <summary>The demo as README command 1 seeds it, driven through a real chromium.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoSignInBrowserTests(DemoFixture demo)
{
    private const string DemoPassword = DemoFixture.Password;
    private AppInstance App => demo.App;

    [Fact]
    public async Task The_demo_admin_of_Minahasa_Tenggara_signs_in_sees_the_tenant_console_and_signs_out_from_the_header()
    {
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();

        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.AdminEmail("minahasa-tenggara"));
        await page.GetByLabel("Kata sandi").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await page.WaitForURLAsync("**/t/minahasa-tenggara/konsol");
        await Assertions.Expect(page.GetByTestId("console-title")).ToHaveTextAsync("Konsol Kabupaten Minahasa Tenggara");

        await page.Locator("header").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Keluar") }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/konsol"));
        await page.GotoAsync("/t/minahasa-tenggara/konsol");
        Assert.EndsWith("/masuk", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_person_on_the_sign_in_page_with_a_message()
    {
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();

        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.AdminEmail("minahasa-tenggara"));
        await page.GetByLabel("Kata sandi").FillAsync("bukan-kata-sandinya");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToBeVisibleAsync();
        Assert.EndsWith("/masuk", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/t/minahasa-tenggara/konsol");
        Assert.EndsWith("/masuk", new Uri(page.Url).AbsolutePath);
    }
}
