using HumasSaaS.MediaPartners;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Seeding;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

/// <summary>The demo data for media partners, seeded as README command 1 does (twice: it must be idempotent).</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoMediaPartnersTests(DemoFixture demo)
{
    private const string DemoPassword = DemoFixture.Password;
    private AppInstance App => demo.App;

    [Fact]
    public async Task Minahasa_Tenggara_has_demo_partners_with_one_verified_and_its_vendor_sees_Terverifikasi()
    {
        using var admin = App.CreateClient(DemoMediaPartners.TenantSlug);
        await admin.SignInAsync(DemoSeeder.AdminEmail(DemoMediaPartners.TenantSlug), DemoPassword);
        var partners = (await GetJsonAsync(admin, "/api/v1/media-partners")).AsArray();
        Assert.Equal(3, partners.Count);
        var verified = Assert.Single(partners, p => p!["status"]!.GetValue<string>() == "verified")!;
        Assert.Equal("A", verified["grade"]!.GetValue<string>());
        Assert.Single(partners, p => p!["status"]!.GetValue<string>() == "submitted");

        using var vendor = App.CreateClient(DemoMediaPartners.TenantSlug);
        await vendor.SignInAsync("redaksi@nyiur-online.demo.humassaas.id", DemoPassword);
        var mine = await GetJsonAsync(vendor, "/api/v1/vendor/partner");
        Assert.Equal("Terverifikasi", mine["statusLabel"]!.GetValue<string>());
        var doc = mine["checklist"]!.AsArray().First(i => i!["current"] is not null)!["current"]!["id"]!.GetValue<Guid>();
        var pdf = await vendor.Http.GetByteArrayAsync($"/api/v1/vendor/partner/documents/{doc}/content");
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));

        // The README walkthrough: the submitted partner holds every mandatory document, so staff can verify it.
        var submitted = partners.Single(p => p!["status"]!.GetValue<string>() == "submitted")!;
        var id = submitted["id"]!.GetValue<Guid>();
        var partner = await PostOkAsync(admin, $"/api/v1/media-partners/{id}/start-review", new { version = Version(submitted) });
        foreach (var item in partner["checklist"]!.AsArray().Where(i => i!["mandatory"]!.GetValue<bool>()))
        {
            Assert.True(item!["current"] is not null, "missing mandatory document " + item["code"]);
            partner = await PostOkAsync(admin, $"/api/v1/media-partners/{id}/documents/{item["current"]!["id"]}/decision", new { version = Version(partner), decision = "accepted" });
        }
        partner = await PostOkAsync(admin, $"/api/v1/media-partners/{id}/verify", new { version = Version(partner), grade = "B" });
        Assert.Equal("verified", Status(partner));
    }
}
