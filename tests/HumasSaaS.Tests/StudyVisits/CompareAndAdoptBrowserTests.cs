using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HumasSaaS.Tests.StudyVisits;

/// <summary>Through a real chromium: Minahasa compares its checklist with Minahasa Tenggara's, adopts two items, finds them at home.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CompareAndAdoptBrowserTests(PlatformFixture fixture)
{
    private static async Task EditChecklistAsync(TestClient admin, Action<JsonArray> edit)
    {
        var config = JsonNode.Parse(await admin.Http.GetStringAsync("/api/v1/configuration"))!;
        var checklist = config["configuration"]!["documentChecklist"]!.AsArray();
        edit(checklist);
        var response = await admin.Http.PutAsJsonAsync("/api/v1/configuration/sections/documentChecklist",
            new { version = config["version"]!.GetValue<int>(), value = checklist });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonNode Item(string code, string label) => JsonNode.Parse($$"""
        {"code":"{{code}}","label":"{{label}}","mediaTypes":["online","print_daily"],"mandatory":true,"expires":true,
         "defaultValidityMonths":12,"acceptedFormats":["pdf"],"maxSizeMb":5}
        """)!;

    [Fact]
    public async Task A_tenant_admin_compares_Minahasa_with_Minahasa_Tenggara_adopts_two_items_and_finds_them_in_the_own_checklist()
    {
        var minahasa = await fixture.CreateTenantAsync("minahasa", "Kabupaten Minahasa");
        var mitra = await fixture.CreateTenantAsync("minahasa-tenggara", "Kabupaten Minahasa Tenggara");
        using (var mitraAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(mitra.Slug), mitra.Slug))
        {
            await EditChecklistAsync(mitraAdmin, list =>
            {
                list.Add(Item("pakta_integritas", "Pakta integritas vendor"));
                list.Add(Item("registrasi_lpse", "Bukti registrasi vendor elektronik (LPSE)"));
                list.Add(Item("foto_kantor_redaksi", "Foto kantor redaksi"));
            });
            Assert.Equal(HttpStatusCode.OK, (await mitraAdmin.Http.PutAsJsonAsync("/api/v1/configuration/sharing/documentChecklist", new { scope = "platform" })).StatusCode);
        }
        using (var ownAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(minahasa.Slug), minahasa.Slug))
        {
            await EditChecklistAsync(ownAdmin, list =>
            {
                list.RemoveAt(list.Count - 1); // no "pedoman_media_siber"
                list.Single(i => i!["code"]!.GetValue<string>() == "npwp_perusahaan")!["maxSizeMb"] = 10;
            });
        }

        await using var context = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var page = await context.NewPageAsync();
        await page.GotoAsync("/masuk");
        await page.GetByLabel("Email").FillAsync(PlatformFixture.AdminEmail(minahasa.Slug));
        await page.GetByLabel("Kata sandi").FillAsync(PlatformFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/masuk"));

        await page.GotoAsync($"/t/{minahasa.Slug}/konsol/banding");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bandingkan konfigurasi" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Kabupaten Minahasa Tenggara" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bandingkan" }).ClickAsync();

        var checklist = page.GetByTestId("section-documentChecklist");
        await Assertions.Expect(checklist.GetByRole(AriaRole.Heading)).ToContainTextAsync("5 perbedaan");
        await Assertions.Expect(checklist.Locator("tr[data-code='pakta_integritas'] [data-testid=status]")).ToHaveTextAsync("tidak ada di semua");
        await Assertions.Expect(checklist.Locator("tr[data-item='registrasi_lpse']").First).ToContainTextAsync("tidak ada");
        // One row per field, values in words, the differing field marked, no field names or codes from the JSON.
        await Assertions.Expect(checklist.Locator("tr[data-code='npwp_perusahaan'] [data-testid=status]")).ToHaveTextAsync("berbeda");
        var size = checklist.Locator("tr[data-item='npwp_perusahaan'][data-field='maxSizeMb']");
        await Assertions.Expect(size).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("differs"));
        await Assertions.Expect(size).ToContainTextAsync("Ukuran berkas maksimum");
        await Assertions.Expect(size).ToContainTextAsync("10 MB");
        await Assertions.Expect(checklist.Locator("tr[data-item='npwp_perusahaan'][data-field='mandatory']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("differs"));
        await Assertions.Expect(checklist.Locator("tr[data-item='npwp_perusahaan'][data-field='mandatory']")).ToContainTextAsync("ya");
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var leak in new[] { "mediaTypes", "defaultValidityMonths", "maxSizeMb", "acceptedFormats", "print_daily", "true", "false", "@t.", "(v" })
            Assert.DoesNotContain(leak, text);
        Assert.Contains("Cetak harian", text);
        await Assertions.Expect(checklist.Locator("tr[data-code='akta_pendirian'] [data-testid=status]")).ToHaveTextAsync("sama");
        await Assertions.Expect(page.GetByTestId("section-priceTable")).ToHaveCountAsync(0); // not shared

        await checklist.GetByRole(AriaRole.Checkbox, new() { Name = "Adopsi Pakta integritas vendor" }).CheckAsync();
        await checklist.GetByRole(AriaRole.Checkbox, new() { Name = "Adopsi Bukti registrasi vendor elektronik (LPSE)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Adopsi butir terpilih ke konfigurasi saya" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("adopt-message")).ToContainTextAsync("2 butir diadopsi");

        await page.GotoAsync($"/t/{minahasa.Slug}/konsol/banding/konfigurasi");
        var own = page.GetByTestId("own-checklist");
        await Assertions.Expect(own.Locator("tr[data-code='pakta_integritas']")).ToContainTextAsync("Pakta integritas vendor");
        await Assertions.Expect(own.Locator("tr[data-code='registrasi_lpse']")).ToContainTextAsync("Bukti registrasi vendor elektronik (LPSE)");
        await Assertions.Expect(own.Locator("tr[data-code='foto_kantor_redaksi']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("history").GetByTestId("provenance").First).ToHaveTextAsync("Kabupaten Minahasa Tenggara versi 2");
    }
}
