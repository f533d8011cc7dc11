using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Events;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Tests.Fuzzing;

/// <summary>
/// A database and instance of their own for the fuzzer, with one tenant created here and filled with real data
/// through the API (media partners in several states with documents, published events with participants and a
/// material, study visits both ways, a share link, a token, an invitation, a personal data request). The fuzzer only
/// ever addresses this tenant; a second tenant exists only as the other side of a study visit. At the end the
/// tenant's blob container is deleted, so nothing uploaded stays behind.
/// </summary>
public sealed class FuzzFixture : IAsyncLifetime
{
    public PlatformFixture Platform { get; } = new();
    public Tenant Tenant { get; private set; } = null!;
    public Tenant Counterpart { get; private set; } = null!;
    public string AdminCookie { get; private set; } = "";
    public string VendorCookie { get; private set; } = "";

    /// <summary>Real values by kind: "event", "participant", "material", "partner", "document", "visit", ...</summary>
    public Dictionary<string, List<string>> Real { get; } = new();

    public Uri Address => Platform.App.Address;

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        var t = await MediaPartnerKit.CreateTenantAsync(Platform, "fuzz");
        Tenant = t.Tenant;
        Counterpart = await Platform.CreateTenantAsync("fuzz-mitra");
        using var admin = t.Admin;
        AdminCookie = CookieHeader(admin);

        // Media partners: one verified-ready (reviewed), one submitted, one draft.
        var (vendor1, _) = await MediaPartnerKit.SignUpVendorAccountAsync(Platform.App, Tenant.Slug, "PT Fuzz Satu");
        var submitted = await MediaPartnerKit.SubmittedPartnerAsync(vendor1);
        await MediaPartnerKit.ReviewAndAcceptAllAsync(t.Verifier, MediaPartnerKit.Id(submitted));
        var (vendor2, _) = await MediaPartnerKit.SignUpVendorAccountAsync(Platform.App, Tenant.Slug, "PT Fuzz Dua");
        await MediaPartnerKit.SubmittedPartnerAsync(vendor2);
        var (vendor3, _) = await MediaPartnerKit.SignUpVendorAccountAsync(Platform.App, Tenant.Slug, "PT Fuzz Tiga");
        await MediaPartnerKit.ApplyAsync(vendor3);
        await MediaPartnerKit.UploadOkAsync(vendor3, "akta_pendirian");
        VendorCookie = CookieHeader(vendor3);
        vendor1.Dispose();
        vendor2.Dispose();
        t.Verifier.Dispose();
        t.Verifier2.Dispose();

        // Events: a published two-day event with public registrations and a material, a draft, a started one with a check-in.
        var today = EventApi.Today;
        var (published, _) = await EventApi.CreatePublishedAsync(admin, [today.AddDays(3), today.AddDays(4)], capacity: 100);
        await EventApi.CreateAsync(admin, [today.AddDays(10)], title: "Rakor draf");
        var (running, runningVersion) = await EventApi.CreatePublishedAsync(admin, [today]);
        using var anonymous = Platform.App.CreateClient(Tenant.Slug);
        foreach (var (eventId, name) in new[] { (published, "Rina Mokoginta"), (published, "Budi Lumenta"), (running, "Sari Pangemanan") })
            await EventApi.ReadAsync(await EventApi.RegisterAsync(anonymous, eventId, name, email: $"{Guid.NewGuid():N}@contoh.id"), HttpStatusCode.Created);
        await EventApi.ReadAsync(await admin.Http.PostAsJsonAsync($"/api/v1/events/{running}/start", new { version = runningVersion }), HttpStatusCode.OK);
        var runningCode = (await EventApi.ParticipantsAsync(admin, running)).First().Code;
        await EventApi.CheckInAsync(admin, running, runningCode, 1);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("Paparan uji fuzz"), "title");
            var file = new ByteArrayContent(SampleFiles.Pdf());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "paparan.pdf");
            await EventApi.ReadAsync(await admin.Http.PostAsync($"/api/v1/events/{published}/materials", form), HttpStatusCode.Created);
        }

        // Study visits: one requested by the public to this tenant, one this tenant asks of the counterpart.
        var visit = new
        {
            institution = "Bagian Humas Kabupaten Uji", contactName = "Nina Rondonuwu", contactEmail = "nina@contoh.id",
            members = new[] { new { name = "Nina Rondonuwu", position = "Kabag Humas" } }, purpose = "Belajar pengelolaan media mitra",
            topics = new[] { "media mitra" }, proposedStart = EventApi.Day(today.AddDays(20)), proposedEnd = EventApi.Day(today.AddDays(21)),
            contactPhone = (string?)null,
        };
        await Expect(await anonymous.Http.PostAsJsonAsync("/api/v1/visit-requests", visit), "public visit request");
        await Expect(await admin.Http.PostAsJsonAsync("/api/v1/study-visits/outgoing", new { hostTenant = Counterpart.Slug, request = visit }), "outgoing visit");

        // Configuration sharing, a share link, a token, an invitation of an account of another tenant.
        await Expect(await admin.Http.PutAsJsonAsync("/api/v1/configuration/sharing/documentChecklist", new { scope = "platform" }), "sharing");
        var link = await Expect(await admin.Http.PostAsJsonAsync("/api/v1/configuration/share-links", new { label = "Tautan fuzz" }), "share link");
        await Expect(await admin.Http.PostAsJsonAsync("/api/v1/tokens", new { name = "Token fuzz", role = "viewer", expiresInDays = 30 }), "token");
        await Expect(await admin.Http.PostAsJsonAsync("/api/v1/members",
            new { email = Platform.AdminB, displayName = "Undangan", role = "viewer", initialPassword = (string?)null }), "invitation");
        var participantId = (await EventApi.ParticipantsAsync(admin, published)).First().Id;
        await Expect(await admin.Http.PostAsJsonAsync("/api/v1/personal-data/requests",
            new { kind = "export", subjectType = "participant", subjectId = participantId, requesterName = "Rina Mokoginta", note = (string?)null }), "personal data request");

        await using (var tx = await Platform.Db.BeginTenantAsync(Tenant.Id))
        {
            async Task Load(string kind, string sql)
            {
                var values = (await tx.QueryAsync<string>($"SELECT v::text FROM ({sql}) AS q(v)")).ToList();
                Real[kind] = values;
            }
            await Load("event", "SELECT id FROM events");
            await Load("participant", "SELECT id FROM event_participants");
            await Load("code", "SELECT code FROM event_participants");
            await Load("material", "SELECT id FROM event_materials");
            await Load("partner", "SELECT id FROM media_partners");
            await Load("document", "SELECT id FROM media_partner_documents");
            await Load("visit", "SELECT id FROM study_visits");
            await Load("dataRequest", "SELECT id FROM personal_data_requests");
            await Load("invitation", "SELECT id FROM member_invitations");
            await Load("token", "SELECT id FROM api_tokens");
            await Load("shareLink", "SELECT id FROM configuration_share_links");
            await Load("member", "SELECT user_id FROM tenant_memberships");
            await Load("version", "SELECT version FROM tenant_configuration_versions");
            await tx.CommitAsync();
        }
        // The admin's own account is not offered as a member to remove: the rest of the run needs it.
        var adminId = await Platform.QueryAsOwnerAsync<Guid>("SELECT id FROM users WHERE email = @email", new { email = PlatformFixture.AdminEmail(Tenant.Slug) });
        Real["member"].Remove(adminId.ToString());
        Real["shareToken"] = [link["token"]!.GetValue<string>()];
        Real["slug"] = [Tenant.Slug, Counterpart.Slug];
        Real["itemCode"] = ["akta_pendirian", "npwp_perusahaan", "spt_tahunan"];
        Real["retentionKind"] = ["participant_contacts", "journalist_identity", "rejected_applications"];
        Real["any"] = Real.Where(r => r.Key is not ("code" or "version" or "slug" or "itemCode" or "retentionKind" or "shareToken"))
            .SelectMany(r => r.Value).Distinct().ToList();
    }

    private static async Task<JsonNode> Expect(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"fuzz setup, {what}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    private string CookieHeader(TestClient client) => client.Cookies.GetCookieHeader(Address);

    public async Task DisposeAsync()
    {
        // Everything uploaded (setup and fuzzing) lives in the tenant's container.
        var blobs = Platform.App.Services.GetRequiredService<BlobServiceClient>();
        foreach (var tenant in new[] { Tenant, Counterpart })
            if (tenant is not null) await blobs.GetBlobContainerClient(BlobNames.TenantContainer(tenant.Id)).DeleteIfExistsAsync();
        await Platform.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzFixture>
{
    public const string Name = "fuzz";
}
