using HumasSaaS.MediaPartners;
using System.Globalization;
using System.Text;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.MediaPartners;

public sealed record IntakeInfoResponse(bool RegistrationOpen, IntakePeriod? OpenPeriod, IReadOnlyList<IntakePeriod> Periods,
    IReadOnlyList<DocumentRequirement> DocumentChecklist);

public sealed record DocumentUploadResponse(DocumentView Document, int PartnerVersion, PartnerStatus Status, bool Replayed);

public static class MediaPartnerServiceCollectionExtensions
{
    public static IServiceCollection AddMediaPartners(this IServiceCollection services)
    {
        services.AddSingleton<MediaCompanies>();
        services.AddSingleton<OpenIntakes>();
        services.AddSingleton<PartnerDocuments>();
        services.AddSingleton<MediaPartnerGrains>();
        services.AddHostedService<DocumentSweepJob>();
        return services;
    }
}

public static class MediaPartnerEndpoints
{
    public static void MapMediaPartners(this RouteGroupBuilder api)
    {
        MapVendor(api.MapGroup("/vendor").WithTags("Portal vendor media"));
        MapStaff(api.MapGroup("/media-partners").WithTags("Media mitra (konsol staf)"));
    }

    // ================================================================== vendor portal

    private static void MapVendor(RouteGroupBuilder vendor)
    {
        vendor.MapPost("/sign-up", async (VendorSignUpRequest request, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var (user, company) = await companies.SignUpAsync(request, ct);
            await CookieSession.SignInAsync(http, user);
            return TypedResults.Created("/api/v1/vendor/me", new VendorCompanyResponse(company.Id, company.Name, user.Email, []));
        }).AllowAnonymousByDesign("a media company creates its account").RequirePublicFormLimit("vendor_sign_up").WithName("VendorSignUp")
          .WithSummary("Daftar akun perusahaan media (email + kata sandi); langsung masuk (cookie)")
          .ProducesValidationProblem().ProducesProblem(409);

        vendor.MapGet("/me", async (MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            return TypedResults.Ok(new VendorCompanyResponse(me.Company.Id, me.Company.Name, me.Email, await companies.ApplicationsAsync(me.Company.Id, ct)));
        }).RequireSignedInAccount().WithName("VendorMe").WithSummary("Perusahaan media yang sedang masuk dan instansi tempat ia mendaftar")
          .ProducesProblem(401).ProducesProblem(403);

        vendor.MapGet("/intake", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var config = (await TenantConfiguration.LoadAsync(tx, ct)).State;
            var open = MediaPartner.OpenRegistration(config, IndonesiaDate.Today);
            return TypedResults.Ok(new IntakeInfoResponse(open is not null, open, config.IntakePeriods, config.DocumentChecklist));
        }).RequireTenantPublic().WithName("VendorIntakeInfo").WithSummary("Masa pendaftaran dan daftar dokumen persyaratan instansi");

        var partner = vendor.MapGroup("/partner").RequireTenantPublic();

        partner.MapPost("", async (ApplyRequest request, TenantContext tenant, MediaPartnerGrains partners, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var p = await partners.ApplyAsync(tenant.TenantId, me, request.Profile, ct);
            return TypedResults.Created("/api/v1/vendor/partner", Build(p, await ConfigurationAsync(tenant, partners, ct)));
        }).WithName("VendorApply").WithSummary("Perusahaan mendaftar sebagai media mitra instansi ini (hanya pada masa pendaftaran)")
          .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);

        partner.MapGet("", async (TenantContext tenant, MediaPartnerGrains partners, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var p = await partners.RequireByCompanyAsync(tenant.TenantId, me.Company.Id, ct);
            return TypedResults.Ok(Build(p, await ConfigurationAsync(tenant, partners, ct)));
        }).WithName("VendorGetPartner").WithSummary("Status, profil, daftar periksa dokumen dan catatan verifikator milik perusahaan Anda")
          .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        partner.MapPut("/profile", async (UpdateProfileRequest request, TenantContext tenant, MediaPartnerGrains partners, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var p = await partners.RequireByCompanyAsync(tenant.TenantId, me.Company.Id, ct);
            var changed = await partners.Grain(tenant.TenantId, p.Id).ChangeProfile(request.Version, request.Profile, me.Actor);
            return TypedResults.Ok(Build(MediaPartnerGrains.ToPartner(changed), await ConfigurationAsync(tenant, partners, ct)));
        }).WithName("VendorUpdateProfile").WithSummary("Ubah profil (saat Draf atau Perlu perbaikan); 409 bila versi berubah")
          .ProducesValidationProblem().ProducesProblem(409);

        partner.MapPut("/documents/{itemCode}", async (string itemCode, string? fileName, DateOnly? validUntil, TenantContext tenant,
            MediaCompanies companies, PartnerDocuments documents, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            var outcome = await documents.UploadAsync(http, tenant.TenantId, me, itemCode, fileName, validUntil, key.Length == 0 ? null : key, ct);
            var body = new DocumentUploadResponse(View(outcome.Document), outcome.PartnerVersion, outcome.Status, !outcome.Created);
            return outcome.Created
                ? Results.Created($"/api/v1/vendor/partner/documents/{outcome.Document.Id}/content", body)
                : Results.Ok(body);
        }).WithName("VendorUploadDocument")
          .WithSummary("Unggah (atau ganti) dokumen untuk satu butir daftar periksa. Isi permintaan = isi berkas (PDF/JPEG/PNG), " +
                       "dialirkan ke penyimpanan; header Idempotency-Key dihormati; ?fileName=&validUntil=yyyy-MM-dd opsional")
          .Accepts<byte[]>("application/pdf", "image/jpeg", "image/png", "application/octet-stream")
          .Produces<DocumentUploadResponse>(201).Produces<DocumentUploadResponse>(200)
          .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        partner.MapGet("/documents/{documentId:guid}/content", async (Guid documentId, TenantContext tenant, MediaPartnerGrains partners, MediaCompanies companies,
            PartnerDocuments documents, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var p = await partners.RequireByCompanyAsync(tenant.TenantId, me.Company.Id, ct);
            var doc = p.Documents.FirstOrDefault(d => d.Id == documentId) ?? throw new NotFoundException("Dokumen tidak ditemukan.");
            return await documents.StreamAsync(http, tenant.TenantId, doc, ct);
        }).WithName("VendorDownloadDocument").WithSummary("Unduh dokumen milik perusahaan Anda (dialirkan melalui API)")
          .Produces(200, null, "application/pdf", "image/jpeg", "image/png").ProducesProblem(404);

        partner.MapPost("/submit", async (VersionRequest request, TenantContext tenant, MediaPartnerGrains partners, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var p = await partners.RequireByCompanyAsync(tenant.TenantId, me.Company.Id, ct);
            var changed = await partners.Grain(tenant.TenantId, p.Id).Submit(request.Version, IndonesiaDate.Today, me.Actor);
            return TypedResults.Ok(Build(MediaPartnerGrains.ToPartner(changed), await ConfigurationAsync(tenant, partners, ct)));
        }).WithName("VendorSubmit").WithSummary("Ajukan berkas untuk diverifikasi (semua dokumen wajib harus ada)")
          .ProducesProblem(409).ProducesProblem(422);

        partner.MapPost("/objection", async (NoteRequest request, TenantContext tenant, MediaPartnerGrains partners, MediaCompanies companies, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var p = await partners.RequireByCompanyAsync(tenant.TenantId, me.Company.Id, ct);
            var changed = await partners.Grain(tenant.TenantId, p.Id).FileObjection(request.Version, request.Note, IndonesiaDate.Today, me.Actor);
            return TypedResults.Ok(Build(MediaPartnerGrains.ToPartner(changed), await ConfigurationAsync(tenant, partners, ct)));
        }).WithName("VendorFileObjection").WithSummary("Ajukan sanggahan atas hasil yang diumumkan (hanya pada masa sanggah)")
          .ProducesValidationProblem().ProducesProblem(409);

        partner.MapPost("/reuse-documents", async (ReuseDocumentsRequest request, TenantContext tenant, Db db, MediaCompanies companies,
            PartnerDocuments documents, HttpContext http, CancellationToken ct) =>
        {
            var me = await companies.RequireVendorAsync(http, ct);
            var attached = await documents.ReuseAsync(tenant.TenantId, me, request, ct);
            return TypedResults.Ok(attached.Select(View).ToList());
        }).WithName("VendorReuseDocuments")
          .WithSummary("Pakai ulang dokumen yang sudah diunggah di instansi lain (disalin di sisi server ke penyimpanan instansi ini)")
          .ProducesValidationProblem().ProducesProblem(409);
    }

    // ================================================================== staff console

    private static void MapStaff(RouteGroupBuilder staff)
    {
        TenantRole[] readers = [TenantRole.Verifier, TenantRole.Viewer];
        TenantRole[] deciders = [TenantRole.Verifier];

        staff.MapGet("", async (string? status, string? mediaType, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            var v = new Validator();
            if (status is not null && !Enum.GetValues<PartnerStatus>().Any(s => EntityJson.EnumText(s) == status))
                v.Add("status", "Status tidak dikenal: " + string.Join(", ", Enum.GetValues<PartnerStatus>().Select(EntityJson.EnumText)) + ".");
            if (mediaType is not null && !Enum.GetValues<MediaType>().Any(m => EntityJson.EnumText(m) == mediaType))
                v.Add("mediaType", "Jenis media tidak dikenal: " + string.Join(", ", Enum.GetValues<MediaType>().Select(EntityJson.EnumText)) + ".");
            v.ThrowIfInvalid();
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(await ListAsync(tx, status, mediaType, ct));
        }).RequireTenant(readers).WithName("ListMediaPartners")
          .WithSummary("Antrean media mitra menurut status (?status=submitted|in_review|verified|...&mediaType=online|...)");

        staff.MapGet("/expiring-documents", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(await ExpiringAsync(tx, ct));
        }).RequireTenant(readers).WithName("ListExpiringMediaPartnerDocuments").WithSummary("Dokumen segera kedaluwarsa dan kedaluwarsa");

        staff.MapGet("/audit.csv", async (Guid? partnerId, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var names = (await tx.QueryAsync<(Guid Id, string Name)>("SELECT id, state -> 'profile' ->> 'mediaName' FROM media_partners", ct: ct))
                .ToDictionary(r => r.Id, r => r.Name);
            var events = await AuditLog.ListAsync(tx, MediaPartner.EntityType, partnerId, 100_000, ct);
            var items = (await TenantConfiguration.LoadAsync(tx, ct)).State.DocumentChecklist.ToDictionary(i => i.Code, i => i.Label);
            // For people (a spreadsheet): times in WIB, actions and details in words; the JSON audit endpoint keeps the codes.
            var csv = new StringBuilder("waktu_wib,media_mitra_id,nama_media,tindakan,pelaku,catatan,rincian\r\n");
            foreach (var e in events.OrderBy(e => e.Id))
            {
                csv.AppendJoin(',', [
                    IndonesiaTime.Local(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.EntityId.ToString(),
                    CsvCell.Minimal(names.GetValueOrDefault(e.EntityId)), CsvCell.Minimal(Words.Action(e.Action)), CsvCell.Minimal(e.ActorName),
                    CsvCell.Minimal(e.Note), CsvCell.Minimal(AuditDetail(e.Data, items))]).Append("\r\n");
            }
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
                $"jejak-audit-media-mitra-{IndonesiaDate.Today:yyyyMMdd}.csv");
        }).RequireTenant(readers).WithName("ExportMediaPartnerAuditCsv")
          .WithSummary("Ekspor jejak audit media mitra (CSV; ?partnerId= untuk satu mitra)").Produces(200, contentType: "text/csv");

        staff.MapGet("/{id:guid}", async (Guid id, TenantContext tenant, MediaPartnerGrains partners, CancellationToken ct) =>
        {
            var p = await partners.RequireAsync(tenant.TenantId, id);
            return TypedResults.Ok(Build(p, await ConfigurationAsync(tenant, partners, ct)));
        }).RequireTenant(readers).WithName("GetMediaPartner").WithSummary("Rincian media mitra: profil, dokumen (terkini dan riwayat), keputusan");

        staff.MapGet("/{id:guid}/audit", async (Guid id, TenantContext tenant, Db db, MediaPartnerGrains partners, CancellationToken ct) =>
        {
            await partners.RequireAsync(tenant.TenantId, id);
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(await AuditLog.ListAsync(tx, MediaPartner.EntityType, id, 1000, ct));
        }).RequireTenant(readers).WithName("GetMediaPartnerAudit").WithSummary("Jejak audit satu media mitra: siapa, kapan, apa, catatan");

        staff.MapGet("/{id:guid}/documents/{documentId:guid}/content", async (Guid id, Guid documentId, TenantContext tenant, Db db,
            MediaPartnerGrains partners, PartnerDocuments documents, HttpContext http, CancellationToken ct) =>
        {
            PartnerDocument doc;
            var p = await partners.RequireAsync(tenant.TenantId, id);
            await using (var tx = await db.BeginTenantAsync(tenant.TenantId, ct))
            {
                doc = p.Documents.FirstOrDefault(d => d.Id == documentId) ?? throw new NotFoundException("Dokumen tidak ditemukan.");
                // Personal data (UU 27/2022): every read by staff is logged.
                await AuditLog.WriteAsync(tx, MediaPartner.EntityType, id, "document_viewed", tenant.RequiredActor, null,
                    new { documentId, doc.ItemCode, doc.Revision }, ct);
                await tx.CommitAsync(ct);
            }
            return await documents.StreamAsync(http, tenant.TenantId, doc, ct, inline: true);
        }).RequireTenant(readers).WithName("DownloadMediaPartnerDocument")
          .WithSummary("Buka dokumen (PDF/gambar, inline) — diotorisasi per permintaan dan dicatat di jejak audit")
          .Produces(200, null, "application/pdf", "image/jpeg", "image/png");

        MapDecision<VersionRequest>(staff, "/{id:guid}/start-review", "StartMediaPartnerReview", "Mulai verifikasi berkas yang diajukan", deciders,
            r => new PartnerDecisionCommand(PartnerDecisionKind.StartReview, r.Version, r.Note));
        MapDecision<NoteRequest>(staff, "/{id:guid}/request-revision", "RequestMediaPartnerRevision",
            "Minta perbaikan (kembali ke vendor) dengan catatan", deciders, r => new PartnerDecisionCommand(PartnerDecisionKind.RequestRevision, r.Version, r.Note));
        MapDecision<VerifyRequest>(staff, "/{id:guid}/verify", "VerifyMediaPartner",
            "Nyatakan terverifikasi dengan grade menurut skema instansi (semua dokumen wajib harus diterima)", deciders,
            r => new PartnerDecisionCommand(PartnerDecisionKind.Verify, r.Version, r.Note, r.Grade, r.Points));
        MapDecision<NoteRequest>(staff, "/{id:guid}/reject", "RejectMediaPartner", "Tolak pendaftaran dengan catatan", deciders,
            r => new PartnerDecisionCommand(PartnerDecisionKind.Reject, r.Version, r.Note));
        MapDecision<VersionRequest>(staff, "/{id:guid}/announce", "AnnounceMediaPartnerResult", "Umumkan hasil (membuka masa sanggah)", deciders,
            r => new PartnerDecisionCommand(PartnerDecisionKind.Announce, r.Version));

        staff.MapPost("/{id:guid}/documents/{documentId:guid}/decision", async (Guid id, Guid documentId, DocumentDecisionRequest request,
            TenantContext tenant, MediaPartnerGrains partners, CancellationToken ct) =>
        {
            var changed = await partners.Grain(tenant.TenantId, id).DecideDocument(request.Version, documentId, request.Decision, request.Note, tenant.RequiredActor);
            return TypedResults.Ok(Build(MediaPartnerGrains.ToPartner(changed), await ConfigurationAsync(tenant, partners, ct)));
        }).RequireTenant(deciders).WithName("DecideMediaPartnerDocument")
          .WithSummary("Terima atau tolak satu dokumen dengan catatan untuk vendor").ProducesValidationProblem().ProducesProblem(409);
    }

    private static void MapDecision<TRequest>(RouteGroupBuilder staff, string pattern, string name, string summary, TenantRole[] roles,
        Func<TRequest, PartnerDecisionCommand> command) where TRequest : notnull
    {
        staff.MapPost(pattern, async (Guid id, TRequest request, TenantContext tenant, MediaPartnerGrains partners, CancellationToken ct) =>
        {
            var changed = await partners.Grain(tenant.TenantId, id).Decide(command(request), IndonesiaDate.Today, tenant.RequiredActor);
            return TypedResults.Ok(Build(MediaPartnerGrains.ToPartner(changed), await ConfigurationAsync(tenant, partners, ct)));
        }).RequireTenant(roles).WithName(name).WithSummary(summary + " (409 bila versi sudah berubah)")
          .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422);
    }

    private static async Task<TenantConfigurationState> ConfigurationAsync(TenantContext tenant, MediaPartnerGrains partners, CancellationToken ct) =>
        await partners.ConfigurationAsync(tenant.TenantId, ct);

    /// <summary>The queue/listing: only the summary fields are read out of the state in SQL (no full-state deserialisation per row).</summary>
    public static async Task<List<PartnerSummary>> ListAsync(TenantTransaction tx, string? status, string? mediaType, CancellationToken ct)
    {
        var rows = await tx.QueryAsync<(Guid Id, int Version, Guid CompanyId, string CompanyName, string MediaName, string MediaType, string Status,
            string? Grade, DateTime? SubmittedAt, bool Announced)>(
            """
            SELECT id, version, company_id, state ->> 'companyName', state -> 'profile' ->> 'mediaName', state -> 'profile' ->> 'mediaType', status,
                   CASE WHEN status = 'verified' THEN state -> 'decision' ->> 'grade' END,
                   (state ->> 'submittedAt')::timestamptz, jsonb_typeof(state -> 'announcement') = 'object'
            FROM media_partners
            WHERE (@status::text IS NULL OR status = @status) AND (@mediaType::text IS NULL OR state -> 'profile' ->> 'mediaType' = @mediaType)
            ORDER BY state -> 'profile' ->> 'mediaName', id
            """, new { status, mediaType }, ct);
        return rows.Select(r =>
        {
            var partnerStatus = EnumFromText<PartnerStatus>(r.Status);
            return new PartnerSummary(r.Id, r.Version, r.CompanyId, r.CompanyName, r.MediaName, EnumFromText<MediaType>(r.MediaType), partnerStatus,
                MediaPartnerLabels.Status(partnerStatus), r.Grade, r.SubmittedAt, r.Announced);
        }).ToList();
    }

    private static TEnum EnumFromText<TEnum>(string text) where TEnum : struct, Enum =>
        EnumText<TEnum>.ByText.TryGetValue(text, out var value) ? value : throw new InvalidOperationException($"{typeof(TEnum).Name} '{text}' in stored state");

    private static class EnumText<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByText = Enum.GetValues<TEnum>().ToDictionary(v => EntityJson.EnumText(v), StringComparer.Ordinal);
    }

    public static async Task<List<ExpiringDocumentView>> ExpiringAsync(TenantTransaction tx, CancellationToken ct)
    {
        var rows = await tx.QueryAsync<(Guid PartnerId, string MediaName, Guid DocumentId, string ItemCode, DateTime ValidUntil, string ExpiryState)>(
            """
            SELECT d.partner_id, p.state -> 'profile' ->> 'mediaName', d.id, d.item_code, d.valid_until, d.expiry_state
            FROM media_partner_documents d JOIN media_partners p ON p.tenant_id = d.tenant_id AND p.id = d.partner_id
            WHERE d.state = 'current' AND d.expiry_state <> 'valid'
            ORDER BY d.valid_until, d.id
            """, ct: ct);
        return rows.Select(r =>
        {
            var state = ParseExpiry(r.ExpiryState);
            return new ExpiringDocumentView(r.PartnerId, r.MediaName, r.DocumentId, r.ItemCode, DateOnly.FromDateTime(r.ValidUntil), state, MediaPartnerLabels.Expiry(state));
        }).ToList();
    }

    // ================================================================== views

    public static PartnerResponse Build(MediaPartner p, TenantConfigurationState config)
    {
        var checklist = p.Checklist(config).Select(item =>
        {
            var current = p.CurrentDocuments.FirstOrDefault(d => d.ItemCode == item.Code);
            var status = current is null ? (item.Mandatory ? "belum diunggah (wajib)" : "belum diunggah")
                : current.Review == "accepted" ? "diterima"
                : current.Review == "rejected" ? "ditolak — perlu diganti"
                : "menunggu pemeriksaan";
            return new ChecklistItemView(item.Code, item.Label, item.Mandatory, item.AcceptedFormats, item.MaxSizeMb, item.Expires, status,
                current is null ? null : View(current));
        }).ToList();
        return new PartnerResponse(p.Id, p.Version, p.State.Status, MediaPartnerLabels.Status(p.State.Status), p.State, checklist,
            p.Documents.Where(d => !d.IsCurrent).Select(View).ToList());
    }

    /// <summary>An audit row's data in words: status change, document and revision, grade.</summary>
    public static string AuditDetail(string? data, IReadOnlyDictionary<string, string> itemLabels)
    {
        if (string.IsNullOrEmpty(data)) return "";
        using var json = System.Text.Json.JsonDocument.Parse(data);
        if (json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return "";
        var root = json.RootElement;
        string? Text(System.Text.Json.JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number ? v.ToString() : null;
        string Status(string text) => Words.Find(nameof(PartnerStatus), text) ?? text;
        var parts = new List<string>();
        if (Text(root, "from") is { } from && Text(root, "to") is { } to)
            parts.Add(from == to ? "status " + Status(to) : $"{Status(from)} → {Status(to)}");
        else if (Text(root, "to") is { } onlyTo) parts.Add("status " + Status(onlyTo));
        if (Text(root, "itemCode") is { } item) parts.Add("dokumen " + (itemLabels.GetValueOrDefault(item) ?? item));
        if (Text(root, "revision") is { } revision) parts.Add("versi " + revision);
        if (Text(root, "validUntil") is { } until && DateOnly.TryParse(until, CultureInfo.InvariantCulture, out var u)) parts.Add("berlaku s.d. " + IndonesiaTime.Format(u));
        var extra = root.TryGetProperty("extra", out var x) && x.ValueKind == System.Text.Json.JsonValueKind.Object ? x : root;
        if (Text(extra, "grade") is { } grade) parts.Add("grade " + grade);
        if (Text(extra, "points") is { } points) parts.Add(points + " poin");
        return string.Join("; ", parts);
    }

    public static DocumentView View(PartnerDocument d)
    {
        var expiry = ParseExpiry(d.ExpiryState);
        return new DocumentView(d.Id, d.ItemCode, d.Revision, d.State, d.FileName, d.ContentType, d.Length, d.Sha256, d.ValidUntil, expiry,
            MediaPartnerLabels.Expiry(expiry), d.Review switch { "accepted" => DocumentReview.Accepted, "rejected" => DocumentReview.Rejected, _ => null },
            d.ReviewNote, d.ReviewedBy, d.ReviewedAt, d.UploadedAt, d.Source);
    }

    private static ExpiryState ParseExpiry(string s) => s switch
    {
        "expired" => ExpiryState.Expired,
        "expiring_soon" => ExpiryState.ExpiringSoon,
        _ => ExpiryState.Valid,
    };

}
