using HumasSaaS.MediaPartners;
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

        // The admin learns nothing about the account (an invitation, no name, not "vendor"); the vendor cannot accept it.
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var body = await added.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Hendra", body);
        Assert.DoesNotContain("media", body.Replace(email, ""), StringComparison.OrdinalIgnoreCase);
        var invitationId = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        using var vendorInTenant = await fixture.SignedInClientAsync(email, tenant.Slug);
        await ProblemAssert.IsProblemAsync(await vendorInTenant.Http.PostAsync($"/api/v1/invitations/{invitationId}/accept", null), HttpStatusCode.Conflict);
        Assert.Equal(0, await TenantSql.CountAsync(fixture, tenant.Id,
            "SELECT count(*) FROM tenant_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = @email", new { email }));
    }
}
