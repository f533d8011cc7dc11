namespace HumasSaaS.Grains;

/// <summary>The persisted state of one media partner grain.</summary>
[GenerateSerializer, Alias("humas.MediaPartnerGrainState")]
public sealed class MediaPartnerGrainState
{
    [Id(0)] public MediaPartnerState? Partner { get; set; }
    [Id(1)] public List<PartnerDocument> Documents { get; set; } = [];
    [Id(2)] public int Version { get; set; }
    [Id(3)] public List<ProjectionBatch> Pending { get; set; } = [];
}

/// <summary>A partner as its grain holds it.</summary>
[GenerateSerializer, Alias("humas.PartnerSnapshot")]
public sealed record PartnerSnapshot(
    [property: Id(0)] Guid Id, [property: Id(1)] int Version, [property: Id(2)] MediaPartnerState State,
    [property: Id(3)] IReadOnlyList<PartnerDocument> Documents);

/// <summary>A committed blob to attach as the new current revision of a checklist item.</summary>
[GenerateSerializer, Alias("humas.DocumentAttachment")]
public sealed record DocumentAttachment(
    [property: Id(0)] string ItemCode, [property: Id(1)] string BlobName, [property: Id(2)] string FileName, [property: Id(3)] string ContentType,
    [property: Id(4)] long Length, [property: Id(5)] string Sha256, [property: Id(6)] string? IdempotencyKey, [property: Id(7)] string? Source,
    [property: Id(8)] DateOnly? ValidUntil);

/// <summary>The result of attaching: created, or the earlier upload with the same Idempotency-Key (replay).</summary>
[GenerateSerializer, Alias("humas.AttachOutcome")]
public sealed record AttachOutcome(
    [property: Id(0)] bool Created, [property: Id(1)] IReadOnlyList<PartnerDocument> Documents, [property: Id(2)] int Version,
    [property: Id(3)] PartnerStatus Status);

/// <summary>A staff decision on a partner's application (each one a transition of the workflow).</summary>
[GenerateSerializer]
public enum PartnerDecisionKind { StartReview, RequestRevision, Verify, Reject, Announce }

[GenerateSerializer, Alias("humas.PartnerDecisionCommand")]
public sealed record PartnerDecisionCommand(
    [property: Id(0)] PartnerDecisionKind Kind, [property: Id(1)] int ExpectedVersion, [property: Id(2)] string? Note = null,
    [property: Id(3)] string? Grade = null, [property: Id(4)] int? Points = null);

/// <summary>
/// One media partner of one tenant (key <c>{tenantId:N}/{partnerId:N}</c>). Every change is a method here; the grain
/// enforces the workflow, windows and grading, writes its state, then keeps the SQL tables current.
/// </summary>
[Alias("humas.IMediaPartnerGrain")]
public interface IMediaPartnerGrain : IGrainWithStringKey, ITenantScopedGrain
{
    [Alias("Get")] Task<PartnerSnapshot?> Get();

    [Alias("Apply")] Task<PartnerSnapshot> Apply(Guid companyId, string companyName, MediaPartnerProfile profile, DateOnly today, Actor actor);

    [Alias("ChangeProfile")] Task<PartnerSnapshot> ChangeProfile(int expectedVersion, MediaPartnerProfile profile, Actor actor);

    /// <summary>Checks that an upload for <paramref name="itemCode"/> may start; returns the replayed document for a used key.</summary>
    [Alias("PrepareUpload")] Task<(DocumentRequirement Item, PartnerDocument? Replay)> PrepareUpload(string itemCode, string? idempotencyKey);

    [Alias("AttachDocuments")] Task<AttachOutcome> AttachDocuments(IReadOnlyList<DocumentAttachment> documents, DateOnly today, Actor actor);

    [Alias("DecideDocument")] Task<PartnerSnapshot> DecideDocument(int expectedVersion, Guid documentId, DocumentReview decision, string? note, Actor actor);

    [Alias("Submit")] Task<PartnerSnapshot> Submit(int expectedVersion, DateOnly today, Actor actor);

    [Alias("Decide")] Task<PartnerSnapshot> Decide(PartnerDecisionCommand command, DateOnly today, Actor actor);

    [Alias("FileObjection")] Task<PartnerSnapshot> FileObjection(int expectedVersion, string note, DateOnly today, Actor actor);

    /// <summary>Marks documents by their validity dates (the reminder does this daily; staff and tests may ask for it).</summary>
    [Alias("RefreshExpiry")] Task<PartnerSnapshot> RefreshExpiry(DateOnly today);
}
