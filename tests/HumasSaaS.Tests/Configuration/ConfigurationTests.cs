using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Configuration;

[Collection(PlatformCollection.Name)]
public sealed class ConfigurationTests(PlatformFixture fixture)
{
    private async Task<(TestClient Client, JsonNode Config)> NewTenantAsync()
    {
        var tenant = await fixture.CreateTenantAsync("konf");
        var client = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        var config = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/configuration"))!;
        return (client, config);
    }

    [Fact]
    public async Task A_new_tenant_starts_from_the_default_checklist_at_version_1()
    {
        var (client, config) = await NewTenantAsync();
        using var _ = client;
        Assert.Equal(1, config["version"]!.GetValue<int>());
        var codes = config["configuration"]!["documentChecklist"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("akta_pendirian", codes);
        Assert.Contains("sertifikat_dewan_pers", codes);
        Assert.Equal("online", config["configuration"]!["documentChecklist"]!.AsArray()
            .Single(i => i!["code"]!.GetValue<string>() == "tangkapan_layar_trafik")!["mediaTypes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Replacing_a_section_makes_a_new_version_with_author_and_note_and_a_stale_version_conflicts()
    {
        var (client, config) = await NewTenantAsync();
        using var _ = client;
        var checklist = config["configuration"]!["documentChecklist"]!.AsArray();
        checklist.RemoveAt(checklist.Count - 1);
        var response = await client.Http.PutAsJsonAsync("/api/v1/configuration/sections/documentChecklist",
            new { version = 1, note = "Tanpa pedoman media siber", value = checklist });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, saved["version"]!.GetValue<int>());
        Assert.Equal(checklist.Count, saved["configuration"]!["documentChecklist"]!.AsArray().Count);

        var history = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/configuration/history"))!.AsArray();
        Assert.Equal([2, 1], history.Select(h => h!["version"]!.GetValue<int>()));
        Assert.Equal("Tanpa pedoman media siber", history[0]!["note"]!.GetValue<string>());
        Assert.StartsWith("Admin ", history[0]!["authorName"]!.GetValue<string>());
        Assert.Equal(["documentChecklist"], history[0]!["changedSections"]!.AsArray().Select(s => s!.GetValue<string>()));

        var stale = await client.Http.PutAsJsonAsync("/api/v1/configuration/sections/documentChecklist", new { version = 1, note = "x", value = checklist });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var v1 = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/configuration/versions/1"))!;
        Assert.Equal(checklist.Count + 1, v1["configuration"]!["documentChecklist"]!.AsArray().Count);
    }

    [Fact]
    public async Task Invalid_section_content_is_refused_with_field_messages_and_no_new_version()
    {
        var (client, config) = await NewTenantAsync();
        using var _ = client;
        var checklist = config["configuration"]!["documentChecklist"]!.AsArray();
        checklist.Add(checklist[0]!.DeepClone()); // duplicate code
        var duplicate = await client.Http.PutAsJsonAsync("/api/v1/configuration/sections/documentChecklist", new { version = 1, value = checklist });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var problem = JsonNode.Parse(await duplicate.Content.ReadAsStringAsync())!;
        Assert.Contains("dipakai lebih dari sekali", problem["errors"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var wrongShape = await client.Http.PutAsJsonAsync("/api/v1/configuration/sections/grading", new { version = 1, value = new { kind = "letters", grades = new[] { new { code = "A", bogus = 1 } } } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        var unknown = await client.Http.PutAsJsonAsync("/api/v1/configuration/sections/rahasia", new { version = 1, value = new { } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var after = JsonNode.Parse(await client.Http.GetStringAsync("/api/v1/configuration"))!;
        Assert.Equal(1, after["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_tenant_admins_change_the_configuration()
    {
        var tenant = await fixture.CreateTenantAsync("konf-peran");
        var viewer = await fixture.AddMemberAsync(tenant, HumasSaaS.Api.Platform.Tenancy.TenantRole.Viewer);
        using var client = await fixture.SignedInClientAsync(viewer, tenant.Slug);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/v1/configuration")).StatusCode);
        var put = await client.Http.PutAsJsonAsync("/api/v1/configuration/sections/intakePeriods", new { version = 1, value = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }
}
