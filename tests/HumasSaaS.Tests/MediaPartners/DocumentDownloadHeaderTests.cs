using HumasSaaS.MediaPartners;
using System.Net;
using System.Text;
using HumasSaaS.Api.Platform.Uploads;
using HumasSaaS.Tests.Infrastructure;
using static HumasSaaS.Tests.MediaPartners.MediaPartnerKit;

namespace HumasSaaS.Tests.MediaPartners;

/// <summary>
/// Uploaded documents are served from the product's origin, so a crafted file must never run script there: the vendor
/// gets a download (attachment), the staff viewer an inline copy under a sandbox CSP; never sniffed, never cached.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DocumentDownloadHeaderTests(PlatformFixture fixture)
{
    // A well-formed PDF whose body also holds HTML with a script: harmless only if the browser neither sniffs nor runs it here.
    private static readonly byte[] PolyglotPdf = SampleFiles.Pdf(extraObjects: "(<html><body><script>document.title='pwned'</script></body></html>)");

    private static void AssertSafeHeaders(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl!.NoStore, "Cache-Control: no-store");
        Assert.True(response.Headers.CacheControl.Private, "Cache-Control: private");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Vendor_download_is_an_attachment_and_staff_view_is_inline_in_a_sandbox()
    {
        using var t = await CreateTenantAsync(fixture, "unduh-aman");
        using var vendor = await SignUpVendorAsync(fixture, t.Tenant.Slug);
        var partner = await ApplyAsync(vendor);
        var uploaded = await UploadAsync(vendor, "akta_pendirian", PolyglotPdf, fileName: "akta\"; x=\"<b>.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var docId = System.Text.Json.Nodes.JsonNode.Parse(await uploaded.Content.ReadAsStringAsync())!["document"]!["id"]!.GetValue<Guid>();

        using (var response = await vendor.Http.GetAsync($"/api/v1/vendor/partner/documents/{docId}/content"))
        {
            AssertSafeHeaders(response);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.DoesNotContain("\"", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
            Assert.Equal(PolyglotPdf, await response.Content.ReadAsByteArrayAsync());
        }

        using (var response = await t.Verifier.Http.GetAsync($"/api/v1/media-partners/{Id(partner)}/documents/{docId}/content"))
        {
            AssertSafeHeaders(response);
            Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
            var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal(DownloadHeaders.SandboxPolicy, csp);
            Assert.StartsWith("sandbox", csp);
            Assert.DoesNotContain("allow-scripts", csp);
            Assert.DoesNotContain("allow-same-origin", csp);
            Assert.Equal(PolyglotPdf, await response.Content.ReadAsByteArrayAsync());
        }
    }
}
