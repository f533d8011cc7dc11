using System.Net;
using System.Net.Http.Json;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.Platform;

namespace HumasSaaS.Tests.MediaPartners;

[Collection(PlatformCollection.Name)]
public sealed class VendorAccountBoundaryTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_vendor_account_cannot_be_added_as_tenant_staff()
    {
        var (vendor, email) = await MediaPartnerKit.SignUpVendorAccountAsync(fixture.App, null, "PT Suara Tombatu", "Hendra Sumampouw");
        vendor.Dispose();
        var tenant = await fixture.CreateTenantAsync("staf-vendor");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);

        var added = await admin.Http.PostAsJsonAsync("/api/v1/members",
            new { email, displayName = "Hendra Sumampouw", role = "verifier", initialPassword = "Kata-sandi-lain-2026" });

        await ProblemAssert.IsProblemAsync(added, HttpStatusCode.Conflict);
        Assert.Equal(0, await TenantSql.CountAsync(fixture, tenant.Id,
            "SELECT count(*) FROM tenant_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = @email", new { email }));
    }
}
