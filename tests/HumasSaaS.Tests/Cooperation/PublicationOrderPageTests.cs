using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.Cooperation;

/// <summary>The order pages in Bahasa Indonesia: staff order, vendor proves and invoices, staff accept and pay, the budget follows.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class PublicationOrderPageTests(PlatformFixture fixture)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/pesanan/([0-9a-f-]{36})$")]
    private static partial Regex OrderPath();

    private static async Task<HttpResponseMessage> PostFormAsync(TestClient client, string page, string path, Dictionary<string, string> fields)
    {
        var html = await client.Http.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value;
        return await client.Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(TestClient client, string page, string path, Dictionary<string, string> fields, byte[]? file)
    {
        var html = await client.Http.GetStringAsync(page);
        using var form = new MultipartFormDataContent { { new StringContent(Token().Match(html).Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "Upload", "tagihan.pdf");
        }
        return await client.Http.PostAsync(path, form);
    }

    /// <summary>A page refusing a member without the role: the cookie scheme sends the browser to the 403 page.</summary>
    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/galat/403") == true,
            $"{(int)response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task Staff_order_on_the_console_the_vendor_sends_proof_and_invoice_in_the_portal_and_payment_shows_in_the_budget()
    {
        var (t, vendor, partnerId) = await PublicationOrderApiTests.VerifiedPartnerWithBudgetAsync(fixture, "pesanan-hal");
        using var _ = t;
        using var __ = vendor;
        const string list = "/konsol/kerja-sama/pesanan";
        var page = await t.Verifier.Http.GetStringAsync(list);
        Assert.Contains("Belum ada pesanan.", page);
        Assert.Contains($"value=\"{partnerId}\"", page);

        var order = new Dictionary<string, string>
        {
            ["PartnerId"] = partnerId.ToString(), ["Title"] = "", ["Product"] = "NewsItem", ["Quantity"] = "1",
            ["ScheduleStart"] = D(Today), ["ScheduleEnd"] = D(Today.AddDays(3)),
        };
        using (var bad = await PostFormAsync(t.Verifier, list, list, order))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Kegiatan yang diliput wajib diisi.", await bad.Content.ReadAsStringAsync());
        }
        using var viewer = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(t.Tenant, TenantRole.Viewer), t.Tenant.Slug);
        Assert.DoesNotContain("Buat pesanan", await viewer.Http.GetStringAsync(list));
        order["Title"] = "Liputan pembukaan festival danau";
        using (var refused = await PostFormAsync(viewer, list, list, new Dictionary<string, string>(order)))
            AssertRefused(refused);
        using var created = await PostFormAsync(t.Verifier, list, list, order);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var orderId = OrderPath().Match(created.Headers.Location!.OriginalString).Groups[1].Value;
        var detail = await t.Verifier.Http.GetStringAsync($"{list}/{orderId}");
        Assert.Contains("data-testid=\"status\">Dipesan", detail);
        Assert.Contains("Rp 1.500.000", detail);

        // The vendor's portal: the order with its days left, then a link proof.
        var prefix = $"/t/{t.Tenant.Slug}/vendor/pesanan";
        var mine = await vendor.Http.GetStringAsync(prefix);
        Assert.Contains("Liputan pembukaan festival danau", mine);
        Assert.Contains("5 hari lagi", mine);
        using (var proof = await PostMultipartAsync(vendor, $"{prefix}/{orderId}", $"{prefix}/{orderId}?handler=Proof",
                   new() { ["ProofUrl"] = "https://nyiur.example.id/festival", ["PublishedOn"] = D(Today) }, null))
            Assert.Equal(HttpStatusCode.Redirect, proof.StatusCode);
        using (var again = await PostMultipartAsync(vendor, $"{prefix}/{orderId}", $"{prefix}/{orderId}?handler=Proof",
                   new() { ["ProofUrl"] = "https://lain.example.com/x", ["PublishedOn"] = D(Today) }, null))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var otherVendor = await SignUpVendorAsync(fixture, t.Tenant.Slug, "PT Media Lain"))
        using (var foreign = await otherVendor.Http.GetAsync($"{prefix}/{orderId}"))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        using (var accepted = await PostFormAsync(t.Verifier, $"{list}/{orderId}", $"{list}/{orderId}?handler=Accept", new() { ["Version"] = "2", ["Note"] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using (var invoice = await PostMultipartAsync(vendor, $"{prefix}/{orderId}", $"{prefix}/{orderId}?handler=Invoice",
                   new() { ["Number"] = "INV/2026/17", ["IssuedOn"] = D(Today), ["AmountRupiah"] = "1500000" }, Pdf))
            Assert.Equal(HttpStatusCode.Redirect, invoice.StatusCode);
        Assert.Contains("Tagihan diajukan", await vendor.Http.GetStringAsync($"{prefix}/{orderId}"));

        using (var notAdmin = await PostFormAsync(t.Verifier, $"{list}/{orderId}", $"{list}/{orderId}?handler=Pay",
                   new() { ["Version"] = "4", ["PaidOn"] = D(Today), ["Reference"] = "SP2D 77/2026" }))
            AssertRefused(notAdmin);
        using (var paid = await PostFormAsync(t.Admin, $"{list}/{orderId}", $"{list}/{orderId}?handler=Pay",
                   new() { ["Version"] = "4", ["PaidOn"] = D(Today), ["Reference"] = "SP2D 77/2026" }))
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var done = await t.Admin.Http.GetStringAsync($"{list}/{orderId}");
        Assert.Contains("data-testid=\"status\">Dibayar", done);
        Assert.Contains("tagihan.pdf", done);
        Assert.Contains("SP2D 77/2026", await vendor.Http.GetStringAsync($"{prefix}/{orderId}"));
        var budget = await t.Admin.Http.GetStringAsync($"/konsol/kerja-sama/anggaran?Tahun={Today.Year}");
        Assert.Contains("data-testid=\"realised\">Rp 1.500.000", budget);
        Assert.Contains("data-testid=\"remaining\"><strong>Rp 8.500.000</strong>", budget);
    }
}
