using System.Collections.Concurrent;
using System.Net;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.Browser;

/// <summary>
/// Failures reach a browser as pages in the layout and API clients as problem details. The app is started with a
/// low limit on public forms (for the 429) and one page filter that fails on request (for the 500), and its log is
/// captured to find the 500's reference.
/// </summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private readonly CapturingLoggerProvider log = new();
    private TestDatabase database = null!;
    private AppInstance app = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = await AppInstance.StartAsync(database, new Dictionary<string, string?> { ["PublicFormLimits:DefaultPermits"] = "2" }, b =>
        {
            b.Logging.AddProvider(log);
            b.Services.Configure<MvcOptions>(o => o.Filters.Add(new FailOnRequestFilter()));
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_path_an_unknown_tenant_and_a_missing_event_read_the_same_404_page_in_a_browser()
    {
        await using var context = await BrowserFixture.NewContextAsync(app.Address);
        var page = await context.NewPageAsync();
        var texts = new List<string>();
        foreach (var path in new[] { "/tidak-ada", "/t/instansi-tidak-ada/konsol", "/t/instansi-tidak-ada/acara/" + Guid.NewGuid() + "/daftar" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"]);
            await Assertions.Expect(page.GetByTestId("error-page")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Halaman tidak ditemukan");
            Assert.Equal("Halaman tidak ditemukan · HumasSaaS", await page.TitleAsync());
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ke beranda" })).ToBeVisibleAsync();
            texts.Add(await page.Locator("[data-testid=error-page] h1 + p").InnerTextAsync());
        }
        Assert.True(texts.Distinct().Count() == 1, string.Join("\n---\n", texts));

        // The same addresses still answer API clients with problem details.
        using var api = app.CreateClient();
        var problem = await api.Http.GetAsync("/t/instansi-tidak-ada/konsol");
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_signed_in_person_without_the_operator_role_gets_the_403_page()
    {
        using var setup = app.CreateClient();
        var email = $"staf-{Guid.NewGuid():N}@uji.humassaas.id";
        var accounts = app.Services.GetRequiredService<HumasSaaS.Api.Platform.Accounts.UserAccounts>();
        await using (var connection = await app.Services.GetRequiredService<HumasSaaS.Database.Db>().OpenPlatformAsync())
            await accounts.CreateAsync(connection, null, email, "Staf Uji", PlatformFixture.Password, false);

        await using var context = await BrowserFixture.NewContextAsync(app.Address);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(PlatformFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/masuk"));

        var response = await page.GotoAsync("/platform/instansi");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Akses ditolak");
    }

    [Fact]
    public async Task A_public_form_over_its_limit_gets_the_429_page_in_a_browser_and_a_problem_for_the_api()
    {
        using var browserLike = app.CreateClient();
        browserLike.Http.DefaultRequestHeaders.Add("Accept", Html);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
            last = await browserLike.Http.PostAsync("/vendor/daftar", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("text/html", last.Content.Headers.ContentType!.MediaType);
        var body = await last.Content.ReadAsStringAsync();
        Assert.Contains("Terlalu banyak permintaan", body);
        Assert.Contains("data-status=\"429\"", body);

        using var apiClient = app.CreateClient();
        var problem = await apiClient.Http.PostAsync("/vendor/daftar", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_failure_shows_the_500_page_with_a_reference_that_is_in_the_log()
    {
        await using var context = await BrowserFixture.NewContextAsync(app.Address);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/masuk?" + FailOnRequestFilter.Marker + "=1");
        Assert.Equal(500, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Terjadi kesalahan pada server");
        var reference = (await page.GetByTestId("error-reference").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(reference));
        Assert.DoesNotContain("InvalidOperationException", await page.ContentAsync());
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference, StringComparison.Ordinal)
            && e.Exception is InvalidOperationException);
    }

    private sealed class FailOnRequestFilter : IAsyncPageFilter
    {
        public const string Marker = "uji-galat-server";

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Query.ContainsKey(Marker)
                ? throw new InvalidOperationException("Failure provoked by the test.")
                : next();
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
    }
}
