using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>The budget through the API and the staff dashboard page (the app's own silo, real PostgreSQL).</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class BudgetApiTests(PlatformFixture fixture)
{
    private static object Lines(long pagu) => new[]
    {
        new { code = "2.16.03.1.01", name = "Publikasi kegiatan pemerintah", paguRupiah = pagu },
        new { code = "2.16.03.1.02", name = "Advertorial", paguRupiah = 2_000_000L },
    };

    [Fact]
    public async Task Admins_set_the_pagu_members_read_it_stale_or_bad_input_is_a_problem_and_another_tenant_sees_nothing()
    {
        var tenant = await fixture.CreateTenantAsync("anggaran-api");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Viewer), tenant.Slug);

        var empty = await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/cooperation/budgets/2026");
        Assert.Equal(0, empty!["version"]!.GetValue<int>());
        Assert.Empty(empty["lines"]!.AsArray());

        using var set = await admin.Http.PutAsJsonAsync("/api/v1/cooperation/budgets/2026", new { version = 0, lines = Lines(5_000_000) });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var body = await set.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(7_000_000, body!["paguRupiah"]!.GetValue<long>());
        Assert.Equal(7_000_000, body["remainingRupiah"]!.GetValue<long>());
        Assert.Equal(1, body["version"]!.GetValue<int>());

        var read = await viewer.Http.GetFromJsonAsync<JsonObject>("/api/v1/cooperation/budgets/2026");
        Assert.Equal(2, read!["lines"]!.AsArray().Count);
        Assert.Equal("Advertorial", read["lines"]![1]!["name"]!.GetValue<string>());

        using var notAdmin = await viewer.Http.PutAsJsonAsync("/api/v1/cooperation/budgets/2026", new { version = 1, lines = Lines(1) });
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);

        using var stale = await admin.Http.PutAsJsonAsync("/api/v1/cooperation/budgets/2026", new { version = 0, lines = Lines(6_000_000) });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);

        using var bad = await admin.Http.PutAsJsonAsync("/api/v1/cooperation/budgets/2026",
            new { version = 1, lines = new[] { new { code = "", name = "Tanpa kode", paguRupiah = -5L } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("Kode kegiatan wajib diisi", problem!["errors"]!["lines[0].code"]![0]!.GetValue<string>());

        using var outOfRange = await admin.Http.GetAsync("/api/v1/cooperation/budgets/1990");
        Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);

        using var other = await fixture.SignedInClientAsync(fixture.AdminB, fixture.TenantB.Slug);
        var theirs = await other.Http.GetFromJsonAsync<JsonObject>("/api/v1/cooperation/budgets/2026");
        Assert.DoesNotContain(theirs!["lines"]!.AsArray(), l => l!["code"]!.GetValue<string>() == "2.16.03.1.02" && l["name"]!.GetValue<string>() == "Advertorial");
        // The other tenant's admin addressing this tenant is not a member here: the same 404 as an unknown tenant.
        using var crossed = await fixture.SignedInClientAsync(fixture.AdminB, tenant.Slug);
        using var crossedAnswer = await crossed.Http.GetAsync("/api/v1/cooperation/budgets/2026");
        Assert.Equal(HttpStatusCode.NotFound, crossedAnswer.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_shows_pagu_and_remaining_in_rupiah_and_only_admins_can_set_the_pagu_on_the_page()
    {
        var tenant = await fixture.CreateTenantAsync("anggaran-hal");
        using var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Viewer), tenant.Slug);

        var page = await admin.Http.GetStringAsync("/konsol/kerja-sama/anggaran?Tahun=2026");
        Assert.Contains("Pagu tahun 2026 belum ditetapkan", page);
        var token = Token().Match(page).Groups[1].Value;
        using var bad = await admin.Http.PostAsync("/konsol/kerja-sama/anggaran?Tahun=2026", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Tahun"] = "2026", ["Version"] = "0", ["Lines"] = "PUB tanpa pemisah",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Baris 1 tidak terbaca", await bad.Content.ReadAsStringAsync());

        using var saved = await admin.Http.PostAsync("/konsol/kerja-sama/anggaran?Tahun=2026", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Tahun"] = "2026", ["Version"] = "0",
            ["Lines"] = "2.16.03.1.01 | Publikasi kegiatan pemerintah | 250.000.000\n2.16.03.1.02 | Advertorial | 50000000",
        }));
        var html = await saved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Pagu tahun 2026 disimpan: Rp 300.000.000", html);

        var shown = await viewer.Http.GetStringAsync("/konsol/kerja-sama/anggaran?Tahun=2026");
        Assert.Matches("data-testid=\"remaining\"><strong>Rp 300.000.000</strong>", shown);
        Assert.Contains("Advertorial", shown);
        Assert.DoesNotContain("Tetapkan pagu", shown);
        using var refused = await viewer.Http.PostAsync("/konsol/kerja-sama/anggaran?Tahun=2026", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(shown).Groups[1].Value, ["Tahun"] = "2026", ["Version"] = "1", ["Lines"] = "A | B | 1",
        }));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
