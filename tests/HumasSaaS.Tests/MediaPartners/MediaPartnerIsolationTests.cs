using HumasSaaS.MediaPartners;
using System.Net;
using System.Net.Http.Json;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

[Collection(PlatformCollection.Name)]
public sealed class MediaPartnerIsolationTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_vendor_sees_only_its_own_company()
    {
        using var t = await CreateTenantAsync(fixture, "isolasi-vendor");
        using var first = await SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Media Satu");
        using var second = await SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Media Dua");
        await ApplyAsync(first, Profile(mediaName: "Satu Online"));
        var firstDoc = (await UploadOkAsync(first, "akta_pendirian"))["document"]!["id"]!.GetValue<Guid>();

        // The second company has not applied: it sees nothing, and cannot fetch the first company's document by id.
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync("/api/v1/vendor/partner")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync($"/api/v1/vendor/partner/documents/{firstDoc}/content")).StatusCode);
        await ApplyAsync(second, Profile(mediaName: "Dua Online"));
        var mine = await GetJsonAsync(second, "/api/v1/vendor/partner");
        Assert.Equal("Dua Online", mine["partner"]!["profile"]!["mediaName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync($"/api/v1/vendor/partner/documents/{firstDoc}/content")).StatusCode);
        var me = await GetJsonAsync(second, "/api/v1/vendor/me");
        Assert.Equal("PT Media Dua", me["companyName"]!.GetValue<string>());
        Assert.Single(me["applications"]!.AsArray());
    }

    [Fact]
    public async Task Staff_of_tenant_B_cannot_list_A_partners_or_download_A_documents_even_by_guessing_ids()
    {
        using var a = await CreateTenantAsync(fixture, "isolasi-a");
        using var b = await CreateTenantAsync(fixture, "isolasi-b");
        using var vendor = await SignUpVendorAsync(fixture, a.Tenant.Slug);
        var submitted = await SubmittedPartnerAsync(vendor);
        var id = Id(submitted);
        var docId = CurrentDocumentId(submitted, "akta_pendirian");

        // B's staff addressing tenant A: 404 like an unknown tenant.
        var toA = new HttpRequestMessage(HttpMethod.Get, "/api/v1/media-partners");
        toA.Headers.Add("X-Tenant", a.Tenant.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Verifier.Http.SendAsync(toA)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await b.Verifier.Http.GetAsync($"/t/{a.Tenant.Slug}/api/v1/media-partners/{id}/documents/{docId}/content")).StatusCode);

        // B's staff in their own tenant, with A's ids: nothing (RLS), and no blob name is ever accepted as input.
        Assert.Empty((await GetJsonAsync(b.Verifier, "/api/v1/media-partners")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await b.Verifier.Http.GetAsync($"/api/v1/media-partners/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Verifier.Http.GetAsync($"/api/v1/media-partners/{id}/documents/{docId}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Verifier.Http.GetAsync($"/api/v1/media-partners/{id}/audit")).StatusCode);
        var decide = await b.Verifier.Http.PostAsJsonAsync($"/api/v1/media-partners/{id}/start-review", new { version = Version(submitted) });
        Assert.Equal(HttpStatusCode.NotFound, decide.StatusCode);
        var csv = await b.Verifier.Http.GetStringAsync($"/api/v1/media-partners/audit.csv?partnerId={id}");
        Assert.DoesNotContain(id.ToString(), csv);

        // A's own staff see it.
        Assert.Single((await GetJsonAsync(a.Verifier, "/api/v1/media-partners?status=submitted")).AsArray());
    }

    [Fact]
    public async Task Reuse_copies_documents_server_side_into_the_other_tenant_container()
    {
        using var a = await CreateTenantAsync(fixture, "pakai-ulang-a");
        using var b = await CreateTenantAsync(fixture, "pakai-ulang-b");
        using var vendor = await SignUpVendorAsync(fixture, a.Tenant.Slug);
        var inA = await SubmittedPartnerAsync(vendor);
        var sourceSha = inA["checklist"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "akta_pendirian")!["current"]!["sha256"]!.GetValue<string>();

        using var inB = fixture.App.CreateClient(b.Tenant.Slug);
        foreach (System.Net.Cookie c in vendor.Cookies.GetAllCookies()) inB.Cookies.Add(c);
        await ApplyAsync(inB);
        var reused = await inB.Http.PostAsJsonAsync("/api/v1/vendor/partner/reuse-documents", new { sourceTenant = a.Tenant.Slug });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        var docs = System.Text.Json.Nodes.JsonNode.Parse(await reused.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(2, docs.Count);
        Assert.All(docs, d => Assert.Equal("salinan:" + a.Tenant.Slug, d!["source"]!.GetValue<string>()));

        var blobs = fixture.App.Services.GetRequiredService<IBlobStore>();
        var inBContainer = new List<string>();
        await foreach (var blob in blobs.ListAsync(BlobNames.TenantContainer(b.Tenant.Id))) inBContainer.Add(blob.Name);
        Assert.Equal(2, inBContainer.Count);
        var rowsInB = (await fixture.Db.InTenantAsync(b.Tenant.Id, async tx =>
            await HumasSaaS.Database.TenantTransactionDapper.QueryAsync<string>(tx, "SELECT blob_name FROM media_partner_documents"))).ToList();
        Assert.Equal(inBContainer.Order(), rowsInB.Order());
        var inAContainer = new List<string>();
        await foreach (var blob in blobs.ListAsync(BlobNames.TenantContainer(a.Tenant.Id))) inAContainer.Add(blob.Name);
        Assert.Empty(inAContainer.Intersect(rowsInB)); // never a shared blob name

        var mine = await GetJsonAsync(inB, "/api/v1/vendor/partner");
        var akta = mine["checklist"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "akta_pendirian")!["current"]!;
        Assert.Equal(sourceSha, akta["sha256"]!.GetValue<string>());
        using var content = await inB.Http.GetAsync($"/api/v1/vendor/partner/documents/{akta["id"]}/content");
        Assert.Equal(Pdf, await content.Content.ReadAsByteArrayAsync());
        // The copy is complete: B's application can be submitted straight away.
        await PostOkAsync(inB, "/api/v1/vendor/partner/submit", new { version = Version(mine) });
    }

    [Fact]
    public async Task Expiry_marks_documents_writes_outbox_reminders_once_and_returns_verified_partner_to_review()
    {
        using var t = await CreateTenantAsync(fixture, "kedaluwarsa");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var id = Id(await SubmittedPartnerAsync(vendor));
        var partner = await ReviewAndAcceptAllAsync(t.Verifier, id);
        await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/verify", new { version = Version(partner), grade = "B" });
        // What the partner's expiry reminder calls, on the days it would fire.
        IMediaPartnerGrain Grain() => fixture.App.Services.GetRequiredService<Api.MediaPartners.MediaPartnerGrains>().Grain(t.Tenant.Id, id);

        // NPWP is valid 12 months from upload: 20 days before that it is "segera kedaluwarsa".
        await Grain().RefreshExpiry(Today.AddMonths(12).AddDays(-20));
        var expiring = (await GetJsonAsync(t.Verifier, "/api/v1/media-partners/expiring-documents")).AsArray();
        Assert.Equal("segera kedaluwarsa", Assert.Single(expiring)!["expiryLabel"]!.GetValue<string>());
        Assert.Equal("verified", Status(await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}")));

        // Two calls for the day after expiry at once (the grain serialises them): one mark, one return to review.
        var runs = await Task.WhenAll(Grain().RefreshExpiry(Today.AddMonths(12).AddDays(1)), Grain().RefreshExpiry(Today.AddMonths(12).AddDays(1)));
        Assert.Equal(runs[0].Version, runs[1].Version);
        var again = await Grain().RefreshExpiry(Today.AddMonths(12).AddDays(1));
        Assert.Equal(runs[0].Version, again.Version);
        var earlierClock = await Grain().RefreshExpiry(Today); // marks only move forward
        Assert.Equal(runs[0].Version, earlierClock.Version);
        expiring = (await GetJsonAsync(t.Verifier, "/api/v1/media-partners/expiring-documents")).AsArray();
        Assert.Equal("kedaluwarsa", Assert.Single(expiring)!["expiryLabel"]!.GetValue<string>());
        Assert.Equal("in_review", Status(await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}")));

        var outbox = (await fixture.Db.InTenantAsync(t.Tenant.Id, async tx =>
            await HumasSaaS.Database.TenantTransactionDapper.QueryAsync<string>(tx, "SELECT kind FROM notification_outbox ORDER BY id"))).ToList();
        Assert.Equal(["document_expiring_soon", "document_expired"], outbox);
        var audit = (await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}/audit")).AsArray();
        Assert.Single(audit, e => e!["action"]!.GetValue<string>() == "returned_to_review");
    }
}

[Collection(PlatformCollection.Name)]
public sealed class VendorAccountTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Vendor_sign_up_validates_in_Indonesian_refuses_a_taken_email_and_does_not_make_a_tenant_member()
    {
        using var anonymous = fixture.App.CreateClient();
        var bad = await anonymous.Http.PostAsJsonAsync("/api/v1/vendor/sign-up", new { email = "bukan-email", password = "pendek", displayName = "R", companyName = "PT" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = System.Text.Json.Nodes.JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!;
        Assert.Contains("Kata sandi paling sedikit 10 karakter", errors["password"]![0]!.GetValue<string>());
        Assert.NotNull(errors["email"]);
        Assert.NotNull(errors["companyName"]);

        var taken = await anonymous.Http.PostAsJsonAsync("/api/v1/vendor/sign-up",
            new { email = fixture.AdminA, password = PlatformFixture.Password, displayName = "Penyusup", companyName = "PT Penyusup Media" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);

        using var vendor = await MediaPartnerKit.SignUpVendorAsync(fixture, fixture.TenantA.Slug, "PT Bukan Staf");
        var me = await vendor.Http.GetAsync("/api/v1/me");
        var memberships = System.Text.Json.Nodes.JsonNode.Parse(await me.Content.ReadAsStringAsync())!["memberships"]!.AsArray();
        Assert.Empty(memberships);
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.Http.GetAsync("/api/v1/profile")).StatusCode);
    }

    [Fact]
    public async Task The_portal_without_a_tenant_lists_the_tenants_the_company_applied_to()
    {
        using var t = await MediaPartnerKit.CreateTenantAsync(fixture, "portal");
        using var vendor = await MediaPartnerKit.SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Portal Media");
        await MediaPartnerKit.ApplyAsync(vendor);
        using var platform = fixture.App.CreateClient();
        foreach (System.Net.Cookie c in vendor.Cookies.GetAllCookies()) platform.Cookies.Add(c);
        var html = await platform.Http.GetStringAsync("/vendor");
        Assert.Contains($"/t/{t.Tenant.Slug}/vendor", html);
        var inTenant = await platform.Http.GetStringAsync($"/t/{t.Tenant.Slug}/vendor");
        Assert.Contains("data-testid=\"partner-status\"", inTenant);
        Assert.Contains("Draf", inTenant);
    }
}
