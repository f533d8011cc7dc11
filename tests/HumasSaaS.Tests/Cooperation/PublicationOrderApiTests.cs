using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using HumasSaaS.Tests.MediaPartners;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>Publication orders through the API of the two-instance cluster: validity gate, rate card, budget, isolation.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PublicationOrderApiTests(PlatformFixture fixture)
{
    private static int Year => Today.Year;

    private static object Order(Guid partnerId, int quantity = 1, long? unitPrice = null, string? priceNote = null) => new
    {
        partnerId, title = "Liputan Musrenbang kabupaten", product = "news_item", quantity,
        scheduleStart = D(Today), scheduleEnd = D(Today.AddDays(4)), unitPriceRupiah = unitPrice, priceNote,
    };

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A tenant with a verified grade-A online partner and a budget of Rp 10 juta on one line.</summary>
    internal static async Task<(PartnerTenant T, TestClient Vendor, Guid PartnerId)> VerifiedPartnerWithBudgetAsync(PlatformFixture fixture, string prefix)
    {
        var t = await CreateTenantAsync(fixture, prefix);
        var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var id = Id(await SubmittedPartnerAsync(vendor));
        var partner = await ReviewAndAcceptAllAsync(t.Verifier, id);
        await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{id}/verify", new { version = Version(partner), grade = "A" });
        using var budget = await t.Admin.Http.PutAsJsonAsync($"/api/v1/cooperation/budgets/{Year}",
            new { version = 0, lines = new[] { new { code = "PUB", name = "Belanja jasa publikasi", paguRupiah = 10_000_000L } } });
        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        return (t, vendor, id);
    }

    [Fact]
    public async Task Staff_order_from_a_valid_partner_at_the_rate_card_price_the_budget_holds_it_the_gate_names_what_is_missing_and_others_see_nothing()
    {
        var t = await CreateTenantAsync(fixture, "pesanan-api");
        using var _ = t;
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(t.Tenant, TenantRole.Viewer), t.Tenant.Slug);
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var partnerId = Id(await SubmittedPartnerAsync(vendor));

        // Not verified yet: refused, naming the status.
        var notVerified = await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("belum Terverifikasi", notVerified["detail"]!.GetValue<string>());

        var partner = await ReviewAndAcceptAllAsync(t.Verifier, partnerId);
        await PostOkAsync(t.Verifier, $"/api/v1/media-partners/{partnerId}/verify", new { version = Version(partner), grade = "A" });
        using (var budget = await t.Admin.Http.PutAsJsonAsync($"/api/v1/cooperation/budgets/{Year}",
                   new { version = 0, lines = new[] { new { code = "PUB", name = "Belanja jasa publikasi", paguRupiah = 10_000_000L } } }))
            Assert.Equal(HttpStatusCode.OK, budget.StatusCode);

        // The tenant now asks for one more mandatory document: the verified partner gets no order until it is there.
        await PutSectionAsync(t.Admin, "documentChecklist", Checklist.Append(new
        {
            code = "boks_redaksi", label = "Susunan redaksi", mediaTypes = new[] { "online" }, mandatory = true, expires = false,
            defaultValidityMonths = (int?)null, acceptedFormats = new[] { "pdf" }, maxSizeMb = 1,
        }).ToArray());
        var missing = await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Media mitra belum memenuhi syarat", missing["title"]!.GetValue<string>());
        Assert.Contains("Susunan redaksi belum diunggah", missing["detail"]!.GetValue<string>());
        Assert.Equal(0, (await GetJsonAsync(t.Admin, $"/api/v1/cooperation/budgets/{Year}"))["committedRupiah"]!.GetValue<long>());
        await UploadOkAsync(vendor, "boks_redaksi");

        // A viewer may read but not order.
        using (var forbidden = await viewer.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId)))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // Grade A online news item: Rp 1.500.000 on the rate card; two of them hold Rp 3.000.000. A retry with the same key is the same order.
        HttpRequestMessage Keyed() => new(HttpMethod.Post, "/api/v1/cooperation/orders") { Content = JsonContent.Create(Order(partnerId, 2)), Headers = { { "Idempotency-Key", "musrenbang-1" } } };
        var order = await CreatedAsync(await t.Verifier.Http.SendAsync(Keyed()));
        Assert.Equal(1_500_000, order["unitPriceRupiah"]!.GetValue<long>());
        Assert.Equal(3_000_000, order["amountRupiah"]!.GetValue<long>());
        Assert.True(order["priceFromRateCard"]!.GetValue<bool>());
        Assert.Equal("Dipesan", order["statusLabel"]!.GetValue<string>());
        Assert.Equal("PUB", order["budgetLineCode"]!.GetValue<string>());
        Assert.Equal(D(Today.AddDays(4 + 2)), order["proofDeadline"]!.GetValue<string>());
        var orderId = order["id"]!.GetValue<Guid>();
        var again = await CreatedAsync(await t.Verifier.Http.SendAsync(Keyed()));
        Assert.Equal(orderId, again["id"]!.GetValue<Guid>());
        var budgetNow = await GetJsonAsync(viewer, $"/api/v1/cooperation/budgets/{Year}");
        Assert.Equal(3_000_000, budgetNow["committedRupiah"]!.GetValue<long>());
        Assert.Equal(7_000_000, budgetNow["remainingRupiah"]!.GetValue<long>());

        // A price other than the rate card's needs a note.
        var noNote = await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId, 1, 2_000_000)), HttpStatusCode.BadRequest);
        Assert.Contains("Rp 1.500.000", noNote["errors"]!["priceNote"]![0]!.GetValue<string>());
        var overridden = await CreatedAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId, 1, 2_000_000, "Halaman utama 7 hari (kontrak 2026)")));
        Assert.False(overridden["priceFromRateCard"]!.GetValue<bool>());
        // Over the remaining budget: refused with the amounts, nothing held.
        var over = await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId, 4)), HttpStatusCode.Conflict);
        Assert.Contains("Rp 5.000.000", over["detail"]!.GetValue<string>());

        var list = (await GetJsonAsync(viewer, "/api/v1/cooperation/orders?status=ordered")).AsArray();
        Assert.Equal(2, list.Count);
        await ProblemAsync(await viewer.Http.GetAsync("/api/v1/cooperation/orders?status=entah"), HttpStatusCode.BadRequest);

        // The vendor sees its own orders; another company sees none of them.
        Assert.Equal(2, (await GetJsonAsync(vendor, "/api/v1/vendor/orders")).AsArray().Count);
        Assert.Equal(orderId, (await GetJsonAsync(vendor, $"/api/v1/vendor/orders/{orderId}"))["id"]!.GetValue<Guid>());
        using var otherVendor = await SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Media Lain");
        Assert.Empty((await GetJsonAsync(otherVendor, "/api/v1/vendor/orders")).AsArray());
        var foreignCompany = await ProblemAsync(await otherVendor.Http.GetAsync($"/api/v1/vendor/orders/{orderId}"), HttpStatusCode.NotFound);

        // Another tenant: this order is a 404 exactly like an id that never existed.
        using var other = await fixture.SignedInClientAsync(fixture.AdminB, fixture.TenantB.Slug);
        var foreign = await ProblemAsync(await other.Http.GetAsync($"/api/v1/cooperation/orders/{orderId}"), HttpStatusCode.NotFound);
        var unknown = await ProblemAsync(await other.Http.GetAsync($"/api/v1/cooperation/orders/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown["title"]!.ToJsonString(), foreign["title"]!.ToJsonString());
        Assert.Equal(unknown["detail"]!.ToJsonString(), foreign["detail"]!.ToJsonString());
        Assert.Equal(unknown["detail"]!.ToJsonString(), foreignCompany["detail"]!.ToJsonString());
        await ProblemAsync(await other.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/cancel", new { version = 1, reason = "coba" }), HttpStatusCode.NotFound);
        Assert.Empty((await GetJsonAsync(other, "/api/v1/cooperation/orders")).AsArray());

        // Cancelling (with the current version and a reason) releases the reservation.
        await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/cancel", new { version = 7, reason = "Acara batal" }), HttpStatusCode.Conflict);
        await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/cancel", new { version = 1, reason = " " }), HttpStatusCode.BadRequest);
        var cancelled = await PostOkAsync(t.Verifier, $"/api/v1/cooperation/orders/{orderId}/cancel", new { version = 1, reason = "Acara batal" });
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("Acara batal", cancelled["cancellation"]!["reason"]!.GetValue<string>());
        Assert.Equal(2_000_000, (await GetJsonAsync(t.Admin, $"/api/v1/cooperation/budgets/{Year}"))["committedRupiah"]!.GetValue<long>());
    }

    private static async Task<HttpResponseMessage> UploadProofAsync(TestClient vendor, Guid orderId, byte[] content, DateOnly publishedOn, string? url = null,
        string contentType = "application/pdf")
    {
        var query = $"publishedOn={D(publishedOn)}&fileName=bukti%20tayang.pdf" + (url is null ? "" : "&url=" + Uri.EscapeDataString(url));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vendor/orders/{orderId}/proof/file?{query}") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await vendor.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_vendor_proves_publication_inside_the_schedule_on_its_own_domain_and_staff_reject_with_a_note_or_accept()
    {
        var (t, vendor, partnerId) = await VerifiedPartnerWithBudgetAsync(fixture, "bukti-tayang");
        using var _ = t;
        using var __ = vendor;
        var order = await CreatedAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId)));
        var orderId = order["id"]!.GetValue<Guid>();

        // Link on another domain, a date outside the schedule, or not a PDF/JPEG/PNG: refused, nothing recorded.
        var otherDomain = await ProblemAsync(await vendor.Http.PostAsJsonAsync($"/api/v1/vendor/orders/{orderId}/proof",
            new { url = "https://berita-lain.example.com/2026/musrenbang", publishedOn = D(Today) }), HttpStatusCode.BadRequest);
        Assert.Contains("nyiur.example.id", otherDomain["errors"]!["url"]![0]!.GetValue<string>());
        var early = await ProblemAsync(await vendor.Http.PostAsJsonAsync($"/api/v1/vendor/orders/{orderId}/proof",
            new { url = "https://nyiur.example.id/musrenbang", publishedOn = D(Today.AddDays(-1)) }), HttpStatusCode.BadRequest);
        Assert.Contains("di dalam jadwal pesanan", early["errors"]!["publishedOn"]![0]!.GetValue<string>());
        await ProblemAsync(await UploadProofAsync(vendor, orderId, Exe, Today, "https://nyiur.example.id/a", "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        using var otherVendor = await SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Media Lain");
        await ProblemAsync(await UploadProofAsync(otherVendor, orderId, Pdf, Today, "https://nyiur.example.id/a"), HttpStatusCode.NotFound);
        Assert.Equal("ordered", (await GetJsonAsync(vendor, $"/api/v1/vendor/orders/{orderId}"))["status"]!.GetValue<string>());

        // A scan with the link on the partner's domain (www. and sub-domains count): submitted, staff view the file.
        using (var sent = await UploadProofAsync(vendor, orderId, Pdf, Today, "https://www.nyiur.example.id/2026/musrenbang"))
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var submitted = await GetJsonAsync(t.Verifier, $"/api/v1/cooperation/orders/{orderId}");
        Assert.Equal("Bukti tayang dikirim", submitted["statusLabel"]!.GetValue<string>());
        var proofId = submitted["proofs"]![0]!["id"]!.GetValue<Guid>();
        Assert.True(submitted["proofs"]![0]!["hasFile"]!.GetValue<bool>());
        using (var content = await t.Verifier.Http.GetAsync($"/api/v1/cooperation/orders/{orderId}/proofs/{proofId}/content"))
        {
            Assert.Equal(HttpStatusCode.OK, content.StatusCode);
            Assert.Equal(Pdf, await content.Content.ReadAsByteArrayAsync());
            Assert.StartsWith("sandbox", content.Headers.GetValues("Content-Security-Policy").Single());
        }
        await ProblemAsync(await vendor.Http.PostAsJsonAsync($"/api/v1/vendor/orders/{orderId}/proof",
            new { url = "https://nyiur.example.id/lagi", publishedOn = D(Today) }), HttpStatusCode.Conflict);

        // Staff: a viewer cannot decide, a rejection needs a note; rejected, the vendor is told and sends a new proof.
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(t.Tenant, TenantRole.Viewer), t.Tenant.Slug);
        using (var forbidden = await viewer.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/proof-decision", new { version = 2, decision = "accepted" }))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/proof-decision", new { version = 2, decision = "rejected" }),
            HttpStatusCode.BadRequest);
        var rejected = await PostOkAsync(t.Verifier, $"/api/v1/cooperation/orders/{orderId}/proof-decision",
            new { version = 2, decision = "rejected", note = "Tangkapan layar tidak memuat tanggal." });
        Assert.Equal("ordered", rejected["status"]!.GetValue<string>());
        Assert.Equal(1, await fixture.Db.InTenantAsync(t.Tenant.Id, tx => tx.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM notification_outbox WHERE kind = 'proof_rejected' AND body LIKE '%tidak memuat tanggal%'")));
        var mine = await GetJsonAsync(vendor, $"/api/v1/vendor/orders/{orderId}");
        Assert.Equal("Tangkapan layar tidak memuat tanggal.", mine["proofs"]![0]!["decisionNote"]!.GetValue<string>());
        var resent = await PostOkAsync(vendor, $"/api/v1/vendor/orders/{orderId}/proof", new { url = "https://nyiur.example.id/2026/musrenbang", publishedOn = D(Today) });
        Assert.Equal(2, resent["proofs"]!.AsArray().Count);

        // Another tenant cannot decide it; the verifier accepts it.
        using var other = await fixture.SignedInClientAsync(fixture.AdminB, fixture.TenantB.Slug);
        await ProblemAsync(await other.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/proof-decision", new { version = 4, decision = "accepted" }),
            HttpStatusCode.NotFound);
        await ProblemAsync(await other.Http.GetAsync($"/api/v1/cooperation/orders/{orderId}/proofs/{proofId}/content"), HttpStatusCode.NotFound);
        var accepted = await PostOkAsync(t.Verifier, $"/api/v1/cooperation/orders/{orderId}/proof-decision", new { version = 4, decision = "accepted", note = "Sesuai" });
        Assert.Equal("Bukti tayang diterima", accepted["statusLabel"]!.GetValue<string>());
        // Published: it can no longer be cancelled.
        await ProblemAsync(await t.Verifier.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/cancel", new { version = 5, reason = "batal" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task After_an_accepted_proof_the_vendor_invoices_the_gate_applies_to_the_claim_and_payment_moves_the_amount_from_committed_to_realised()
    {
        var (t, vendor, partnerId) = await VerifiedPartnerWithBudgetAsync(fixture, "tagihan");
        using var _ = t;
        using var __ = vendor;
        var orderId = (await CreatedAsync(await t.Verifier.Http.PostAsJsonAsync("/api/v1/cooperation/orders", Order(partnerId, 2))))["id"]!.GetValue<Guid>();
        async Task<JsonNode> Budget() => await GetJsonAsync(t.Admin, $"/api/v1/cooperation/budgets/{Year}");
        Assert.Equal(3_000_000, (await Budget())["committedRupiah"]!.GetValue<long>());

        // No invoice before the proof is accepted.
        await ProblemAsync(await vendor.Http.PostAsJsonAsync($"/api/v1/vendor/orders/{orderId}/invoice",
            new { number = "INV/001", issuedOn = D(Today), amountRupiah = 3_000_000L }), HttpStatusCode.Conflict);
        await PostOkAsync(vendor, $"/api/v1/vendor/orders/{orderId}/proof", new { url = "https://nyiur.example.id/2026/musrenbang", publishedOn = D(Today) });
        await PostOkAsync(t.Verifier, $"/api/v1/cooperation/orders/{orderId}/proof-decision", new { version = 2, decision = "accepted" });

        // The amount must be the order's; a claim is gated like an order (a newly mandatory document is missing).
        var wrongAmount = await ProblemAsync(await vendor.Http.PostAsJsonAsync($"/api/v1/vendor/orders/{orderId}/invoice",
            new { number = "INV/001", issuedOn = D(Today), amountRupiah = 3_500_000L }), HttpStatusCode.BadRequest);
        Assert.Contains("Rp 3.000.000", wrongAmount["errors"]!["amountRupiah"]![0]!.GetValue<string>());
        await PutSectionAsync(t.Admin, "documentChecklist", Checklist.Append(new
        {
            code = "pakta_integritas", label = "Pakta integritas", mediaTypes = new[] { "online" }, mandatory = true, expires = true,
            defaultValidityMonths = (int?)12, acceptedFormats = new[] { "pdf" }, maxSizeMb = 1,
        }).ToArray());
        var gated = await ProblemAsync(await vendor.Http.PostAsJsonAsync($"/api/v1/vendor/orders/{orderId}/invoice",
            new { number = "INV/001", issuedOn = D(Today), amountRupiah = 3_000_000L }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("mengajukan tagihan", gated["detail"]!.GetValue<string>());
        Assert.Contains("Pakta integritas belum diunggah", gated["detail"]!.GetValue<string>());
        await UploadOkAsync(vendor, "pakta_integritas");

        // The invoice document goes through the upload guard; staff view it.
        using (var request = new HttpRequestMessage(HttpMethod.Put,
                   $"/api/v1/vendor/orders/{orderId}/invoice/file?number=INV%2F001&issuedOn={D(Today)}&amountRupiah=3000000&fileName=tagihan.pdf")
               { Content = new ByteArrayContent(Pdf) })
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            using var sent = await vendor.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }
        using (var file = await t.Verifier.Http.GetAsync($"/api/v1/cooperation/orders/{orderId}/invoice/content"))
            Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
        var invoiced = await GetJsonAsync(vendor, $"/api/v1/vendor/orders/{orderId}");
        Assert.Equal("Tagihan diajukan", invoiced["statusLabel"]!.GetValue<string>());
        Assert.Equal("INV/001", invoiced["invoice"]!["number"]!.GetValue<string>());

        // Only an admin records payment; a future date is refused; then committed becomes realised and the vendor is told.
        using (var notAdmin = await t.Verifier.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/payment",
                   new { version = 4, paidOn = D(Today), reference = "SP2D 00123/2026" }))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        await ProblemAsync(await t.Admin.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/payment",
            new { version = 4, paidOn = D(Today.AddDays(1)), reference = "SP2D 00123/2026" }), HttpStatusCode.BadRequest);
        using var other = await fixture.SignedInClientAsync(fixture.AdminB, fixture.TenantB.Slug);
        await ProblemAsync(await other.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/payment",
            new { version = 4, paidOn = D(Today), reference = "SP2D 00123/2026" }), HttpStatusCode.NotFound);
        await ProblemAsync(await other.Http.GetAsync($"/api/v1/cooperation/orders/{orderId}/invoice/content"), HttpStatusCode.NotFound);
        var paid = await PostOkAsync(t.Admin, $"/api/v1/cooperation/orders/{orderId}/payment", new { version = 4, paidOn = D(Today), reference = "SP2D 00123/2026" });
        Assert.Equal("Dibayar", paid["statusLabel"]!.GetValue<string>());
        var budget = await Budget();
        Assert.Equal(0, budget["committedRupiah"]!.GetValue<long>());
        Assert.Equal(3_000_000, budget["realisedRupiah"]!.GetValue<long>());
        Assert.Equal(7_000_000, budget["remainingRupiah"]!.GetValue<long>());
        Assert.Equal("realised", await fixture.Db.InTenantAsync(t.Tenant.Id, tx => tx.ExecuteScalarAsync<string>(
            "SELECT state FROM cooperation_budget_reservations WHERE order_id = @orderId", new { orderId })));
        Assert.Equal(1, await fixture.Db.InTenantAsync(t.Tenant.Id, tx => tx.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM notification_outbox WHERE kind = 'payment_made' AND body LIKE '%SP2D 00123/2026%'")));
        await ProblemAsync(await t.Admin.Http.PostAsJsonAsync($"/api/v1/cooperation/orders/{orderId}/payment",
            new { version = 5, paidOn = D(Today), reference = "SP2D lagi" }), HttpStatusCode.Conflict);
        var actions = await fixture.Db.InTenantAsync(t.Tenant.Id, async tx => (await tx.QueryAsync<string>(
            "SELECT action FROM audit_events WHERE entity_type = 'cooperation_order' AND entity_id = @orderId ORDER BY entity_version", new { orderId })).ToList());
        Assert.Equal(["order_created", "proof_submitted", "proof_accepted", "invoice_submitted", "payment_recorded"], actions);
    }
}
