using HumasSaaS.MediaPartners;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

/// <summary>Issue 3's browser scenario through the real pages in chromium: vendor portal and staff console.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MediaPartnerBrowserTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Vendor_uploads_and_submits_staff_requests_revision_vendor_replaces_staff_verifies_vendor_sees_Terverifikasi()
    {
        using var t = await CreateTenantAsync(fixture, "peramban");
        var slug = t.Tenant.Slug;
        var verifierEmail = await fixture.AddMemberAsync(t.Tenant, TenantRole.Verifier);

        await using var vendorContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var vendor = await vendorContext.NewPageAsync();
        await vendor.GotoAsync($"/t/{slug}/vendor/daftar");
        await vendor.Locator("[name=CompanyName]").FillAsync("PT Warta Pesisir Ratahan");
        await vendor.Locator("[name=DisplayName]").FillAsync("Yulin Pontoh");
        await vendor.Locator("[name=Email]").FillAsync($"yulin-{Guid.NewGuid():N}@warta.uji.id");
        await vendor.Locator("[name=Password]").FillAsync(PlatformFixture.Password);
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await vendor.WaitForURLAsync($"**/t/{slug}/vendor");

        // A wrong NPWP: the page comes back with everything typed still there, the field marked and focused.
        foreach (var (name, value) in new[]
                 {
                     ("Form.LegalName", "PT Warta Pesisir Ratahan"), ("Form.MediaName", "Warta Pesisir"), ("Form.Url", "https://warta-pesisir.example.id"),
                     ("Form.Npwp", "123"), ("Form.Nib", "9120301234567"), ("Form.Address", "Jl. Pantai Belang No. 3"),
                     ("Form.ChiefEditorName", "Marthen Lumi"), ("Form.BankName", "Bank SulutGo"), ("Form.BankAccountNumber", "0010203456789"),
                     ("Form.BankAccountHolder", "PT Warta Pesisir Ratahan"),
                 })
            await vendor.Locator($"[name='{name}']").FillAsync(value);
        await vendor.Locator("[name='Form.Scale']").SelectOptionAsync("Regional");
        await vendor.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(vendor.GetByTestId("field-error-Npwp")).ToContainTextAsync("NPWP harus 15 atau 16 digit");
        await Assertions.Expect(vendor.Locator("[name='Form.Npwp']")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(vendor.Locator("[name='Form.Npwp']")).ToBeFocusedAsync();
        await Assertions.Expect(vendor.Locator("[name='Form.MediaName']")).ToHaveValueAsync("Warta Pesisir");
        await Assertions.Expect(vendor.Locator("[name='Form.Scale']")).ToHaveValueAsync("Regional");
        await Assertions.Expect(vendor.Locator("[name='Form.Nib']")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        foreach (var (name, value) in new[]
                 {
                     ("Form.LegalName", "PT Warta Pesisir Ratahan"), ("Form.MediaName", "Warta Pesisir"), ("Form.Url", "https://warta-pesisir.example.id"),
                     ("Form.Npwp", "01.234.567.8-912.000"), ("Form.Nib", "9120301234567"), ("Form.Address", "Jl. Pantai Belang No. 3"),
                     ("Form.ChiefEditorName", "Marthen Lumi"), ("Form.BankName", "Bank SulutGo"), ("Form.BankAccountNumber", "0010203456789"),
                     ("Form.BankAccountHolder", "PT Warta Pesisir Ratahan"),
                 })
            await vendor.Locator($"[name='{name}']").FillAsync(value);
        await vendor.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(vendor.GetByTestId("partner-status")).ToHaveTextAsync("Draf");

        await UploadInPageAsync(vendor, "akta_pendirian", "akta.pdf");
        // Submitting with a mandatory document missing is refused; the profile form still shows what was saved.
        await vendor.GetByTestId("submit-partner").ClickAsync();
        await Assertions.Expect(vendor.GetByTestId("vendor-error")).ToContainTextAsync("Dokumen wajib belum lengkap");
        await Assertions.Expect(vendor.Locator("[name='Form.MediaName']")).ToHaveValueAsync("Warta Pesisir");
        await Assertions.Expect(vendor.Locator("[name='Form.Npwp']")).ToHaveValueAsync("012345678912000");
        await UploadInPageAsync(vendor, "npwp_perusahaan", "npwp.pdf");
        await vendor.GetByTestId("submit-partner").ClickAsync();
        await Assertions.Expect(vendor.GetByTestId("partner-status")).ToHaveTextAsync("Diajukan");

        // Staff opens the document and requests a revision.
        await using var staffContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/masuk");
        await staff.GetByLabel("Email").FillAsync(verifierEmail);
        await staff.GetByLabel("Kata sandi").FillAsync(PlatformFixture.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await staff.WaitForURLAsync($"**/t/{slug}/konsol");
        await staff.GotoAsync($"/t/{slug}/konsol/mitra?status=submitted");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Warta Pesisir" }).First.ClickAsync();
        await staff.GetByTestId("start-review").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("partner-status")).ToHaveTextAsync("Sedang diverifikasi");
        var docResponse = staff.WaitForResponseAsync(r => r.Url.Contains("/content"));
        await staff.Locator("tr[data-item=akta_pendirian]").GetByTestId("open-document").ClickAsync();
        Assert.Equal(200, (await docResponse).Status);
        await Assertions.Expect(staff.GetByTestId("document-viewer")).ToBeVisibleAsync();
        await staff.Locator("tr[data-item=npwp_perusahaan] input[name=Note]").FillAsync("NPWP tidak terbaca");
        await staff.GetByTestId("reject-npwp_perusahaan").ClickAsync();
        await staff.GetByTestId("revision-note").FillAsync("Unggah ulang NPWP yang jelas.");
        await staff.GetByTestId("request-revision").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("partner-status")).ToHaveTextAsync("Perlu perbaikan");

        // The vendor sees the note, replaces the document and submits again.
        await vendor.ReloadAsync();
        await Assertions.Expect(vendor.GetByTestId("partner-status")).ToHaveTextAsync("Perlu perbaikan");
        await Assertions.Expect(vendor.Locator("tr[data-item=npwp_perusahaan]")).ToContainTextAsync("NPWP tidak terbaca");
        await UploadInPageAsync(vendor, "npwp_perusahaan", "npwp-baru.pdf");
        await Assertions.Expect(vendor.Locator("tr[data-item=npwp_perusahaan]")).ToContainTextAsync("npwp-baru.pdf");
        await vendor.GetByTestId("submit-partner").ClickAsync();
        await Assertions.Expect(vendor.GetByTestId("partner-status")).ToHaveTextAsync("Diajukan");

        // Staff accepts both documents and verifies.
        await staff.ReloadAsync();
        await staff.GetByTestId("start-review").ClickAsync();
        await staff.GetByTestId("accept-akta_pendirian").ClickAsync();
        await Assertions.Expect(staff.Locator("tr[data-item=akta_pendirian]")).ToContainTextAsync("diterima");
        // An accepted document offers no second "Terima".
        await Assertions.Expect(staff.GetByTestId("accept-akta_pendirian")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.GetByTestId("reject-akta_pendirian")).ToHaveCountAsync(1);
        // Verifying before every mandatory document is accepted is refused; the chosen grade stays chosen.
        await staff.GetByTestId("grade").SelectOptionAsync("B");
        await staff.GetByTestId("verify").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("decision-error")).ToContainTextAsync("Dokumen wajib belum diterima");
        await Assertions.Expect(staff.GetByTestId("grade")).ToHaveValueAsync("B");
        await staff.GetByTestId("accept-npwp_perusahaan").ClickAsync();
        await Assertions.Expect(staff.Locator("tr[data-item=npwp_perusahaan]")).ToContainTextAsync("diterima");
        await staff.GetByTestId("verify").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("partner-status")).ToHaveTextAsync("Terverifikasi");

        await vendor.ReloadAsync();
        await Assertions.Expect(vendor.GetByTestId("partner-status")).ToHaveTextAsync("Terverifikasi");
    }

    private static async Task UploadInPageAsync(IPage page, string item, string fileName)
    {
        var uploaded = page.WaitForResponseAsync(r => r.Url.Contains($"/documents/{item}") && r.Request.Method == "PUT");
        await page.Locator($"input[data-upload={item}]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Pdf });
        Assert.Equal(201, (await uploaded).Status);
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator($"tr[data-item={item}]")).ToContainTextAsync(fileName);
    }
}
