using System.Text.RegularExpressions;
using HumasSaaS.Grains;

namespace HumasSaaS.MediaPartners;

/// <summary>Dates as the offices see them (Indonesia; WIB is the earliest of its time zones).</summary>
public static class IndonesiaDate
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
}

/// <summary>
/// The rules of a media company's partnership with one tenant: workflow, intake and objection windows, grading and
/// documents. It holds no persistence: <see cref="MediaPartnerGrain"/> owns the state, calls these methods, and writes
/// what <see cref="TakeChanges"/> returns (changed documents and one audit entry per transition).
/// </summary>
public sealed class MediaPartner
{
    public const string EntityType = "media_partner";
    public const int DefaultSoonDays = 30;

    /// <summary>Audit actions that are workflow transitions (the rest are document events and access logs).</summary>
    public static readonly IReadOnlySet<string> TransitionActions = new HashSet<string>
    {
        "applied", "submitted", "review_started", "revision_requested", "verified", "rejected", "announced",
        "objection_filed", "returned_to_review",
    };

    private readonly List<PartnerDocument> documents;
    private readonly HashSet<Guid> changedDocuments = [];
    private readonly List<(string Action, string? Note, object? Data)> events = [];
    private readonly List<OutboxEntry> outbox = [];

    public MediaPartner(Guid id, MediaPartnerState state, int version, IEnumerable<PartnerDocument> documents)
    {
        Id = id;
        State = state;
        Version = version;
        this.documents = documents.OrderBy(d => d.ItemCode, StringComparer.Ordinal).ThenByDescending(d => d.Revision).ToList();
    }

    public Guid Id { get; }
    public MediaPartnerState State { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<PartnerDocument> Documents => documents;
    public IEnumerable<PartnerDocument> CurrentDocuments => documents.Where(d => d.IsCurrent);

    // ------------------------------------------------------------------ creation and profile

    /// <summary>A company applies to this tenant: only while a registration period is open.</summary>
    public static MediaPartner Apply(Guid id, Guid companyId, string companyName, MediaPartnerProfile profile, TenantConfigurationState config, DateOnly today)
    {
        var period = OpenRegistration(config, today) ?? throw new DomainRuleException("Pendaftaran ditutup",
            "Pendaftaran media mitra sedang ditutup: tidak ada masa pendaftaran yang terbuka hari ini. " +
            "Silakan mendaftar pada masa pendaftaran yang diumumkan instansi.", 409);
        var partner = new MediaPartner(id,
            new MediaPartnerState(companyId, companyName, PartnerStatus.Draft, MediaPartnerProfileRules.Normalize(profile, today), period.Code, DateTime.UtcNow),
            0, []);
        partner.events.Add(("applied", null, new { to = EntityJson.EnumText(PartnerStatus.Draft), intakePeriod = period.Code }));
        return partner;
    }

    public static IntakePeriod? OpenRegistration(TenantConfigurationState config, DateOnly today) =>
        config.IntakePeriods.Where(p => p.RegistrationOpens <= today && today <= p.RegistrationCloses).OrderBy(p => p.RegistrationCloses).FirstOrDefault();

    public void ChangeProfile(MediaPartnerProfile profile, DateOnly today)
    {
        if (State.Status is not (PartnerStatus.Draft or PartnerStatus.NeedsRevision))
            throw Locked("Profil hanya dapat diubah saat berstatus Draf atau Perlu perbaikan.");
        State = State with { Profile = MediaPartnerProfileRules.Normalize(profile, today) };
        events.Add(("profile_changed", null, null));
    }

    // ------------------------------------------------------------------ documents

    /// <summary>The checklist items that apply to this partner's media type.</summary>
    public IReadOnlyList<DocumentRequirement> Checklist(TenantConfigurationState config) =>
        config.DocumentChecklist.Where(i => i.MediaTypes.Contains(State.Profile.MediaType)).ToList();

    public DocumentRequirement RequireItem(TenantConfigurationState config, string itemCode) =>
        Checklist(config).FirstOrDefault(i => i.Code == itemCode)
        ?? throw new NotFoundException($"Jenis dokumen '{itemCode}' tidak ada dalam daftar persyaratan untuk media ini.");

    public void EnsureDocumentsEditable()
    {
        if (State.Status is PartnerStatus.Submitted or PartnerStatus.InReview)
            throw Locked("Berkas sedang diperiksa verifikator; dokumen tidak dapat diganti sampai pemeriksaan selesai.");
        if (State.Status is PartnerStatus.Rejected)
            throw Locked("Pendaftaran ini ditolak; dokumen tidak dapat diganti.");
    }

    public PartnerDocument? FindByIdempotencyKey(string key) => documents.FirstOrDefault(d => d.IdempotencyKey == key);

    /// <summary>
    /// Adds a committed blob as the new current revision of a checklist item; the earlier revision stays as history.
    /// Replacing a mandatory document of a verified partner sends it back to review.
    /// </summary>
    public PartnerDocument AttachDocument(TenantConfigurationState config, string itemCode, string blobName, string fileName,
        string contentType, long length, string sha256, string? idempotencyKey, string? source, DateOnly? validUntil, Guid? uploadedBy, DateOnly today)
    {
        EnsureDocumentsEditable();
        var item = RequireItem(config, itemCode);
        var previous = documents.FirstOrDefault(d => d.IsCurrent && d.ItemCode == itemCode);
        if (previous is not null)
        {
            previous.State = "superseded";
            changedDocuments.Add(previous.Id);
        }
        var until = validUntil ?? (item.Expires && item.DefaultValidityMonths is { } months ? today.AddMonths(months) : null);
        var doc = new PartnerDocument
        {
            Id = Guid.CreateVersion7(), PartnerId = Id, ItemCode = itemCode,
            Revision = documents.Where(d => d.ItemCode == itemCode).Select(d => d.Revision).DefaultIfEmpty(0).Max() + 1,
            BlobName = blobName, FileName = fileName, ContentType = contentType, Length = length, Sha256 = sha256,
            IdempotencyKey = idempotencyKey, Source = source, ValidUntil = until,
            ExpiryState = EntityJson.EnumText(ExpiryOf(until, today, DefaultSoonDays)),
            UploadedBy = uploadedBy, UploadedAt = DateTime.UtcNow,
        };
        documents.Insert(0, doc);
        changedDocuments.Add(doc.Id);
        events.Add((previous is null ? "document_uploaded" : "document_replaced", null,
            new { documentId = doc.Id, itemCode, revision = doc.Revision, sha256, length, source }));
        if (previous is not null && item.Mandatory && State.Status == PartnerStatus.Verified)
            ReturnToReview($"Dokumen wajib '{item.Label}' diganti.");
        return doc;
    }

    public static ExpiryState ExpiryOf(DateOnly? validUntil, DateOnly today, int soonDays) =>
        validUntil is not { } until ? ExpiryState.Valid
        : until < today ? ExpiryState.Expired
        : until <= today.AddDays(soonDays) ? ExpiryState.ExpiringSoon
        : ExpiryState.Valid;

    public void DecideDocument(Guid documentId, DocumentReview decision, string? note, string reviewer)
    {
        RequireStatus("Keputusan per dokumen hanya dapat dibuat saat berkas sedang diverifikasi.", PartnerStatus.InReview);
        if (!Enum.IsDefined(decision)) throw Invalid("decision", "Keputusan harus accepted atau rejected.");
        if (note is { Length: > 1000 }) throw Invalid("note", "Catatan paling banyak 1000 karakter.");
        if (decision == DocumentReview.Rejected && string.IsNullOrWhiteSpace(note))
            throw Invalid("note", "Tuliskan catatan untuk vendor bila dokumen ditolak.");
        var doc = documents.FirstOrDefault(d => d.Id == documentId && d.IsCurrent)
                  ?? throw new NotFoundException("Dokumen tidak ditemukan atau sudah diganti versi yang lebih baru.");
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        // The same decision again (a second click, a retried request) changes nothing: no version, no audit row.
        if (doc.Review == EntityJson.EnumText(decision) && (cleanNote is null || cleanNote == doc.ReviewNote)) return;
        doc.Review = EntityJson.EnumText(decision);
        doc.ReviewNote = cleanNote;
        doc.ReviewedBy = reviewer;
        doc.ReviewedAt = DateTime.UtcNow;
        changedDocuments.Add(doc.Id);
        events.Add(("document_" + EntityJson.EnumText(decision), doc.ReviewNote, new { documentId, doc.ItemCode, doc.Revision }));
    }

    // ------------------------------------------------------------------ workflow

    public void Submit(TenantConfigurationState config, DateOnly today)
    {
        RequireStatus("Berkas hanya dapat diajukan dari status Draf atau Perlu perbaikan.", PartnerStatus.Draft, PartnerStatus.NeedsRevision);
        if (State.Status == PartnerStatus.Draft)
        {
            var period = config.IntakePeriods.FirstOrDefault(p => p.Code == State.IntakePeriodCode);
            if (period is null || today < period.RegistrationOpens || today > period.RegistrationCloses)
                throw new DomainRuleException("Pendaftaran ditutup",
                    "Masa pendaftaran untuk berkas ini sudah ditutup; berkas tidak dapat diajukan lagi.", 409);
        }
        var missing = Checklist(config).Where(i => i.Mandatory)
            .Where(i => CurrentDocuments.FirstOrDefault(d => d.ItemCode == i.Code) is not { } d || ExpiryOf(d.ValidUntil, today, 0) == ExpiryState.Expired)
            .Select(i => i.Label).ToList();
        if (missing.Count > 0)
            throw new DomainRuleException("Dokumen wajib belum lengkap",
                "Unggah dokumen wajib berikut (yang masih berlaku) sebelum mengajukan: " + string.Join("; ", missing) + ".", 422);
        Transition(PartnerStatus.Submitted, "submitted", null);
        State = State with { SubmittedAt = DateTime.UtcNow };
    }

    public void StartReview(string? note)
    {
        RequireStatus("Pemeriksaan hanya dapat dimulai untuk berkas yang sudah diajukan.", PartnerStatus.Submitted);
        Transition(PartnerStatus.InReview, "review_started", note);
    }

    public void RequestRevision(string note)
    {
        RequireNote(note);
        RequireStatus("Perbaikan hanya dapat diminta saat berkas sedang diverifikasi.", PartnerStatus.InReview);
        Transition(PartnerStatus.NeedsRevision, "revision_requested", note.Trim());
        State = State with { RevisionNote = note.Trim() };
    }

    public void Verify(TenantConfigurationState config, int configurationVersion, string gradeCode, int? points, string? note, string decidedBy, DateOnly today)
    {
        RequireStatus("Verifikasi hanya dapat dilakukan saat berkas sedang diverifikasi.", PartnerStatus.InReview);
        if (note is { Length: > 1000 }) throw Invalid("note", "Catatan paling banyak 1000 karakter.");
        var grade = config.Grading.Grades.FirstOrDefault(g => g.Code == gradeCode)
                    ?? throw Invalid("grade", $"Grade '{gradeCode}' tidak ada dalam skema klasifikasi instansi ({string.Join(", ", config.Grading.Grades.Select(g => g.Code))}).");
        if (config.Grading.Kind == GradingKind.Points)
        {
            if (points is null) throw Invalid("points", "Skema klasifikasi instansi memakai poin: isi jumlah poin.");
            if (grade.MinPoints is { } min && points < min) throw Invalid("points", $"Grade {grade.Code} memerlukan sekurang-kurangnya {min} poin.");
        }
        var notAccepted = Checklist(config).Where(i => i.Mandatory)
            .Where(i => CurrentDocuments.FirstOrDefault(d => d.ItemCode == i.Code) is not { Review: "accepted" } d || ExpiryOf(d.ValidUntil, today, 0) == ExpiryState.Expired)
            .Select(i => i.Label).ToList();
        if (notAccepted.Count > 0)
            throw new DomainRuleException("Dokumen wajib belum diterima",
                "Semua dokumen wajib harus diterima (dan masih berlaku) sebelum verifikasi: " + string.Join("; ", notAccepted) + ".", 422);
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Transition(PartnerStatus.Verified, "verified", cleanNote, new { grade = grade.Code, points, configurationVersion });
        State = State with
        {
            Decision = new PartnerDecision(grade.Code, grade.Label, points, configurationVersion, decidedBy, DateTime.UtcNow, cleanNote),
            RevisionNote = null,
        };
    }

    public void Reject(string note, string decidedBy)
    {
        RequireNote(note);
        RequireStatus("Penolakan hanya dapat dilakukan saat berkas sedang diverifikasi.", PartnerStatus.InReview);
        Transition(PartnerStatus.Rejected, "rejected", note.Trim());
        State = State with { Decision = null, RevisionNote = note.Trim() };
        _ = decidedBy;
    }

    public void Announce(string by)
    {
        RequireStatus("Hanya hasil akhir (Terverifikasi atau Ditolak) yang dapat diumumkan.", PartnerStatus.Verified, PartnerStatus.Rejected);
        if (State.Announcement is not null) throw Locked("Hasil ini sudah diumumkan.");
        Transition(State.Status, "announced", null);
        State = State with { Announcement = new PartnerAnnouncement(DateTime.UtcNow, by) };
    }

    /// <summary>The vendor objects to an announced result, only during the intake period's objection window.</summary>
    public void FileObjection(TenantConfigurationState config, string note, string by, DateOnly today)
    {
        RequireNote(note);
        if (note.Length > 2000) throw Invalid("note", "Sanggahan paling banyak 2000 karakter.");
        if (State.Announcement is null || State.Status is not (PartnerStatus.Verified or PartnerStatus.Rejected))
            throw Locked("Sanggahan hanya dapat diajukan atas hasil yang sudah diumumkan.");
        if (State.Objection is not null) throw Locked("Sanggahan hanya dapat diajukan satu kali.");
        var period = config.IntakePeriods.FirstOrDefault(p => p.Code == State.IntakePeriodCode);
        if (period?.ObjectionOpens is not { } opens || period.ObjectionCloses is not { } closes || today < opens || today > closes)
            throw new DomainRuleException("Di luar masa sanggah",
                period?.ObjectionOpens is { } o && period.ObjectionCloses is { } c
                    ? $"Sanggahan hanya dapat diajukan pada masa sanggah {o:dd-MM-yyyy} s.d. {c:dd-MM-yyyy}."
                    : "Periode ini tidak memiliki masa sanggah.", 409);
        Transition(PartnerStatus.InReview, "objection_filed", note.Trim());
        State = State with { Objection = new PartnerObjection(note.Trim(), DateTime.UtcNow, by), Announcement = null };
    }

    /// <summary>A verified partner goes back to review (a mandatory document was replaced or expired).</summary>
    public void ReturnToReview(string reason)
    {
        if (State.Status != PartnerStatus.Verified) return;
        Transition(PartnerStatus.InReview, "returned_to_review", reason);
    }

    // ------------------------------------------------------------------ expiry

    /// <summary>
    /// Moves expiry marks forward (valid → segera kedaluwarsa → kedaluwarsa, never back) by <paramref name="today"/>,
    /// with an audit entry and one outbox reminder per document and mark. A verified partner whose mandatory document
    /// expired goes back to review.
    /// </summary>
    public void RefreshExpiry(TenantConfigurationState config, DateOnly today, int soonDays = DefaultSoonDays)
    {
        var checklist = Checklist(config);
        var expiredMandatory = new List<string>();
        foreach (var doc in CurrentDocuments.Where(d => d.ValidUntil is not null).ToList())
        {
            var mark = EntityJson.EnumText(ExpiryOf(doc.ValidUntil, today, soonDays));
            if (Rank(mark) <= Rank(doc.ExpiryState)) continue;
            doc.ExpiryState = mark;
            changedDocuments.Add(doc.Id);
            var item = checklist.FirstOrDefault(i => i.Code == doc.ItemCode);
            var label = item?.Label ?? doc.ItemCode;
            var expired = mark == "expired";
            if (expired && item?.Mandatory == true) expiredMandatory.Add(label);
            var kind = expired ? "document_expired" : "document_expiring_soon";
            events.Add((kind, null, new { documentId = doc.Id, doc.ItemCode, validUntil = doc.ValidUntil }));
            outbox.Add(new OutboxEntry($"{kind}:{doc.Id:N}", kind, doc.Id, State.CompanyId,
                expired ? $"Dokumen kedaluwarsa: {label}" : $"Dokumen segera kedaluwarsa: {label}",
                $"Dokumen '{label}' milik {State.Profile.MediaName} berlaku sampai {doc.ValidUntil:dd-MM-yyyy}" +
                (expired ? " dan sudah kedaluwarsa. Unggah dokumen pengganti." : ". Siapkan dokumen pengganti.")));
        }
        if (expiredMandatory.Count > 0) ReturnToReview("Dokumen wajib kedaluwarsa: " + string.Join("; ", expiredMandatory) + ".");
    }

    /// <summary>The first day on which a current document's mark will change, if any (when the grain's reminder is due).</summary>
    public DateOnly? NextExpiryChange(DateOnly today, int soonDays = DefaultSoonDays) =>
        CurrentDocuments.Where(d => d.ValidUntil is not null && d.ExpiryState != "expired")
            .Select(d => d.ExpiryState == "valid" ? d.ValidUntil!.Value.AddDays(-soonDays) : d.ValidUntil!.Value.AddDays(1))
            .Select(day => day <= today ? today.AddDays(1) : day)
            .OrderBy(day => day).Cast<DateOnly?>().FirstOrDefault();

    private static int Rank(string expiryState) => expiryState switch { "expired" => 2, "expiring_soon" => 1, _ => 0 };

    // ------------------------------------------------------------------ changes

    public bool HasChanges => events.Count > 0 || changedDocuments.Count > 0;

    /// <summary>What the last commands changed: the documents to write and the audit and outbox entries, numbered for the version.</summary>
    public (IReadOnlyList<Guid> Documents, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<OutboxEntry> Outbox) TakeChanges(Actor actor, DateTime at)
    {
        var audit = events.Select((e, i) => new AuditEntry(i + 1, e.Action, actor.UserId, actor.Name, e.Note,
            e.Data is null ? null : System.Text.Json.JsonSerializer.Serialize(e.Data, System.Text.Json.JsonSerializerOptions.Web), at)).ToList();
        var result = (changedDocuments.ToList(), audit, outbox.ToList());
        changedDocuments.Clear();
        events.Clear();
        outbox.Clear();
        return result;
    }

    // ------------------------------------------------------------------ helpers

    private void Transition(PartnerStatus to, string action, string? note, object? extra = null)
    {
        var from = State.Status;
        State = State with { Status = to };
        events.Add((action, note, new { from = EntityJson.EnumText(from), to = EntityJson.EnumText(to), extra }));
    }

    private void RequireStatus(string message, params PartnerStatus[] allowed)
    {
        if (!allowed.Contains(State.Status))
            throw new DomainRuleException("Status tidak sesuai", $"{message} Status saat ini: {MediaPartnerLabels.Status(State.Status)}.", 409);
    }

    private static void RequireNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note)) throw Invalid("note", "Catatan wajib diisi.");
        if (note.Length > 2000) throw Invalid("note", "Catatan paling banyak 2000 karakter.");
    }

    private static DomainRuleException Locked(string detail) => new("Tidak dapat diubah", detail, 409);

    private static RequestValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Format checks with messages a vendor understands (NPWP, NIB, URLs, dates, UKW, Dewan Pers, bank).</summary>
public static partial class MediaPartnerProfileRules
{
    public static MediaPartnerProfile Normalize(MediaPartnerProfile p, DateOnly today)
    {
        Validate(p, today);
        return p with
        {
            LegalName = p.LegalName.Trim(), MediaName = p.MediaName.Trim(), Address = p.Address.Trim(),
            Npwp = Digits(p.Npwp), Nib = Digits(p.Nib), Url = string.IsNullOrWhiteSpace(p.Url) ? null : p.Url.Trim(),
            Journalists = p.Journalists ?? [],
            Bank = p.Bank with { AccountNumber = Digits(p.Bank.AccountNumber), BankName = p.Bank.BankName.Trim(), AccountHolder = p.Bank.AccountHolder.Trim() },
        };
    }

    public static void Validate(MediaPartnerProfile p, DateOnly today)
    {
        var v = new Validator()
            .Text("profile.legalName", "Nama badan hukum", p.LegalName, 200, 3)
            .Text("profile.mediaName", "Nama media", p.MediaName, 200, 2)
            .Text("profile.address", "Alamat", p.Address, 500, 5)
            .HttpUrl("profile.url", "Alamat situs", p.Url, required: p.MediaType == MediaType.Online)
            .Count("profile.journalists", "Wartawan", p.Journalists, 50);
        if (!Enum.IsDefined(p.LegalForm)) v.Add("profile.legalForm", "Bentuk badan hukum harus PT, yayasan atau koperasi.");
        if (!Enum.IsDefined(p.MediaType)) v.Add("profile.mediaType", "Jenis media tidak dikenal.");
        if (!Enum.IsDefined(p.Scale)) v.Add("profile.scale", "Skala media harus lokal, regional atau nasional.");

        var npwp = Digits(p.Npwp);
        if (!OnlyDigitsAndSeparators().IsMatch(p.Npwp ?? "") || npwp.Length is not (15 or 16))
            v.Add("profile.npwp", "NPWP harus 15 atau 16 digit angka (contoh: 01.234.567.8-912.000 atau 16 digit NIK/NPWP baru).");
        if (!OnlyDigitsAndSeparators().IsMatch(p.Nib ?? "") || Digits(p.Nib).Length != 13)
            v.Add("profile.nib", "NIB harus 13 digit angka sesuai dokumen OSS.");
        if (p.EstablishedOn is { } est && est > today) v.Add("profile.establishedOn", "Tanggal berdiri tidak boleh di masa depan.");

        Person(v, "profile.chiefEditor", p.ChiefEditor, today);
        var journalists = p.Journalists ?? [];
        for (var i = 0; i < journalists.Count; i++) Person(v, $"profile.journalists[{i}]", journalists[i], today);

        if (p.DewanPers is { } dp)
        {
            if (!Enum.IsDefined(dp.Status)) v.Add("profile.dewanPers.status", "Status Dewan Pers harus none, administratif atau faktual.");
            v.Text("profile.dewanPers.certificateNumber", "Nomor sertifikat Dewan Pers", dp.CertificateNumber, 100, required: dp.Status == DewanPersStatus.Faktual)
             .HttpUrl("profile.dewanPers.link", "Tautan verifikasi Dewan Pers", dp.Link);
            if (dp.Status == DewanPersStatus.Faktual && dp.CertificateDate is null)
                v.Add("profile.dewanPers.certificateDate", "Tanggal sertifikat wajib diisi untuk media terverifikasi faktual.");
            if (dp.CertificateDate is { } cd && cd > today) v.Add("profile.dewanPers.certificateDate", "Tanggal sertifikat tidak boleh di masa depan.");
        }
        if (p.Bank is { } bank)
        {
            v.Text("profile.bank.bankName", "Nama bank", bank.BankName, 100, 2)
             .Text("profile.bank.accountHolder", "Nama pemilik rekening", bank.AccountHolder, 200, 3);
            var account = Digits(bank.AccountNumber);
            if (!OnlyDigitsAndSeparators().IsMatch(bank.AccountNumber ?? "") || account.Length is < 5 or > 20)
                v.Add("profile.bank.accountNumber", "Nomor rekening harus 5–20 digit angka.");
        }
        v.ThrowIfInvalid();
    }

    private static void Person(Validator v, string field, Journalist? j, DateOnly today)
    {
        if (j is null)
        {
            v.Add(field, "Data pemimpin redaksi wajib diisi.");
            return;
        }
        v.Text(field + ".name", "Nama", j.Name, 150, 2).Text(field + ".role", "Jabatan", j.Role, 100, 2);
        if (j.UkwLevel is { } level)
        {
            if (!Enum.IsDefined(level)) v.Add(field + ".ukwLevel", "Jenjang UKW harus muda, madya atau utama.");
            v.Text(field + ".ukwNumber", "Nomor sertifikat UKW", j.UkwNumber, 100);
            if (j.UkwDate is null) v.Add(field + ".ukwDate", "Tanggal sertifikat UKW wajib diisi.");
        }
        if (j.UkwDate is { } d && d > today) v.Add(field + ".ukwDate", "Tanggal sertifikat UKW tidak boleh di masa depan.");
    }

    private static string Digits(string? value) => new((value ?? "").Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"^[0-9.\-\s]*$")]
    private static partial Regex OnlyDigitsAndSeparators();
}
