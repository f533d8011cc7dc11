using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Seeding;
using HumasSaaS.MediaPartners;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>The demo budgets, seeded as README command 1 does (twice: it must be idempotent).</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoCooperationTests(DemoFixture demo)
{
    [Theory]
    [InlineData("minahasa-tenggara", 600_000_000L, 2)]
    [InlineData("kotamobagu", 300_000_000L, 1)]
    public async Task The_demo_tenant_has_a_budget_for_this_year_seeded_once(string slug, long pagu, int lines)
    {
        using var admin = demo.App.CreateClient(slug);
        await admin.SignInAsync(DemoSeeder.AdminEmail(slug), DemoFixture.Password);
        var budget = await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/cooperation/budgets/{IndonesiaDate.Today.Year}");
        Assert.Equal(pagu, budget!["paguRupiah"]!.GetValue<long>());
        Assert.Equal(pagu, budget["remainingRupiah"]!.GetValue<long>());
        Assert.Equal(lines, budget["lines"]!.AsArray().Count);
        Assert.Equal(1, budget["version"]!.GetValue<int>());
    }
}
