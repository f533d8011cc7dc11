using HumasSaaS.Grains;

namespace HumasSaaS.Cooperation;

/// <summary>
/// Where an order is in its life. <see cref="Reserving"/> is internal: the order's intent is stored but its budget
/// reservation is not yet confirmed; such an order is never shown, and either becomes <see cref="Ordered"/> or vanishes.
/// </summary>
public enum OrderStatus { Reserving, Ordered, ProofSubmitted, ProofAccepted, InvoiceSubmitted, Paid, Cancelled }

/// <summary>A budget step the order still owes the budget grain (repeated until done; each step is idempotent by order id).</summary>
public enum BudgetStep { None, Reserve, Release, Realise }

/// <summary>What staff ask for when ordering a publication from a verified partner.</summary>
public sealed record CreateOrderCommand(
    Guid PartnerId, string Title, PublicationProduct Product, int Quantity, DateOnly ScheduleStart, DateOnly ScheduleEnd,
    string? BudgetLineCode = null, long? UnitPriceRupiah = null, string? PriceNote = null, string? Note = null);

/// <summary>A proof of publication (bukti tayang): a link and/or a stored file, and the date it appeared.</summary>
public sealed record PublicationProof(
    Guid Id, string? Url, string? BlobName, string? FileName, string? ContentType, long? Length, string? Sha256,
    DateOnly PublishedOn, DateTime SubmittedAt, string SubmittedBy, bool? Accepted = null, string? DecisionNote = null,
    string? DecidedBy = null, DateTime? DecidedAt = null);

public sealed record OrderInvoice(
    string Number, DateOnly IssuedOn, long AmountRupiah, string? BlobName, string? FileName, string? ContentType, long? Length, string? Sha256,
    DateTime SubmittedAt, string SubmittedBy);

public sealed record OrderPayment(DateOnly PaidOn, string Reference, string RecordedBy, DateTime RecordedAt);

public sealed record OrderCancellation(string Reason, string By, DateTime At);

/// <summary>One publication order (pesanan publikasi) as its grain holds it.</summary>
public sealed record PublicationOrder(
    Guid Id, Guid PartnerId, Guid CompanyId, string MediaName, MediaType MediaType, string Grade, string? PartnerDomain,
    string Title, PublicationProduct Product, int Quantity, long UnitPriceRupiah, bool PriceFromRateCard, string? PriceNote, long AmountRupiah,
    int FiscalYear, string? BudgetLineCode, DateOnly OrderedOn, DateOnly ScheduleStart, DateOnly ScheduleEnd, DateOnly ProofDeadline,
    OrderStatus Status, Guid? CreatedById, string CreatedBy, DateTime CreatedAt, string? Note,
    IReadOnlyList<PublicationProof> Proofs, OrderInvoice? Invoice = null, OrderPayment? Payment = null, OrderCancellation? Cancellation = null);

public sealed record OrderSnapshot(int Version, PublicationOrder Order);

/// <summary>A proof the vendor sends; the file (if any) is already stored through the upload guard.</summary>
public sealed record ProofSubmission(
    Guid CompanyId, string? Url, DateOnly PublishedOn, string? BlobName = null, string? FileName = null, string? ContentType = null,
    long? Length = null, string? Sha256 = null);

public sealed record InvoiceSubmission(
    Guid CompanyId, string Number, DateOnly IssuedOn, long AmountRupiah, string? BlobName = null, string? FileName = null, string? ContentType = null,
    long? Length = null, string? Sha256 = null);

/// <summary>The persisted state of one order grain.</summary>
public sealed class PublicationOrderGrainState
{
    public PublicationOrder? Order { get; set; }
    public int Version { get; set; }
    public BudgetStep Owed { get; set; }
    public List<ProjectionBatch> Pending { get; set; } = [];
}

/// <summary>
/// One publication order of one tenant (key <c>{tenantId:N}/{orderId:N}</c>). It owns the order's lifecycle and its
/// side of the budget: the amount is reserved, released or realised on the tenant's budget grain with the order's id,
/// so a step repeated after a crash changes nothing there.
/// </summary>
[Alias("humas.IPublicationOrderGrain")]
public interface IPublicationOrderGrain : IGrainWithStringKey, ITenantScopedGrain
{
    [Alias("Get")] Task<OrderSnapshot?> Get();

    /// <summary>Checks the partner (validity gate), prices from the rate card and reserves the amount; refused = no order.</summary>
    [Alias("Create")] Task<OrderSnapshot> Create(CreateOrderCommand command, DateOnly today, Actor actor);

    /// <summary>Cancels an order nothing was published for yet; its reservation is released.</summary>
    [Alias("Cancel")] Task<OrderSnapshot> Cancel(int expectedVersion, string reason, Actor actor);

    [Alias("SubmitProof")] Task<OrderSnapshot> SubmitProof(ProofSubmission proof, DateOnly today, Actor actor);

    [Alias("DecideProof")] Task<OrderSnapshot> DecideProof(int expectedVersion, bool accept, string? note, Actor actor);

    [Alias("SubmitInvoice")] Task<OrderSnapshot> SubmitInvoice(InvoiceSubmission invoice, DateOnly today, Actor actor);

    /// <summary>Records the payment; the reservation becomes spending (realised).</summary>
    [Alias("RecordPayment")] Task<OrderSnapshot> RecordPayment(int expectedVersion, DateOnly paidOn, string reference, DateOnly today, Actor actor);
}

/// <summary>Lets tests stop an order between its own write and the budget grain's (a crash there must be repaired).</summary>
public interface IOrderStepInterceptor
{
    ValueTask AtAsync(string grainKey, string step);
}

public sealed class NoOrderStepInterceptor : IOrderStepInterceptor
{
    public ValueTask AtAsync(string grainKey, string step) => ValueTask.CompletedTask;
}

/// <summary>The words of an order's codes (kept for the pages' readability; the words themselves live in <see cref="Words"/>).</summary>
public static class OrderLabels
{
    public static string Status(OrderStatus status) => Words.Of(status);

    public static string Product(PublicationProduct product) => Words.Of(product);

    public static string Media(MediaType media) => Words.Of(media);
}
