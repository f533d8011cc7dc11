using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.StudyVisits;

[Collection(PlatformCollection.Name)]
public sealed class SharingAndAdoptionTests(PlatformFixture fixture)
{
    internal sealed record Office(Tenant Tenant, TestClient Admin) : IDisposable
    {
        public void Dispose() => Admin.Dispose();
    }

    private async Task<Office> NewOfficeAsync(string prefix)
    {
        var tenant = await fixture.CreateTenantAsync(prefix);
        return new Office(tenant, await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug));
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task ShareAsync(Office office, string section, string scope)
    {
        var response = await office.Admin.Http.PutAsJsonAsync($"/api/v1/configuration/sharing/{section}", new { scope });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Adds a checklist item only this office has, and changes the size limit of "nib"; returns the new version.</summary>
    private static async Task<int> MakeChecklistDistinctAsync(Office office, string extraCode)
    {
        var config = await GetJsonAsync(office.Admin.Http, "/api/v1/configuration");
        var checklist = config["configuration"]!["documentChecklist"]!.AsArray();
        checklist.Single(i => i!["code"]!.GetValue<string>() == "nib")!["maxSizeMb"] = 12;
        checklist.Add(JsonNode.Parse($$"""
            {"code":"{{extraCode}}","label":"Dokumen {{extraCode}}","mediaTypes":["online"],"mandatory":true,"expires":false,
             "defaultValidityMonths":null,"acceptedFormats":["pdf"],"maxSizeMb":5}
            """));
        var response = await office.Admin.Http.PutAsJsonAsync("/api/v1/configuration/sections/documentChecklist",
            new { version = config["version"]!.GetValue<int>(), value = checklist });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["version"]!.GetValue<int>();
    }

    [Fact]
    public async Task The_diff_between_two_own_versions_names_the_changed_items()
    {
        using var office = await NewOfficeAsync("diffver");
        await MakeChecklistDistinctAsync(office, "pakta_integritas");
        var diff = await GetJsonAsync(office.Admin.Http, "/api/v1/configuration/diff?from=1&to=2");
        var section = Assert.Single(diff["diff"]!["sections"]!.AsArray());
        Assert.Equal("documentChecklist", section!["section"]!.GetValue<string>());
        var items = section["items"]!.AsArray();
        Assert.Equal("only_there", items.Single(i => i!["code"]!.GetValue<string>() == "pakta_integritas")!["kind"]!.GetValue<string>());
        var nib = items.Single(i => i!["code"]!.GetValue<string>() == "nib")!;
        Assert.Equal("changed", nib["kind"]!.GetValue<string>());
        Assert.Equal(12, nib["fields"]![0]!["there"]!.GetValue<int>());
        var same = await GetJsonAsync(office.Admin.Http, "/api/v1/configuration/diff?from=2&to=2");
        Assert.Empty(same["diff"]!["sections"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await office.Admin.Http.GetAsync("/api/v1/configuration/diff?from=1&to=99")).StatusCode);
        var page = await office.Admin.Http.GetStringAsync($"/t/{office.Tenant.Slug}/konsol/banding/konfigurasi?From=1&To=2");
        Assert.Contains("hanya di versi akhir (ditambahkan)", page);
        Assert.Contains("maxSizeMb: 5 → 12", page);
    }

    [Fact]
    public async Task Sharing_changes_make_no_configuration_version_and_private_sections_never_appear_in_a_comparison()
    {
        using var host = await NewOfficeAsync("tuan");
        using var guest = await NewOfficeAsync("tamu");
        await MakeChecklistDistinctAsync(host, "pakta_integritas");
        await ShareAsync(host, "documentChecklist", "platform");
        await ShareAsync(host, "priceTable", "link");
        var hostVersion = (await GetJsonAsync(host.Admin.Http, "/api/v1/configuration"))["version"]!.GetValue<int>();
        Assert.Equal(2, hostVersion);

        var listed = (await GetJsonAsync(guest.Admin.Http, "/api/v1/shared-configurations")).AsArray();
        var entry = listed.Single(t => t!["slug"]!.GetValue<string>() == host.Tenant.Slug)!;
        Assert.Equal(["documentChecklist"], entry["sections"]!.AsArray().Select(s => s!.GetValue<string>()));

        var profile = await GetJsonAsync(guest.Admin.Http, $"/api/v1/shared-configurations/{host.Tenant.Slug}");
        Assert.Equal(["documentChecklist"], profile["configuration"]!.AsObject().Select(p => p.Key));

        var comparison = await GetJsonAsync(guest.Admin.Http, $"/api/v1/configuration/compare?tenants={guest.Tenant.Slug},{host.Tenant.Slug}");
        Assert.Equal(["documentChecklist"], comparison["sections"]!.AsArray().Select(s => s!["section"]!.GetValue<string>()));
        var text = comparison.ToJsonString();
        Assert.DoesNotContain("\"priceRupiah\"", text); // price table is link-only, grading private: no content of theirs
        Assert.DoesNotContain("Terverifikasi faktual", text);
        var rows = comparison["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal("missing", rows.Single(r => r!["code"]!.GetValue<string>() == "pakta_integritas")!["status"]!.GetValue<string>());
        Assert.Equal("different", rows.Single(r => r!["code"]!.GetValue<string>() == "nib")!["status"]!.GetValue<string>());
        Assert.Equal("same", rows.Single(r => r!["code"]!.GetValue<string>() == "akta_pendirian")!["status"]!.GetValue<string>());
        var diff = comparison["diffs"]![0]!["diff"]!["sections"]![0]!["items"]!.AsArray();
        Assert.Equal("only_there", diff.Single(i => i!["code"]!.GetValue<string>() == "pakta_integritas")!["kind"]!.GetValue<string>());

        var csv = await guest.Admin.Http.GetAsync($"/api/v1/configuration/compare.csv?tenants={guest.Tenant.Slug},{host.Tenant.Slug}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.Contains("pakta_integritas", csvText);
        Assert.Contains("berbeda", csvText);
        Assert.DoesNotContain("Tabel harga", csvText);

        // Back to private: the tenant disappears from the directory and from comparisons.
        await ShareAsync(host, "documentChecklist", "private");
        Assert.Equal(2, (await GetJsonAsync(host.Admin.Http, "/api/v1/configuration"))["version"]!.GetValue<int>());
        Assert.DoesNotContain((await GetJsonAsync(guest.Admin.Http, "/api/v1/shared-configurations")).AsArray(), t => t!["slug"]!.GetValue<string>() == host.Tenant.Slug);
        Assert.Equal(HttpStatusCode.NotFound,
            (await guest.Admin.Http.GetAsync($"/api/v1/configuration/compare?tenants={guest.Tenant.Slug},{host.Tenant.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.Admin.Http.GetAsync($"/api/v1/shared-configurations/{host.Tenant.Slug}")).StatusCode);
    }

    [Fact]
    public async Task A_link_reaches_only_its_sections_and_is_refused_when_expired_or_revoked()
    {
        using var host = await NewOfficeAsync("tautan");
        await ShareAsync(host, "priceTable", "link");
        await ShareAsync(host, "documentChecklist", "platform");
        var created = await host.Admin.Http.PostAsJsonAsync("/api/v1/configuration/share-links", new { label = "Delegasi Tomohon", validDays = 7 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var token = link["token"]!.GetValue<string>();
        var linkId = link["id"]!.GetValue<string>();

        using var anonymous = fixture.App.CreateClient();
        var profile = await GetJsonAsync(anonymous.Http, $"/api/v1/shared-links/{token}");
        Assert.Equal(["documentChecklist", "priceTable"], profile["configuration"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(host.Tenant.Slug, profile["slug"]!.GetValue<string>());
        var page = await anonymous.Http.GetAsync($"/bagikan/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Tabel harga", html);
        Assert.DoesNotContain("Skema klasifikasi", html);

        // The token is no credential for anything else: not the tenant's API, not another tenant.
        using var holder = fixture.App.CreateClient(host.Tenant.Slug);
        holder.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.NotEqual(HttpStatusCode.OK, (await holder.Http.GetAsync("/api/v1/configuration")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await holder.Http.GetAsync("/api/v1/configuration/sharing")).StatusCode);
        var otherTenantToken = $"{fixture.TenantA.Id:N}{token[32..]}";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/api/v1/shared-links/{otherTenantToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/api/v1/shared-links/{token[..^2]}xx")).StatusCode);
        var list = (await GetJsonAsync(host.Admin.Http, "/api/v1/configuration/share-links")).ToJsonString();
        Assert.DoesNotContain(token[33..], list);

        // Expired: moved into the past directly in the database (no waiting).
        await using (var tx = await fixture.Db.BeginTenantAsync(host.Tenant.Id))
        {
            Assert.Equal(1, await tx.ExecuteAsync("UPDATE configuration_share_links SET expires_at = now() - interval '1 minute' WHERE id = @id",
                new { id = Guid.Parse(linkId) }));
            await tx.CommitAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/api/v1/shared-links/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/bagikan/{token}")).StatusCode);

        // Revoked.
        var second = JsonNode.Parse(await (await host.Admin.Http.PostAsJsonAsync("/api/v1/configuration/share-links", new { label = "Kedua" })).Content.ReadAsStringAsync())!;
        var secondToken = second["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/api/v1/shared-links/{secondToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.Http.PostAsync($"/api/v1/configuration/share-links/{second["id"]}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/api/v1/shared-links/{secondToken}")).StatusCode);

        // A private section never reaches a link holder, even on a fresh link.
        await ShareAsync(host, "priceTable", "private");
        await ShareAsync(host, "documentChecklist", "private");
        var third = JsonNode.Parse(await (await host.Admin.Http.PostAsJsonAsync("/api/v1/configuration/share-links", new { label = "Ketiga" })).Content.ReadAsStringAsync())!;
        var empty = await GetJsonAsync(anonymous.Http, $"/api/v1/shared-links/{third["token"]}");
        Assert.Empty(empty["configuration"]!.AsObject());
    }

    [Fact]
    public async Task Adopting_creates_a_new_version_with_provenance_and_leaves_the_source_unchanged()
    {
        using var source = await NewOfficeAsync("sumber");
        using var adopter = await NewOfficeAsync("adopsi");
        var sourceVersion = await MakeChecklistDistinctAsync(source, "pakta_integritas");
        await ShareAsync(source, "documentChecklist", "platform");
        var sourceBefore = (await GetJsonAsync(source.Admin.Http, "/api/v1/configuration")).ToJsonString();

        var response = await adopter.Admin.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = source.Tenant.Slug, version = 1, sourceVersion,
            items = new[] { new { section = "documentChecklist", codes = new[] { "pakta_integritas", "nib" } } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var adopted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, adopted["version"]!.GetValue<int>());
        var checklist = adopted["configuration"]!["documentChecklist"]!.AsArray();
        Assert.Contains(checklist, i => i!["code"]!.GetValue<string>() == "pakta_integritas");
        Assert.Equal(12, checklist.Single(i => i!["code"]!.GetValue<string>() == "nib")!["maxSizeMb"]!.GetValue<int>());

        var history = (await GetJsonAsync(adopter.Admin.Http, "/api/v1/configuration/history")).AsArray();
        Assert.Equal(source.Tenant.OfficialName, history[0]!["sourceTenantName"]!.GetValue<string>());
        Assert.Equal(sourceVersion, history[0]!["sourceVersion"]!.GetValue<int>());
        Assert.Contains("pakta_integritas", history[0]!["note"]!.GetValue<string>());
        Assert.Equal(sourceBefore, (await GetJsonAsync(source.Admin.Http, "/api/v1/configuration")).ToJsonString());
        Assert.Single((await GetJsonAsync(source.Admin.Http, "/api/v1/configuration/history")).AsArray(), h => h!["version"]!.GetValue<int>() == sourceVersion);

        // Later changes at the source do not propagate.
        await MakeChecklistDistinctAsync(source, "pakta_kedua");
        Assert.DoesNotContain((await GetJsonAsync(adopter.Admin.Http, "/api/v1/configuration"))["configuration"]!["documentChecklist"]!.AsArray(),
            i => i!["code"]!.GetValue<string>() == "pakta_kedua");
    }

    [Fact]
    public async Task Adopting_while_someone_edits_the_same_configuration_is_a_conflict_not_a_lost_update()
    {
        using var source = await NewOfficeAsync("sumber2");
        using var adopter = await NewOfficeAsync("adopsi2");
        await MakeChecklistDistinctAsync(source, "pakta_integritas");
        await ShareAsync(source, "documentChecklist", "platform");

        // The colleague saves first (version 1 -> 2); the adoption was prepared against version 1.
        await MakeChecklistDistinctAsync(adopter, "dokumen_rekan");
        var response = await adopter.Admin.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = source.Tenant.Slug, version = 1,
            items = new[] { new { section = "documentChecklist", codes = new[] { "pakta_integritas" } } },
        });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var config = await GetJsonAsync(adopter.Admin.Http, "/api/v1/configuration");
        Assert.Equal(2, config["version"]!.GetValue<int>());
        var codes = config["configuration"]!["documentChecklist"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("dokumen_rekan", codes);
        Assert.DoesNotContain("pakta_integritas", codes);

        // Two adoptions racing on the same version: exactly one wins.
        var race = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => adopter.Admin.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = source.Tenant.Slug, version = 2,
            items = new[] { new { section = "documentChecklist", codes = new[] { "pakta_integritas" } } },
        })));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], race.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task Adopting_from_a_section_that_is_not_shared_or_unknown_codes_is_refused_and_writes_nothing()
    {
        using var source = await NewOfficeAsync("sumber3");
        using var adopter = await NewOfficeAsync("adopsi3");
        await ShareAsync(source, "documentChecklist", "platform");
        var privateSection = await adopter.Admin.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = source.Tenant.Slug, version = 1, items = new[] { new { section = "grading", codes = new[] { "grades/A" } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, privateSection.StatusCode);
        var unknown = await adopter.Admin.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = source.Tenant.Slug, version = 1, items = new[] { new { section = "documentChecklist", codes = new[] { "tidak_ada" } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("tidak_ada", await unknown.Content.ReadAsStringAsync());
        var notSharing = await source.Admin.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = adopter.Tenant.Slug, version = 1, items = new[] { new { section = "documentChecklist", codes = new[] { "nib" } } },
        });
        Assert.Equal(HttpStatusCode.NotFound, notSharing.StatusCode);
        var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(adopter.Tenant, TenantRole.Viewer), adopter.Tenant.Slug);
        var forbidden = await viewer.Http.PostAsJsonAsync("/api/v1/configuration/adopt", new
        {
            sourceTenant = source.Tenant.Slug, version = 1, items = new[] { new { section = "documentChecklist", codes = new[] { "nib" } } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(1, (await GetJsonAsync(adopter.Admin.Http, "/api/v1/configuration"))["version"]!.GetValue<int>());
    }
}
