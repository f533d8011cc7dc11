using System.Text.RegularExpressions;
using HumasSaaS.Api.Seeding;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.Browser;

/// <summary>What a person reads on the main staff pages and in the audit CSV is words, never codes or enum names.</summary>
[Collection(DemoCollection.Name)]
public sealed partial class WordsBrowserTests(DemoFixture demo)
{
    [Fact]
    public async Task The_partner_pages_and_the_audit_csv_of_the_demo_show_no_codes()
    {
        await using var context = await BrowserFixture.NewContextAsync(demo.NextAddress());
        var page = await context.NewPageAsync();
        await BrowserSignIn.AsAsync(page, DemoSeeder.AdminEmail("minahasa-tenggara"), DemoFixture.Password);

        await page.GotoAsync("/t/minahasa-tenggara/konsol/mitra");
        var texts = new List<(string Where, string Text)> { ("daftar mitra", await page.Locator("main").InnerTextAsync()) };
        Assert.Contains("Cetak harian", texts[0].Text);
        var details = await page.Locator("[data-testid=partner-queue] a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(details.Length >= 3, string.Join(", ", details));
        foreach (var href in details)
        {
            await page.GotoAsync(href);
            texts.Add((href, await page.Locator("main").InnerTextAsync()));
        }
        Assert.Contains(texts, t => t.Text.Contains("Terverifikasi faktual", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text.Contains("Dokumen diunggah", StringComparison.Ordinal));

        var csv = await context.APIRequest.GetAsync("/t/minahasa-tenggara/api/v1/media-partners/audit.csv");
        Assert.Equal(200, csv.Status);
        var csvText = await csv.TextAsync();
        Assert.StartsWith("waktu_wib,media_mitra_id,nama_media,tindakan,pelaku,catatan,rincian", csvText.TrimStart('\uFEFF'));
        // The header is for machines; every row below it is for people.
        texts.Add(("audit.csv", csvText[csvText.IndexOf('\n')..]));
        Assert.Contains("Dinyatakan terverifikasi", csvText);

        foreach (var (where, text) in texts)
        {
            var codes = Code().Matches(text).Select(m => m.Value).Distinct().ToList();
            Assert.True(codes.Count == 0, $"{where}: {string.Join(", ", codes)}");
        }
    }

    /// <summary>
    /// snake_case codes (print_daily, document_accepted, in_review …), English enum names and audit verbs, "(Pt)", "UTC".
    /// Document item codes are snake_case too, so a leaked item code is caught as well.
    /// </summary>
    [GeneratedRegex(@"\b[a-z]+_[a-z_]+\b|\b(None|Faktual|Administratif|PrintDaily|InReview|NeedsRevision|submitted|verified|rejected|applied|announced|television)\b|\(Pt\)|\bUTC\b")]
    private static partial Regex Code();
}
