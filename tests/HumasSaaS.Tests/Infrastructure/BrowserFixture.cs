using Microsoft.Playwright;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// One headless Debian chromium for the whole test run, driven by Playwright for .NET. Each test opens its own
/// context (its own cookies), so tests never share a session. Chromium comes from the machine (PATH or
/// HUMAS_CHROMIUM), never downloaded by Playwright.
/// </summary>
public static class BrowserFixture
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? browser;

    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (browser is { IsConnected: true }) return browser;
            playwright ??= await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath(),
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => playwright?.Dispose();
            return browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh browser context whose relative URLs resolve against <paramref name="baseAddress"/>.</summary>
    public static async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string locale = "id-ID")
    {
        var context = await (await BrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            TimezoneId = "Asia/Jakarta",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("HUMAS_CHROMIUM") is { Length: > 0 } configured) return configured;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new InvalidOperationException("chromium is not on PATH (Debian package 'chromium'); deploy/local/prereqs.sh installs it.");
    }
}

public static class BrowserSignIn
{
    /// <summary>Signs in through /masuk and waits until the page has left it.</summary>
    public static async Task AsAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal));
    }
}
