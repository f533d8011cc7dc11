using HumasSaaS.MediaPartners;
using System.Text;
using System.Text.Json;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Storage;

namespace HumasSaaS.Api.MediaPartners;

/// <summary>
/// Demo media partners in Minahasa Tenggara (fictional companies): one verified (grade A, announced), one submitted and
/// waiting for review, one still a draft; each company has a vendor account (redaksi@…demo.humassaas.id, demo password).
/// Idempotent: does nothing when the tenant already has media partners.
/// </summary>
public static class DemoMediaPartners
{
    public const string TenantSlug = "minahasa-tenggara";

    private static readonly (string Email, string Person, string Company, string Media, MediaType Type, PartnerStatus Target)[] Companies =
    [
        ("redaksi@nyiur-online.demo.humassaas.id", "Rina Sumual", "PT Nyiur Media Utama", "Nyiur Online", MediaType.Online, PartnerStatus.Verified),
        ("redaksi@ratahan-pos.demo.humassaas.id", "Stevan Pangemanan", "PT Ratahan Pos Mandiri", "Ratahan Pos", MediaType.PrintDaily, PartnerStatus.Submitted),
        ("redaksi@suara-belang.demo.humassaas.id", "Meiske Tumbel", "PT Suara Belang Pesisir", "Suara Belang", MediaType.Online, PartnerStatus.Draft),
    ];

    public static async Task SeedAsync(IServiceProvider services, string password, CancellationToken ct = default)
    {
        var directory = services.GetRequiredService<TenantDirectory>();
        var db = services.GetRequiredService<Db>();
        var blobs = services.GetRequiredService<IBlobStore>();
        var companies = services.GetRequiredService<MediaCompanies>();
        var accounts = services.GetRequiredService<UserAccounts>();
        var partners = services.GetRequiredService<MediaPartnerGrains>();
        if (await directory.FindBySlugAsync(TenantSlug, ct) is not { } tenant) return;

        var today = IndonesiaDate.Today;
        var system = new Actor(null, "Sistem (data demo)");
        await using (var tx = await db.BeginTenantAsync(tenant.Id, ct))
        {
            if (await tx.ExecuteScalarAsync<long>("SELECT count(*) FROM media_partners", ct: ct) > 0) return;
            var config = await TenantConfiguration.LoadAsync(tx, ct);
            if (MediaPartner.OpenRegistration(config.State, today) is null)
            {
                var period = new IntakePeriod($"demo-{today.Year}", $"Pendaftaran media mitra {today.Year}", today.AddDays(-14), today.AddDays(30),
                    today.AddDays(31), today.AddDays(33));
                config.ReplaceSection(HumasSaaS.Configuration.ConfigurationSection.IntakePeriods,
                    JsonSerializer.SerializeToElement(config.State.IntakePeriods.Append(period).ToList(), EntityJson.Options));
                await config.SaveAsync(tx, config.Version, system, "Masa pendaftaran media mitra (data demo)", null, ct);
                await tx.CommitAsync(ct);
            }
        }

        var container = PartnerDocuments.ContainerFor(tenant.Id);
        await blobs.CreateContainerIfNotExistsAsync(container, ct);
        foreach (var c in Companies)
        {
            VendorIdentity vendor;
            await using (var connection = await db.OpenPlatformAsync(ct))
            {
                var existing = await accounts.FindByEmailAsync(connection, null, c.Email, ct);
                vendor = existing is not null && await companies.FindVendorAsync(existing.Id, ct) is { } found
                    ? found
                    : await SignUpAsync(companies, c.Email, c.Person, c.Company, password, ct);
            }

            var grain = partners.Grain(tenant.Id, MediaPartnerGrains.IdFor(tenant.Id, vendor.Company.Id));
            var partner = await grain.Get() ?? await grain.Apply(vendor.Company.Id, vendor.Company.Name, Profile(c.Company, c.Media, c.Type), today, vendor.Actor);
            if (c.Target == PartnerStatus.Draft || partner.State.Status != PartnerStatus.Draft) continue;
            var config = await partners.ConfigurationAsync(tenant.Id, ct);
            var attachments = new List<DocumentAttachment>();
            foreach (var item in MediaPartnerGrains.ToPartner(partner).Checklist(config).Where(i => i.Mandatory))
            {
                var blobName = $"{PartnerDocuments.BlobPrefix}{partner.Id:N}/{item.Code}/{Guid.NewGuid():N}";
                var pdf = DemoPdf($"{c.Company} - {item.Label}");
                var uploaded = await blobs.UploadAsync(container, blobName, new MemoryStream(pdf), new BlobUploadOptions
                {
                    DetectContentType = h => PartnerDocuments.Sniff(h.Span, [AcceptedFormat.Pdf]),
                    IfNoneMatchAny = true,
                }, ct);
                attachments.Add(new DocumentAttachment(item.Code, blobName, item.Code.Replace('_', '-') + ".pdf", uploaded.ContentType, uploaded.Length,
                    uploaded.Sha256Hex, null, "data demo", null));
            }
            var attached = await grain.AttachDocuments(attachments, today, vendor.Actor);
            partner = await grain.Submit(attached.Version, today, vendor.Actor);
            if (c.Target != PartnerStatus.Verified) continue;
            var verifier = new Actor(null, "Verifikator Demo");
            partner = await grain.Decide(new PartnerDecisionCommand(PartnerDecisionKind.StartReview, partner.Version), today, verifier);
            foreach (var doc in partner.Documents.Where(d => d.IsCurrent).ToList())
                partner = await grain.DecideDocument(partner.Version, doc.Id, DocumentReview.Accepted, "Sesuai", verifier);
            partner = await grain.Decide(new PartnerDecisionCommand(PartnerDecisionKind.Verify, partner.Version, "Terverifikasi faktual Dewan Pers",
                config.Grading.Grades[0].Code), today, verifier);
            await grain.Decide(new PartnerDecisionCommand(PartnerDecisionKind.Announce, partner.Version), today, verifier);
        }
    }

    private static async Task<VendorIdentity> SignUpAsync(MediaCompanies companies, string email, string person, string company, string password, CancellationToken ct)
    {
        var (user, created) = await companies.SignUpAsync(new VendorSignUpRequest(email, password, person, company), ct);
        return new VendorIdentity(user.Id, user.Email, user.DisplayName, created);
    }

    private static MediaPartnerProfile Profile(string company, string media, MediaType type) => new(
        company, LegalForm.Pt, media, type, MediaScale.Lokal, "012345678912000", "9120301234567",
        "Jl. Raya Ratahan, Kabupaten Minahasa Tenggara, Sulawesi Utara",
        new Journalist("Pemimpin Redaksi " + media, "Pemimpin Redaksi", UkwLevel.Utama, "UKW-UT-0012/2019", new DateOnly(2019, 5, 2)),
        new DewanPersVerification(DewanPersStatus.Faktual, "975/DP-Verifikasi/K/IV/2022", new DateOnly(2022, 4, 12)),
        new BankAccount("Bank SulutGo", "0010203456789", company),
        type == MediaType.Online ? $"https://{media.ToLowerInvariant().Replace(' ', '-')}.example.id" : null,
        [new Journalist("Wartawan " + media, "Wartawan Minahasa Tenggara", UkwLevel.Muda, "UKW-MD-0456/2023", new DateOnly(2023, 8, 1))],
        new DateOnly(2015, 3, 1));

    /// <summary>A minimal valid one-page PDF that shows <paramref name="text"/>.</summary>
    public static byte[] DemoPdf(string text)
    {
        var safe = new string(text.Where(ch => ch is >= ' ' and <= '~' and not ('(' or ')' or '\\')).ToArray());
        var stream = $"BT /F1 14 Tf 60 760 Td (Dokumen demo HumasSaaS) Tj 0 -24 Td ({safe}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = sb.Length;
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
