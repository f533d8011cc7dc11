using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Platform;

/// <summary>
/// Malformed JSON, unknown fields, missing required fields, overlong strings and wrong types on the write
/// endpoints of the platform: each is a 400 problem in Bahasa Indonesia and nothing is written.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture fixture)
{
    private static readonly string Long = new('x', 1001);

    private static Task<HttpResponseMessage> SendAsync(TestClient client, HttpMethod method, string path, string json) =>
        client.Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Each case: what it is, the raw body, and the field the errors must name (null: any field).</summary>
    private static async Task AssertAllRejectedAsync(TestClient client, HttpMethod method, string path, (string Case, string Body, string? Field)[] cases)
    {
        foreach (var (name, body, field) in cases)
        {
            var response = await SendAsync(client, method, path, body);
            var problem = await ProblemAssert.IsValidationProblemAsync(response, field, $"{name} on {method} {path}");
            Assert.Equal("Data yang dikirim belum benar", problem["title"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), name);
        }
    }

    [Fact]
    public async Task A_missing_required_field_is_named_by_its_json_name_never_by_an_internal_type()
    {
        using var client = fixture.App.CreateClient();
        var response = await SendAsync(client, HttpMethod.Post, "/api/v1/auth/sign-in", """{"email":"a@b.id"}""");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Kolom wajib tidak lengkap: password.", body);
        Assert.DoesNotContain("SignInRequest", body);
        Assert.DoesNotContain("HumasSaaS", body);
    }

    [Fact]
    public async Task Profile_put_rejects_bad_input_and_keeps_the_version()
    {
        var tenant = await fixture.CreateTenantAsync("input-profil");
        using var client = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var before = await client.Http.GetStringAsync("/api/v1/profile");
        const string profile = """{"displayName":"Kabupaten Uji","officeUnitName":"Bagian Humas","headOfOffice":null,"address":null,"email":null,"phone":null,"website":null,"legalBasis":null,"links":[]}""";

        await AssertAllRejectedAsync(client, HttpMethod.Put, "/api/v1/profile",
        [
            ("malformed JSON", """{"version":1,"profile":{"displayName":"Kabupaten""", null),
            ("unknown top-level field", $$"""{"version":1,"profile":{{profile}},"admin":true}""", "admin"),
            ("unknown nested field", """{"version":1,"profile":{"displayName":"Kab Uji","officeUnitName":"Humas","headOfOffice":null,"address":null,"email":null,"phone":null,"website":null,"legalBasis":null,"links":[],"rahasia":1}}""", "profile.rahasia"),
            ("missing version", $$"""{"profile":{{profile}}}""", null),
            ("missing nested required field", """{"version":1,"profile":{"displayName":"Kabupaten Uji"}}""", null),
            ("null for a required string", """{"version":1,"profile":{"displayName":null,"officeUnitName":"Humas","headOfOffice":null,"address":null,"email":null,"phone":null,"website":null,"legalBasis":null,"links":[]}}""", null),
            ("overlong display name", $$$"""{"version":1,"profile":{"displayName":"{{{Long}}}","officeUnitName":"Bagian Humas","headOfOffice":null,"address":null,"email":null,"phone":null,"website":null,"legalBasis":null,"links":[]}}""", "profile.displayName"),
            ("overlong phone", """{"version":1,"profile":{"displayName":"Kab Uji","officeUnitName":"Bagian Humas","headOfOffice":null,"address":null,"email":null,"phone":"0812345678901234567890123456789012","website":null,"legalBasis":null,"links":[]}}""", "profile.phone"),
            ("bad link", """{"version":1,"profile":{"displayName":"Kab Uji","officeUnitName":"Bagian Humas","headOfOffice":null,"address":null,"email":null,"phone":null,"website":null,"legalBasis":null,"links":["javascript:alert(1)"]}}""", "profile.links[0]"),
            ("wrong type for version", $$"""{"version":"satu","profile":{{profile}}}""", "version"),
            ("wrong type for a string", """{"version":1,"profile":{"displayName":42,"officeUnitName":"Bagian Humas","headOfOffice":null,"address":null,"email":null,"phone":null,"website":null,"legalBasis":null,"links":[]}}""", "profile.displayName"),
            ("array instead of object", "[]", null),
        ]);

        Assert.Equal(before, await client.Http.GetStringAsync("/api/v1/profile"));
        Assert.Equal(1, JsonNode.Parse(before)!["version"]!.GetValue<int>());
        Assert.Equal(0, await TenantSql.CountAsync(fixture, tenant.Id, "SELECT count(*) FROM audit_events WHERE action = 'profile_changed'"));
    }

    [Fact]
    public async Task Configuration_section_put_rejects_bad_input_and_makes_no_version()
    {
        var tenant = await fixture.CreateTenantAsync("input-konf");
        using var client = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var config = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/configuration"))!;
        Assert.Equal(1, config["version"]!.GetValue<int>());
        var office = config["configuration"]!["officeProfile"]!.ToJsonString();
        const string path = "/api/v1/configuration/sections/officeProfile";

        await AssertAllRejectedAsync(client, HttpMethod.Put, path,
        [
            ("malformed JSON", """{"version":1,"value":{"unitName":""", null),
            ("unknown field", $$"""{"version":1,"value":{{office}},"force":true}""", "force"),
            ("unknown field inside the section", """{"version":1,"value":{"unitName":"Humas","legalBasisNumber":null,"legalBasisTitle":null,"sopTimings":[],"warna":"merah"}}""", null),
            ("missing version", $$"""{"value":{{office}}}""", null),
            ("missing value", """{"version":1}""", null),
            ("overlong note", $$"""{"version":1,"value":{{office}},"note":"{{Long}}"}""", "note"),
            ("wrong type for version", $$"""{"version":true,"value":{{office}}}""", "version"),
            ("wrong type inside the section", """{"version":1,"value":{"unitName":7,"legalBasisNumber":null,"legalBasisTitle":null,"sopTimings":[]}}""", null),
        ]);

        var after = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/configuration"))!;
        Assert.Equal(1, after["version"]!.GetValue<int>());
        Assert.Equal(office, after["configuration"]!["officeProfile"]!.ToJsonString());
        Assert.Equal(1, await TenantSql.CountAsync(fixture, tenant.Id, "SELECT count(*) FROM tenant_configuration_versions"));
    }

    [Fact]
    public async Task Member_add_rejects_bad_input_and_creates_no_account()
    {
        var tenant = await fixture.CreateTenantAsync("input-anggota");
        using var client = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var email = $"baru-{Guid.NewGuid():N}@uji.humassaas.id";

        await AssertAllRejectedAsync(client, HttpMethod.Post, "/api/v1/members",
        [
            ("malformed JSON", $$"""{"email":"{{email}}","displayName":""", null),
            ("unknown field", $$"""{"email":"{{email}}","displayName":"Staf Baru","role":"viewer","initialPassword":"Kata-sandi-baru-1","isPlatformOperator":true}""", "isPlatformOperator"),
            ("missing role", $$"""{"email":"{{email}}","displayName":"Staf Baru","initialPassword":"Kata-sandi-baru-1"}""", null),
            ("overlong display name", $$"""{"email":"{{email}}","displayName":"{{Long}}","role":"viewer","initialPassword":"Kata-sandi-baru-1"}""", "displayName"),
            ("overlong password", $$"""{"email":"{{email}}","displayName":"Staf Baru","role":"viewer","initialPassword":"{{Long}}"}""", "initialPassword"),
            ("short password", $$"""{"email":"{{email}}","displayName":"Staf Baru","role":"viewer","initialPassword":"pendek"}""", "initialPassword"),
            ("bad email", """{"email":"bukan-email","displayName":"Staf Baru","role":"viewer","initialPassword":"Kata-sandi-baru-1"}""", "email"),
            ("unknown role", $$"""{"email":"{{email}}","displayName":"Staf Baru","role":"superadmin","initialPassword":"Kata-sandi-baru-1"}""", "role"),
            ("role as a number", $$"""{"email":"{{email}}","displayName":"Staf Baru","role":0,"initialPassword":"Kata-sandi-baru-1"}""", "role"),
            ("wrong type for email", """{"email":["a@b.id"],"displayName":"Staf Baru","role":"viewer","initialPassword":"Kata-sandi-baru-1"}""", "email"),
        ]);

        Assert.Equal(0L, await fixture.QueryAsOwnerAsync<long>("SELECT count(*) FROM users WHERE email_normalized = upper(@email)", new { email }));
        Assert.Equal(1L, await fixture.QueryAsOwnerAsync<long>("SELECT count(*) FROM tenant_memberships WHERE tenant_id = @id", new { id = tenant.Id }));
    }

    [Fact]
    public async Task Onboarding_a_tenant_rejects_bad_input_and_creates_no_tenant()
    {
        using var client = await fixture.SignedInClientAsync(PlatformFixture.OperatorEmail, tenant: null);
        var slug = "baru-" + Guid.NewGuid().ToString("N")[..8];
        var adminEmail = $"admin@{slug}.uji.humassaas.id";
        var admin = $$"""{"email":"{{adminEmail}}","displayName":"Admin Baru","password":"Kata-sandi-baru-1"}""";

        await AssertAllRejectedAsync(client, HttpMethod.Post, "/api/v1/platform/tenants",
        [
            ("malformed JSON", $$"""{"slug":"{{slug}}",""", null),
            ("unknown field", $$"""{"slug":"{{slug}}","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":{{admin}},"status":"active"}""", "status"),
            ("missing admin", $$"""{"slug":"{{slug}}","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas"}""", null),
            ("missing province", $$"""{"slug":"{{slug}}","officialName":"Kabupaten Baru","kind":"kabupaten","officeUnitName":"Bagian Humas","admin":{{admin}}}""", null),
            ("overlong official name", $$"""{"slug":"{{slug}}","officialName":"{{Long}}","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":{{admin}}}""", "officialName"),
            ("overlong slug", $$"""{"slug":"{{slug}}{{new string('a', 60)}}","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":{{admin}}}""", "slug"),
            ("bad slug", """{"slug":"Kab Baru!","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":null}""", "slug"),
            ("unknown kind", $$"""{"slug":"{{slug}}","officialName":"Kabupaten Baru","kind":"desa","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":{{admin}}}""", "kind"),
            ("wrong type for the admin", $$"""{"slug":"{{slug}}","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":"ya"}""", "admin"),
            ("short admin password", $$$"""{"slug":"{{{slug}}}","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":{"email":"{{{adminEmail}}}","displayName":"Admin Baru","password":"pendek"}}""", "admin.password"),
        ]);

        Assert.Equal(0L, await fixture.QueryAsOwnerAsync<long>("SELECT count(*) FROM tenants WHERE slug LIKE @p", new { p = slug + "%" }));
        Assert.Equal(0L, await fixture.QueryAsOwnerAsync<long>("SELECT count(*) FROM users WHERE email_normalized = upper(@adminEmail)", new { adminEmail }));
        // The same request, well-formed, succeeds: the cases above failed for the reason they name.
        var ok = await SendAsync(client, HttpMethod.Post, "/api/v1/platform/tenants",
            $$"""{"slug":"{{slug}}","officialName":"Kabupaten Baru","kind":"kabupaten","province":"Sulawesi Utara","officeUnitName":"Bagian Humas","admin":{{admin}}}""");
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }
}
