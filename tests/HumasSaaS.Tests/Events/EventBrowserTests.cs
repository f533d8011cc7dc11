using HumasSaaS.Events;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Playwright;
using static HumasSaaS.Tests.Events.EventApi;

namespace HumasSaaS.Tests.Events;

/// <summary>The public registration and the door check-in, driven through a real chromium.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EventBrowserTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Register_publicly_open_the_ticket_check_in_by_typing_the_code_and_see_the_count_rise()
    {
        var tenant = await fixture.CreateTenantAsync("peramban");
        using var staff = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var (id, _) = await CreatePublishedAsync(staff, [Today]);

        // A member of the public registers and gets the ticket.
        await using var publicContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var visitor = await publicContext.NewPageAsync();
        await visitor.GotoAsync($"/t/{tenant.Slug}/acara/{id}/daftar");
        await visitor.GetByLabel("Nama lengkap").FillAsync("Grace Lumenta");
        await visitor.GetByLabel("Instansi / lembaga").FillAsync("Kelurahan Kakaskasen");
        await visitor.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Label = "Desa/Kelurahan" });
        await visitor.GetByLabel("Nomor telepon/WA").FillAsync("0813 4000 1234");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await visitor.WaitForURLAsync($"**/t/{tenant.Slug}/acara/tiket/**");
        await Assertions.Expect(visitor.GetByTestId("ticket-name")).ToHaveTextAsync("Grace Lumenta");
        var code = (await visitor.GetByTestId("ticket-code").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z0-9]{8}$", code);
        Assert.True(await visitor.GetByAltText($"Kode QR tiket {code}").IsVisibleAsync());

        // Staff at the door sign in and check her in by typing the code.
        await using var staffContext = await BrowserFixture.NewContextAsync(fixture.NextAddress());
        var door = await staffContext.NewPageAsync();
        await door.GotoAsync("/masuk");
        await door.GetByLabel("Email").FillAsync(PlatformFixture.AdminEmail(tenant.Slug));
        await door.GetByLabel("Kata sandi").FillAsync(PlatformFixture.Password);
        await door.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await door.WaitForURLAsync($"**/t/{tenant.Slug}/konsol");
        await door.GotoAsync($"/t/{tenant.Slug}/konsol/acara/{id}/presensi");
        await Assertions.Expect(door.GetByTestId("present-count")).ToHaveTextAsync("0");

        await door.GetByLabel("Kode peserta").FillAsync(code.ToLowerInvariant());
        await door.GetByRole(AriaRole.Button, new() { Name = "Catat hadir", Exact = true }).ClickAsync();
        await Assertions.Expect(door.GetByTestId("checkin-result")).ToContainTextAsync("Grace Lumenta");
        await Assertions.Expect(door.GetByTestId("present-count")).ToHaveTextAsync("1");

        // A second scan says "sudah hadir" and the count stays.
        await door.GetByLabel("Kode peserta").FillAsync(code);
        await door.GetByRole(AriaRole.Button, new() { Name = "Catat hadir", Exact = true }).ClickAsync();
        await Assertions.Expect(door.GetByTestId("checkin-result")).ToContainTextAsync("sudah hadir");
        await Assertions.Expect(door.GetByTestId("present-count")).ToHaveTextAsync("1");

        // A walk-in is a new participant who is present: both counters move without a reload.
        var total = int.Parse(await door.GetByTestId("participant-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await door.GetByLabel("Nama", new() { Exact = true }).FillAsync("Tamu Datang Langsung");
        await door.GetByRole(AriaRole.Button, new() { Name = "Daftarkan dan catat hadir" }).ClickAsync();
        await Assertions.Expect(door.GetByTestId("present-count")).ToHaveTextAsync("2");
        await Assertions.Expect(door.GetByTestId("participant-count")).ToHaveTextAsync((total + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
