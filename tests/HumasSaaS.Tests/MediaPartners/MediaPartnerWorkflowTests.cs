using HumasSaaS.MediaPartners;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

[Collection(PlatformCollection.Name)]
public sealed class MediaPartnerWorkflowTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Full_flow_register_upload_submit_revision_replace_verify_announce_and_object_in_window()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-alur");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);

        var submitted = await SubmittedPartnerAsync(vendor);
        Assert.Equal("submitted", Status(submitted));
        var id = Id(submitted);

        // Staff: review, reject the NPWP scan with a note, ask for revision.
        var partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/start-review", new { version = Version(submitted) });
        var npwpId = CurrentDocumentId(partner, "npwp_perusahaan");
        using (var pdf = await t.Verifier.Http.GetAsync($"/api/v1/media-partners/{id}/documents/{CurrentDocumentId(partner, "akta_pendirian")}/content"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync());
            Assert.StartsWith("inline", pdf.Content.Headers.ContentDisposition!.ToString());
        }
        partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/documents/{npwpId}/decision",
            new { version = Version(partner), decision = "rejected", note = "Scan NPWP buram, unggah ulang." });
        partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/request-revision",
            new { version = Version(partner), note = "Perbaiki dokumen NPWP." });
        Assert.Equal("needs_revision", Status(partner));

        // Vendor sees the note per document, replaces it, resubmits.
        var mine = await GetJsonAsync(vendor, "/api/v1/vendor/partner");
        Assert.Equal("Perlu perbaikan", mine["statusLabel"]!.GetValue<string>());
        var npwpItem = mine["checklist"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "npwp_perusahaan")!;
        Assert.Equal("Scan NPWP buram, unggah ulang.", npwpItem["current"]!["reviewNote"]!.GetValue<string>());
        Assert.Equal("rejected", npwpItem["current"]!["review"]!.GetValue<string>());
        var replaced = await UploadOkAsync(vendor, "npwp_perusahaan", Pdf);
        Assert.Equal(2, replaced["document"]!["revision"]!.GetValue<int>());
        mine = await GetJsonAsync(vendor, "/api/v1/vendor/partner");
        Assert.Contains(mine["history"]!.AsArray(), h => h!["id"]!.GetValue<Guid>() == npwpId && h["state"]!.GetValue<string>() == "superseded");
        mine = await PostOkAsync(vendor, "/api/v1/vendor/partner/submit", new { version = Version(mine) });
        Assert.Equal("submitted", Status(mine));

        // Staff accepts everything and verifies with a grade from the tenant's scheme.
        partner = await ReviewAndAcceptAllAsync(t.Verifier, id);
        var badGrade = await t.Verifier.Http.PostAsJsonAsync($"/api/v1/media-partners/{id}/verify", new { version = Version(partner), grade = "Z" });
        Assert.Equal(HttpStatusCode.BadRequest, badGrade.StatusCode);
        partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/verify", new { version = Version(partner), grade = "A", note = "Lengkap" });
        Assert.Equal("verified", Status(partner));
        Assert.Equal("A", partner["partner"]!["decision"]!["grade"]!.GetValue<string>());
        partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/announce", new { version = Version(partner) });

        mine = await GetJsonAsync(vendor, "/api/v1/vendor/partner");
        Assert.Equal("Terverifikasi", mine["statusLabel"]!.GetValue<string>());

        // Objection: refused before the objection window, accepted inside it.
        var early = await vendor.Http.PostAsJsonAsync("/api/v1/vendor/partner/objection", new { version = Version(mine), note = "Grade seharusnya A+" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("masa sanggah", await early.Content.ReadAsStringAsync());
        await SetPeriodAsync(t.Admin, Period(Today.AddDays(-20), Today.AddDays(-2), Today.AddDays(-1), Today.AddDays(1)));
        mine = await PostOkAsync(vendor, "/api/v1/vendor/partner/objection", new { version = Version(mine), note = "Mohon tinjau ulang grade." });
        Assert.Equal("in_review", Status(mine));
        Assert.Equal("Mohon tinjau ulang grade.", mine["partner"]!["objection"]!["note"]!.GetValue<string>());

        // The audit trail names every transition in order, readable and exportable by staff.
        var audit = (await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}/audit")).AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).Reverse().Where(a => HumasSaaS.MediaPartners.MediaPartner.TransitionActions.Contains(a)).ToList();
        Assert.Equal(["applied", "submitted", "review_started", "revision_requested", "submitted", "review_started", "verified", "announced", "objection_filed"], audit);
        var csv = await t.Verifier.Http.GetAsync($"/api/v1/media-partners/audit.csv?partnerId={id}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("waktu_wib,media_mitra_id,nama_media,tindakan,pelaku,catatan,rincian", text.TrimStart('\uFEFF'));
        Assert.Contains(",Dinyatakan terverifikasi,", text);
        Assert.Contains("Perbaiki dokumen NPWP.", text);
    }

    [Fact]
    public async Task Applying_outside_a_registration_period_is_refused_in_Indonesian_and_nothing_is_created()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-tutup", registrationOpen: false);
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var response = await vendor.Http.PostAsJsonAsync("/api/v1/vendor/partner", new { profile = Profile() });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Pendaftaran ditutup", problem["title"]!.GetValue<string>());
        Assert.Contains("tidak ada masa pendaftaran yang terbuka", problem["detail"]!.GetValue<string>());
        Assert.Empty((await GetJsonAsync(t.Verifier, "/api/v1/media-partners")).AsArray());
    }

    [Fact]
    public async Task Profile_format_checks_answer_400_with_messages_a_vendor_understands()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-format");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var response = await vendor.Http.PostAsJsonAsync("/api/v1/vendor/partner",
            new { profile = Profile(npwp: "12.345", nib: "12345678901234", url: "ftp://salah") });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!;
        Assert.Contains("15 atau 16 digit", errors["profile.npwp"]![0]!.GetValue<string>());
        Assert.Contains("13 digit", errors["profile.nib"]![0]!.GetValue<string>());
        Assert.Contains("https://", errors["profile.url"]![0]!.GetValue<string>());
        Assert.Empty((await GetJsonAsync(t.Verifier, "/api/v1/media-partners")).AsArray());

        var noUrl = await vendor.Http.PostAsJsonAsync("/api/v1/vendor/partner", new { profile = Profile(url: null) });
        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
        Assert.Contains("profile.url", await noUrl.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Submitting_without_mandatory_documents_is_refused_and_lists_what_is_missing()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-kurang");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var partner = await ApplyAsync(vendor);
        await UploadOkAsync(vendor, "akta_pendirian");
        var response = await vendor.Http.PostAsJsonAsync("/api/v1/vendor/partner/submit", new { version = Version(partner) + 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("NPWP perusahaan", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_verifiers_deciding_at_once_one_wins_the_other_gets_409_and_the_audit_holds_only_the_winner()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-balapan");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var id = Id(await SubmittedPartnerAsync(vendor));
        var partner = await ReviewAndAcceptAllAsync(t.Verifier, id);
        var version = Version(partner);

        // The second verifier works through a second instance of the API (same database): no instance holds the entity.
        await using var second = await AppInstance.StartAsync(fixture.Database);
        using var verifier2 = second.CreateClient(t.Tenant.Slug);
        foreach (System.Net.Cookie c in t.Verifier2.Cookies.GetAllCookies()) verifier2.Cookies.Add(new System.Net.Cookie(c.Name, c.Value, "/", second.Address.Host));
        var verify = t.Verifier.Http.PostAsJsonAsync($"/api/v1/media-partners/{id}/verify", new { version, grade = "B" });
        var reject = verifier2.Http.PostAsJsonAsync($"/api/v1/media-partners/{id}/reject", new { version, note = "Tidak memenuhi syarat" });
        var results = await Task.WhenAll(verify, reject);
        var codes = results.Select(r => r.StatusCode).OrderBy(c => (int)c).ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);

        var winner = results[0].StatusCode == HttpStatusCode.OK ? "verified" : "rejected";
        var final = await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}");
        Assert.Equal(winner, Status(final));
        var decisions = (await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}/audit")).AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).Where(a => a is "verified" or "rejected").ToList();
        Assert.Equal([winner], decisions);
    }

    [Fact]
    public async Task Accepting_an_accepted_document_again_is_a_no_op_without_a_new_version_or_audit_row()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-ulang");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var id = Id(await SubmittedPartnerAsync(vendor));
        var partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/start-review", new { version = Version(await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}")) });
        var akta = CurrentDocumentId(partner, "akta_pendirian");
        partner = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/documents/{akta}/decision", new { version = Version(partner), decision = "accepted" });
        var version = Version(partner);
        int Accepted(JsonArray audit) => audit.Count(e => e!["action"]!.GetValue<string>() == "document_accepted");
        var acceptedRows = Accepted((await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}/audit")).AsArray());
        Assert.Equal(1, acceptedRows);

        // The same click twice more (same version, as a page sends it): 200 with the partner unchanged.
        for (var i = 0; i < 2; i++)
        {
            var again = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/documents/{akta}/decision", new { version, decision = "accepted" });
            Assert.Equal(version, Version(again));
        }
        Assert.Equal(version, Version(await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}")));
        Assert.Equal(1, Accepted((await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}/audit")).AsArray()));

        // A different decision is still a change.
        var rejected = await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/documents/{akta}/decision", new { version, decision = "rejected", note = "Salah berkas." });
        Assert.Equal(version + 1, Version(rejected));
    }

    [Fact]
    public async Task Replacing_a_mandatory_document_of_a_verified_partner_sends_it_back_to_review()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-ganti");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var id = Id(await SubmittedPartnerAsync(vendor));
        var partner = await ReviewAndAcceptAllAsync(t.Verifier, id);
        await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/verify", new { version = Version(partner), grade = "C" });

        var optional = await UploadOkAsync(vendor, "spt_tahunan");
        Assert.Equal("verified", optional["status"]!.GetValue<string>());
        var replaced = await UploadOkAsync(vendor, "akta_pendirian");
        Assert.Equal("in_review", replaced["status"]!.GetValue<string>());
        var audit = (await GetJsonAsync(t.Verifier, $"/api/v1/media-partners/{id}/audit")).AsArray();
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "returned_to_review" && e["note"]!.GetValue<string>().Contains("Akta pendirian"));
    }

    [Fact]
    public async Task Staff_roles_viewer_reads_but_cannot_decide_and_vendors_and_staff_are_kept_apart()
    {
        using var t = await CreateTenantAsync(fixture, "mitra-peran");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var id = Id(await SubmittedPartnerAsync(vendor));
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(t.Tenant, Api.Platform.Tenancy.TenantRole.Viewer), t.Tenant.Slug);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync($"/api/v1/media-partners/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await viewer.Http.PostAsJsonAsync($"/api/v1/media-partners/{id}/start-review", new { version = 1 })).StatusCode);

        // A vendor is not a tenant member: the staff console is closed to it.
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.Http.GetAsync("/api/v1/media-partners")).StatusCode);
        // Staff are not vendors: the vendor portal refuses them.
        Assert.Equal(HttpStatusCode.Forbidden, (await t.Verifier.Http.GetAsync("/api/v1/vendor/partner")).StatusCode);
        using var anonymous = fixture.App.CreateClient(t.Tenant.Slug);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/v1/vendor/partner")).StatusCode);
    }
}

[Collection(PlatformCollection.Name)]
public sealed class MediaPartnerOpenApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_vendor_and_staff_operations()
    {
        using var client = fixture.App.CreateClient();
        var doc = JsonNode.Parse(await client.Http.GetStringAsync("/openapi/v1.json"))!;
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!["operationId"]?.GetValue<string>())).ToHashSet();
        foreach (var name in new[] { "VendorSignUp", "VendorApply", "VendorUploadDocument", "VendorSubmit", "VendorFileObjection", "VendorReuseDocuments",
                     "ListMediaPartners", "GetMediaPartner", "DownloadMediaPartnerDocument", "DecideMediaPartnerDocument", "VerifyMediaPartner",
                     "RequestMediaPartnerRevision", "RejectMediaPartner", "AnnounceMediaPartnerResult", "ExportMediaPartnerAuditCsv" })
            Assert.Contains(name, operations);
        var upload = doc["paths"]!["/api/v1/vendor/partner/documents/{itemCode}"]!["put"]!;
        Assert.NotNull(upload["requestBody"]!["content"]!["application/pdf"]);
    }
}
