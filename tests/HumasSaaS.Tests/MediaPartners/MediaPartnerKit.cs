using HumasSaaS.MediaPartners;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.MediaPartners;

/// <summary>A tenant prepared for media partner tests: a small checklist, an open registration period, staff clients.</summary>
public sealed class PartnerTenant : IDisposable
{
    public required Tenant Tenant { get; init; }
    public required TestClient Admin { get; init; }
    public required TestClient Verifier { get; init; }
    public required TestClient Verifier2 { get; init; }

    public void Dispose()
    {
        Admin.Dispose();
        Verifier.Dispose();
        Verifier2.Dispose();
    }
}

public static class MediaPartnerKit
{
    public static readonly byte[] Pdf = SampleFiles.Pdf();
    public static readonly byte[] Png = SampleFiles.Png(4, 3);
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>Checklist: akta (mandatory, PDF, 1 MB), npwp (mandatory, PDF/PNG, 1 MB), spt (optional, expires in 12 months).</summary>
    public static object[] Checklist =>
    [
        new { code = "akta_pendirian", label = "Akta pendirian", mediaTypes = new[] { "online", "print_daily" }, mandatory = true, expires = false, defaultValidityMonths = (int?)null, acceptedFormats = new[] { "pdf" }, maxSizeMb = 1 },
        new { code = "npwp_perusahaan", label = "NPWP perusahaan", mediaTypes = new[] { "online", "print_daily" }, mandatory = true, expires = true, defaultValidityMonths = (int?)12, acceptedFormats = new[] { "pdf", "png" }, maxSizeMb = 1 },
        new { code = "spt_tahunan", label = "SPT Tahunan", mediaTypes = new[] { "online" }, mandatory = false, expires = true, defaultValidityMonths = (int?)12, acceptedFormats = new[] { "pdf" }, maxSizeMb = 1 },
    ];

    public static async Task<PartnerTenant> CreateTenantAsync(PlatformFixture fixture, string prefix, bool registrationOpen = true)
    {
        var tenant = await fixture.CreateTenantAsync(prefix);
        var admin = await fixture.SignedInClientAsync(PlatformFixture.AdminEmail(tenant.Slug), tenant.Slug);
        await PutSectionAsync(admin, "documentChecklist", Checklist);
        await SetPeriodAsync(admin, registrationOpen
            ? Period(Today.AddDays(-5), Today.AddDays(10), Today.AddDays(11), Today.AddDays(13))
            : Period(Today.AddDays(-30), Today.AddDays(-10), null, null));
        var verifier = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Verifier), tenant.Slug);
        var verifier2 = await fixture.SignedInClientAsync(await fixture.AddMemberAsync(tenant, TenantRole.Verifier), tenant.Slug);
        return new PartnerTenant { Tenant = tenant, Admin = admin, Verifier = verifier, Verifier2 = verifier2 };
    }

    public static object Period(DateOnly opens, DateOnly closes, DateOnly? objectionOpens, DateOnly? objectionCloses) => new
    {
        code = "2026", label = "Pendaftaran media mitra 2026", registrationOpens = D(opens), registrationCloses = D(closes),
        objectionOpens = objectionOpens is { } o ? D(o) : null, objectionCloses = objectionCloses is { } c ? D(c) : null,
    };

    public static Task SetPeriodAsync(TestClient admin, object period) => PutSectionAsync(admin, "intakePeriods", new[] { period });

    public static async Task PutSectionAsync(TestClient admin, string section, object value)
    {
        var config = JsonNode.Parse(await admin.Http.GetStringAsync("/api/v1/configuration"))!;
        var response = await admin.Http.PutAsJsonAsync($"/api/v1/configuration/sections/{section}",
            new { version = config["version"]!.GetValue<int>(), note = "uji media mitra", value });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new vendor account + company, signed in, addressing <paramref name="tenantSlug"/>.</summary>
    public static async Task<TestClient> SignUpVendorAsync(PlatformFixture fixture, string tenantSlug, string company = "PT Suara Nyiur Melambai") =>
        (await SignUpVendorAccountAsync(fixture.App, tenantSlug, company)).Client;

    /// <summary>Vendor sign-up through the API; returns the signed-in client and the account's email.</summary>
    public static async Task<(TestClient Client, string Email)> SignUpVendorAccountAsync(AppInstance app, string? tenantSlug,
        string company = "PT Suara Nyiur Melambai", string displayName = "Rina Sumual")
    {
        var client = app.CreateClient(tenantSlug);
        var email = $"vendor-{Guid.NewGuid():N}@media.uji.id";
        var response = await client.Http.PostAsJsonAsync("/api/v1/vendor/sign-up",
            new { email, password = PlatformFixture.Password, displayName, companyName = company });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (client, email);
    }

    public static object Profile(string mediaName = "Nyiur Online", string npwp = "01.234.567.8-912.000", string nib = "9120301234567",
        string? url = "https://nyiur.example.id", string mediaType = "online") => new
    {
        legalName = "PT Suara Nyiur Melambai", legalForm = "pt", mediaName, mediaType, scale = "lokal", npwp, nib,
        address = "Jl. Raya Ratahan No. 5, Minahasa Tenggara",
        chiefEditor = new { name = "Joppy Rumengan", role = "Pemimpin Redaksi", ukwLevel = "utama", ukwNumber = "UKW-123/2019", ukwDate = "2019-05-02" },
        dewanPers = new { status = "faktual", certificateNumber = "975/DP-Verifikasi/K/IV/2022", certificateDate = "2022-04-12" },
        bank = new { bankName = "Bank SulutGo", accountNumber = "001-02-03456-7", accountHolder = "PT Suara Nyiur Melambai" },
        url,
        journalists = new[] { new { name = "Fany Lengkong", role = "Wartawan", ukwLevel = "muda", ukwNumber = "UKW-88/2023", ukwDate = "2023-08-01" } },
    };

    public static async Task<JsonNode> ApplyAsync(TestClient vendor, object? profile = null)
    {
        var response = await vendor.Http.PostAsJsonAsync("/api/v1/vendor/partner", new { profile = profile ?? Profile() });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    public static async Task<HttpResponseMessage> UploadAsync(TestClient vendor, string item, byte[] content, string? key = null, string fileName = "berkas.pdf",
        string contentType = "application/pdf")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vendor/partner/documents/{item}?fileName={Uri.EscapeDataString(fileName)}")
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await vendor.Http.SendAsync(request);
    }

    public static async Task<JsonNode> UploadOkAsync(TestClient vendor, string item, byte[]? content = null)
    {
        var response = await UploadAsync(vendor, item, content ?? Pdf);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonNode> GetJsonAsync(TestClient client, string path)
    {
        var response = await client.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonNode> PostOkAsync(TestClient client, string path, object body)
    {
        var response = await client.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static int Version(JsonNode partner) => partner["version"]!.GetValue<int>();

    public static string Status(JsonNode partner) => partner["status"]!.GetValue<string>();

    public static Guid Id(JsonNode partner) => partner["id"]!.GetValue<Guid>();

    public static Guid CurrentDocumentId(JsonNode partner, string item) =>
        partner["checklist"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == item)!["current"]!["id"]!.GetValue<Guid>();

    /// <summary>Vendor applies, uploads both mandatory documents and submits; returns the partner as the vendor sees it.</summary>
    public static async Task<JsonNode> SubmittedPartnerAsync(TestClient vendor)
    {
        await ApplyAsync(vendor);
        await UploadOkAsync(vendor, "akta_pendirian");
        await UploadOkAsync(vendor, "npwp_perusahaan", Png);
        var partner = await GetJsonAsync(vendor, "/api/v1/vendor/partner");
        return await PostOkAsync(vendor, "/api/v1/vendor/partner/submit", new { version = Version(partner) });
    }

    /// <summary>Staff starts review and accepts every current document; returns the partner as staff sees it.</summary>
    public static async Task<JsonNode> ReviewAndAcceptAllAsync(TestClient verifier, Guid id)
    {
        var partner = await GetJsonAsync(verifier, $"/api/v1/media-partners/{id}");
        if (Status(partner) == "submitted")
            partner = await PostOkAsync(verifier, $"/api/v1/media-partners/{id}/start-review", new { version = Version(partner) });
        foreach (var item in partner["checklist"]!.AsArray().Where(i => i!["current"] is not null).ToList())
        {
            var docId = item!["current"]!["id"]!.GetValue<Guid>();
            partner = await PostOkAsync(verifier, $"/api/v1/media-partners/{id}/documents/{docId}/decision",
                new { version = Version(partner), decision = "accepted", note = "Sesuai" });
        }
        return partner;
    }
}
