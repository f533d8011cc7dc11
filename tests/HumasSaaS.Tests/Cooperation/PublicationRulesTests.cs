using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>Proof deadlines and quotas per media type: a configuration section, versioned, validated, shareable and comparable.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PublicationRulesTests(PlatformFixture fixture)
{
    [Fact]
    public async Task New_tenants_get_the_default_deadlines_and_a_change_is_a_validated_version_that_another_tenant_can_compare_and_adopt()
    {
        var host = await fixture.CreateTenantAsync("aturan-tuan");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(host.Slug), host.Slug);
        var config = await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/configuration");
        var rules = config!["configuration"]!["publicationRules"]!.AsArray();
        int Deadline(JsonArray r, string code) => r.Single(x => x!["code"]!.GetValue<string>() == code)!["proofDeadlineDays"]!.GetValue<int>();
        Assert.Equal(2, Deadline(rules, "online"));
        Assert.Equal(2, Deadline(rules, "print_daily"));
        Assert.Equal(7, Deadline(rules, "print_weekly"));
        Assert.Equal(7, Deadline(rules, "television"));
        Assert.Equal(7, Deadline(rules, "radio"));
        Assert.Equal(10, Deadline(rules, "print_monthly"));

        var version = config["version"]!.GetValue<int>();
        using var bad = await admin.Http.PutAsJsonAsync("/api/v1/configuration/sections/publicationRules", new
        {
            version,
            value = new[] { new { code = "radio", mediaType = "online", proofDeadlineDays = 0, quotaPerPartner = 3, quotaPeriod = "month" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key.EndsWith(".code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.EndsWith(".proofDeadlineDays", StringComparison.Ordinal));

        using var ok = await admin.Http.PutAsJsonAsync("/api/v1/configuration/sections/publicationRules", new
        {
            version,
            value = new[]
            {
                new { code = "online", mediaType = "online", proofDeadlineDays = 3, quotaPerPartner = 10, quotaPeriod = "month" },
                new { code = "radio", mediaType = "radio", proofDeadlineDays = 5, quotaPerPartner = 6, quotaPeriod = "quarter" },
            },
            note = "Tenggat online 3 hari",
        });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await ok.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(version + 1, saved!["version"]!.GetValue<int>());
        var history = await admin.Http.GetFromJsonAsync<JsonArray>("/api/v1/configuration/history");
        Assert.Contains(history!, h => h!["changedSections"]!.AsArray().Any(s => s!.GetValue<string>() == "publicationRules"));

        // Another tenant compares the shared section and sees the changed online deadline.
        using var share = await admin.Http.PutAsJsonAsync("/api/v1/configuration/sharing/publicationRules", new { scope = "platform" });
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        var guest = await fixture.CreateTenantAsync("aturan-tamu");
        using var guestAdmin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(guest.Slug), guest.Slug);
        var comparison = await guestAdmin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/configuration/compare?tenants={guest.Slug},{host.Slug}");
        var section = comparison!["sections"]!.AsArray().Single(x => x!["section"]!.GetValue<string>() == "publicationRules")!;
        var rows = section["rows"]!.AsArray();
        Assert.Equal("different", rows.Single(r => r!["code"]!.GetValue<string>() == "online")!["status"]!.GetValue<string>());
        Assert.Equal("missing", rows.Single(r => r!["code"]!.GetValue<string>() == "print_daily")!["status"]!.GetValue<string>());
    }
}
