
namespace HumasSaaS.MediaPartners;

public enum PartnerStatus { Draft, Submitted, InReview, Verified, NeedsRevision, Rejected }

public enum LegalForm { Pt, Yayasan, Koperasi }

public enum MediaScale { Lokal, Regional, Nasional }

public enum UkwLevel { Muda, Madya, Utama }

public enum DewanPersStatus { None, Administratif, Faktual }

public enum DocumentReview { Accepted, Rejected }

public enum ExpiryState { Valid, ExpiringSoon, Expired }

public sealed record Journalist(string Name, string Role, UkwLevel? UkwLevel = null, string? UkwNumber = null, DateOnly? UkwDate = null);

public sealed record DewanPersVerification(DewanPersStatus Status, string? CertificateNumber = null, DateOnly? CertificateDate = null, string? Link = null);

public sealed record BankAccount(string BankName, string AccountNumber, string AccountHolder);

/// <summary>What the vendor fills in (issue 3 item 4). Format checks are in <see cref="MediaPartnerProfileRules"/>.</summary>
public sealed record MediaPartnerProfile(
    string LegalName,
    LegalForm LegalForm,
    string MediaName,
    MediaType MediaType,
    MediaScale Scale,
    string Npwp,
    string Nib,
    string Address,
    Journalist ChiefEditor,
    DewanPersVerification DewanPers,
    BankAccount Bank,
    string? Url = null,
    IReadOnlyList<Journalist>? Journalists = null,
    DateOnly? EstablishedOn = null);

public sealed record PartnerDecision(string Grade, string GradeLabel, int? Points, int ConfigurationVersion, string DecidedBy, DateTime DecidedAt, string? Note);

public sealed record PartnerAnnouncement(DateTime At, string By);

public sealed record PartnerObjection(string Note, DateTime At, string By);

/// <summary>The MediaPartner entity state (one per company per tenant), stored as jsonb with a version.</summary>
public sealed record MediaPartnerState(
    Guid CompanyId,
    string CompanyName,
    PartnerStatus Status,
    MediaPartnerProfile Profile,
    string IntakePeriodCode,
    DateTime CreatedAt,
    DateTime? SubmittedAt = null,
    string? RevisionNote = null,
    PartnerDecision? Decision = null,
    PartnerAnnouncement? Announcement = null,
    PartnerObjection? Objection = null);

/// <summary>One document row (a revision of one checklist item).</summary>
public sealed class PartnerDocument
{
    public Guid Id { get; init; }
    public Guid PartnerId { get; init; }
    public string ItemCode { get; init; } = "";
    public int Revision { get; init; }
    public string State { get; set; } = "current";
    public string BlobName { get; init; } = "";
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Length { get; init; }
    public string Sha256 { get; init; } = "";
    public string? IdempotencyKey { get; init; }
    public string? Source { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public string ExpiryState { get; set; } = "valid";
    public string? Review { get; set; }
    public string? ReviewNote { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public Guid? UploadedBy { get; init; }
    public DateTime UploadedAt { get; init; }

    public bool IsCurrent => State == "current";
}

// ---------------------------------------------------------------- requests

public sealed record VendorSignUpRequest(string Email, string Password, string DisplayName, string CompanyName);

public sealed record ApplyRequest(MediaPartnerProfile Profile);

public sealed record UpdateProfileRequest(int Version, MediaPartnerProfile Profile);

public sealed record VersionRequest(int Version, string? Note = null);

public sealed record NoteRequest(int Version, string Note);

public sealed record DocumentDecisionRequest(int Version, DocumentReview Decision, string? Note = null);

public sealed record VerifyRequest(int Version, string Grade, int? Points = null, string? Note = null);

public sealed record ReuseDocumentsRequest(string SourceTenant, IReadOnlyList<string>? ItemCodes = null);

// ---------------------------------------------------------------- responses

public sealed record VendorCompanyResponse(Guid CompanyId, string CompanyName, string Email, IReadOnlyList<VendorApplication> Applications);

public sealed record VendorApplication(string TenantSlug, string TenantName, Guid PartnerId);

public sealed record DocumentView(
    Guid Id, string ItemCode, int Revision, string State, string FileName, string ContentType, long Length, string Sha256,
    DateOnly? ValidUntil, ExpiryState ExpiryState, string ExpiryLabel, DocumentReview? Review, string? ReviewNote, string? ReviewedBy,
    DateTime? ReviewedAt, DateTime UploadedAt, string? Source);

public sealed record ChecklistItemView(
    string Code, string Label, bool Mandatory, IReadOnlyList<AcceptedFormat> AcceptedFormats, int MaxSizeMb, bool Expires,
    string UploadStatus, DocumentView? Current);

public sealed record PartnerResponse(
    Guid Id, int Version, PartnerStatus Status, string StatusLabel, MediaPartnerState Partner,
    IReadOnlyList<ChecklistItemView> Checklist, IReadOnlyList<DocumentView> History);

public sealed record PartnerSummary(
    Guid Id, int Version, Guid CompanyId, string CompanyName, string MediaName, MediaType MediaType, PartnerStatus Status,
    string StatusLabel, string? Grade, DateTime? SubmittedAt, bool Announced);

public sealed record ExpiringDocumentView(Guid PartnerId, string MediaName, Guid DocumentId, string ItemCode, DateOnly ValidUntil, ExpiryState ExpiryState, string ExpiryLabel);

public static class MediaPartnerLabels
{
    public static string Status(PartnerStatus status) => Words.Of(status);

    public static string Expiry(ExpiryState state) => Words.Of(state);

    public static string FormatName(AcceptedFormat f) => Words.Of(f);
}
