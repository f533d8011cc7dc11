using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.StudyVisits;

/// <summary>The visit request form (public and from another tenant's console) and the visit record, in chromium.</summary>
[Collection(PlatformCollection.Name)]
public sealed class VisitPagesBrowserTests(PlatformFixture fixture)
{
    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(PlatformFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/masuk"));
        return page;
    }

    private static async Task FillRequestAsync(IPage page, string institution)
    {
        await page.GetByLabel("Nama instansi pengunjung").FillAsync(institution);
        await page.GetByLabel("Nama narahubung").FillAsync("Ibu Narahubung");
        await page.GetByLabel("Email narahubung").FillAsync("humas@contoh.go.id");
        await page.GetByLabel("Nama anggota 1", new() { Exact = true }).FillAsync("Drs. Kepala Bagian");
        await page.GetByLabel("Jabatan anggota 1", new() { Exact = true }).FillAsync("Kepala Bagian Prokopim");
        await page.GetByLabel("Maksud dan tujuan").FillAsync("Mempelajari pengelolaan kerja sama media.");
        await page.GetByLabel("Topik yang ingin dipelajari (satu per baris)").FillAsync("Daftar dokumen\nTabel harga");
        await page.GetByLabel("Usulan tanggal mulai").FillAsync(DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Usulan tanggal selesai").FillAsync(DateTime.UtcNow.AddDays(21).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task A_visiting_tenant_requests_a_visit_the_host_accepts_it_and_both_see_the_record()
    {
        var host = await fixture.CreateTenantAsync("kotamobagu", "Kota Kotamobagu");
        var visitor = await fixture.CreateTenantAsync("tomohon", "Kota Tomohon");

        await using var visitorContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var visitorPage = await SignedInPageAsync(visitorContext, PlatformFixture.AdminEmail(visitor.Slug));
        await visitorPage.GotoAsync($"/t/{visitor.Slug}/konsol/banding/kunjungan/ajukan");
        await visitorPage.GetByLabel("Instansi tujuan (tuan rumah)").SelectOptionAsync(new SelectOptionValue { Label = "Kota Kotamobagu" });
        await FillRequestAsync(visitorPage, "Kota Tomohon — Bagian Prokopim");
        await visitorPage.GetByRole(AriaRole.Button, new() { Name = "Kirim permohonan" }).ClickAsync();
        await Assertions.Expect(visitorPage.GetByTestId("visit-status")).ToHaveTextAsync("diajukan");
        var recordPath = new Uri(visitorPage.Url).AbsolutePath.Replace($"/t/{visitor.Slug}/", $"/t/{host.Slug}/");

        await using var hostContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var hostPage = await SignedInPageAsync(hostContext, PlatformFixture.AdminEmail(host.Slug));
        await hostPage.GotoAsync($"/t/{host.Slug}/konsol/banding/kunjungan");
        await hostPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kota Tomohon" }).GetByRole(AriaRole.Link).ClickAsync();
        Assert.Equal(recordPath, new Uri(hostPage.Url).AbsolutePath);
        await Assertions.Expect(hostPage.GetByText("Kepala Bagian Prokopim")).ToBeVisibleAsync();
        await hostPage.GetByLabel("Tanggal mulai").FillAsync("2030-03-02");
        await hostPage.GetByLabel("Tanggal selesai").FillAsync("2030-03-03");
        await hostPage.GetByRole(AriaRole.Button, new() { Name = "Terima kunjungan" }).ClickAsync();
        await Assertions.Expect(hostPage.GetByTestId("visit-status")).ToHaveTextAsync("diterima dan dijadwalkan");

        await visitorPage.ReloadAsync();
        await Assertions.Expect(visitorPage.GetByTestId("visit-status")).ToHaveTextAsync("diterima dan dijadwalkan");
        await Assertions.Expect(visitorPage.GetByText("2030-03-02 s.d. 2030-03-03")).ToBeVisibleAsync();
        await Assertions.Expect(visitorPage.GetByRole(AriaRole.Button, new() { Name = "Terima kunjungan" })).ToHaveCountAsync(0);
        await Assertions.Expect(visitorPage.GetByTestId("visit-event-link")).ToHaveCountAsync(0);

        await hostPage.GetByTestId("visit-event-link").ClickAsync();
        await Assertions.Expect(hostPage.GetByTestId("event-status")).ToBeVisibleAsync();
        await Assertions.Expect(hostPage.GetByTestId("event-title")).ToContainTextAsync("Kunjungan studi banding");
    }

    [Fact]
    public async Task An_office_without_an_account_sends_a_request_through_the_public_form()
    {
        var host = await fixture.CreateTenantAsync("sulsel", "Provinsi Sulawesi Selatan");
        await using var context = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/t/{host.Slug}/kunjungan/ajukan");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToContainTextAsync("Provinsi Sulawesi Selatan");
        await FillRequestAsync(page, "Pemerintah Provinsi Jawa Timur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim permohonan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("visit-submitted")).ToContainTextAsync("SB-");

        await using var hostContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var hostPage = await SignedInPageAsync(hostContext, PlatformFixture.AdminEmail(host.Slug));
        await hostPage.GotoAsync($"/t/{host.Slug}/konsol/banding/kunjungan");
        await Assertions.Expect(hostPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pemerintah Provinsi Jawa Timur" })).ToContainTextAsync("diajukan");
    }
}
