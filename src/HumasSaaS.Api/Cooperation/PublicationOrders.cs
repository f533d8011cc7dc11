using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumasSaaS.Cooperation;
using HumasSaaS.MediaPartners;

namespace HumasSaaS.Api.Cooperation;

public sealed record CreateOrderRequest(
    Guid PartnerId, string Title, PublicationProduct Product, int Quantity, DateOnly ScheduleStart, DateOnly ScheduleEnd,
    string? BudgetLineCode = null, long? UnitPriceRupiah = null, string? PriceNote = null, string? Note = null);

public sealed record CancelOrderRequest(int Version, string Reason);

public sealed record ProofView(
    Guid Id, string? Url, bool HasFile, string? FileName, string? ContentType, long? Length, DateOnly PublishedOn, DateTime SubmittedAt,
    string SubmittedBy, bool? Accepted, string? DecisionNote, string? DecidedBy, DateTime? DecidedAt);

public sealed record InvoiceView(string Number, DateOnly IssuedOn, long AmountRupiah, bool HasFile, string? FileName, DateTime SubmittedAt, string SubmittedBy);

public sealed record OrderResponse(
    Guid Id, int Version, OrderStatus Status, string StatusLabel, Guid PartnerId, string MediaName, MediaType MediaType, string MediaTypeLabel,
    string Grade, string Title, PublicationProduct Product, string ProductLabel, int Quantity, long UnitPriceRupiah, bool PriceFromRateCard,
    string? PriceNote, long AmountRupiah, int FiscalYear, string? BudgetLineCode, DateOnly OrderedOn, DateOnly ScheduleStart, DateOnly ScheduleEnd,
    DateOnly ProofDeadline, int ProofDaysLeft, string CreatedBy, DateTime CreatedAt, string? Note, IReadOnlyList<ProofView> Proofs,
    InvoiceView? Invoice, OrderPayment? Payment, OrderCancellation? Cancellation);

public sealed record OrderSummary(
    Guid Id, int Version, OrderStatus Status, string StatusLabel, Guid PartnerId, string MediaName, string Title, string ProductLabel, int Quantity,
    long AmountRupiah, DateOnly OrderedOn, DateOnly ScheduleEnd, DateOnly ProofDeadline, int ProofDaysLeft);

/// <summary>
/// The API's and pages' way to publication orders: lists read the projected RLS rows, single orders and every change go
/// to the order's grain (key = resolved tenant + parsed id). A vendor reaches only its company's orders; another
/// company's or tenant's order is the same 404 as a missing one.
/// </summary>
public sealed class PublicationOrders(TenantGrains grains, Db db)
{
    public IPublicationOrderGrain Grain(Guid tenantId, Guid orderId)
    {
        RequestConnection.Current?.ReturnWhileWaiting();
        return grains.Get<IPublicationOrderGrain>(tenantId, orderId);
    }

    /// <summary>A retried creation with the same Idempotency-Key reaches the same grain (the id is derived from it).</summary>
    public static Guid NewOrderId(Guid tenantId, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey)) return Guid.CreateVersion7();
        if (idempotencyKey.Length > 100 || idempotencyKey.Trim().Length == 0)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["Idempotency-Key 1–100 karakter."] });
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return GrainKeys.DerivedId("cooperation-order", tenantId, new Guid(hash.AsSpan(0, 16)));
    }

    public async Task<OrderResponse> CreateAsync(Guid tenantId, CreateOrderRequest r, string? idempotencyKey, Actor actor)
    {
        var id = NewOrderId(tenantId, idempotencyKey);
        var created = await Grain(tenantId, id).Create(
            new CreateOrderCommand(r.PartnerId, r.Title ?? "", r.Product, r.Quantity, r.ScheduleStart, r.ScheduleEnd, r.BudgetLineCode, r.UnitPriceRupiah,
                r.PriceNote, r.Note), IndonesiaDate.Today, actor);
        return View(created);
    }

    public async Task<OrderSnapshot> RequireAsync(Guid tenantId, Guid orderId) =>
        await Grain(tenantId, orderId).Get() ?? throw new NotFoundException("Pesanan tidak ditemukan.");

    public async Task<OrderSnapshot> RequireForCompanyAsync(Guid tenantId, Guid orderId, Guid companyId)
    {
        var order = await RequireAsync(tenantId, orderId);
        return order.Order.CompanyId == companyId ? order : throw new NotFoundException("Pesanan tidak ditemukan.");
    }

    public async Task<IReadOnlyList<OrderSummary>> ListAsync(Guid tenantId, OrderStatus? status, Guid? companyId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var rows = await tx.QueryAsync<Row>(
            """
            SELECT version, state::text AS state FROM cooperation_orders
            WHERE (@status::text IS NULL OR status = @status) AND (@companyId::uuid IS NULL OR company_id = @companyId)
            ORDER BY ordered_on DESC, id DESC LIMIT 1000
            """, new { status = status is { } s ? EntityJson.EnumText(s) : null, companyId }, ct);
        return rows.Select(r => Summary(r.version, JsonSerializer.Deserialize<PublicationOrder>(r.state, EntityJson.Options)!)).ToList();
    }

    public static int DaysLeft(DateOnly deadline) => deadline.DayNumber - IndonesiaDate.Today.DayNumber;

    public static OrderSummary Summary(int version, PublicationOrder o) => new(
        o.Id, version, o.Status, OrderLabels.Status(o.Status), o.PartnerId, o.MediaName, o.Title, OrderLabels.Product(o.Product), o.Quantity,
        o.AmountRupiah, o.OrderedOn, o.ScheduleEnd, o.ProofDeadline, DaysLeft(o.ProofDeadline));

    public static OrderResponse View(OrderSnapshot s)
    {
        var o = s.Order;
        return new OrderResponse(o.Id, s.Version, o.Status, OrderLabels.Status(o.Status), o.PartnerId, o.MediaName, o.MediaType, OrderLabels.Media(o.MediaType),
            o.Grade, o.Title, o.Product, OrderLabels.Product(o.Product), o.Quantity, o.UnitPriceRupiah, o.PriceFromRateCard, o.PriceNote, o.AmountRupiah,
            o.FiscalYear, o.BudgetLineCode, o.OrderedOn, o.ScheduleStart, o.ScheduleEnd, o.ProofDeadline, DaysLeft(o.ProofDeadline), o.CreatedBy, o.CreatedAt,
            o.Note,
            o.Proofs.Select(p => new ProofView(p.Id, p.Url, p.BlobName is not null, p.FileName, p.ContentType, p.Length, p.PublishedOn, p.SubmittedAt,
                p.SubmittedBy, p.Accepted, p.DecisionNote, p.DecidedBy, p.DecidedAt)).ToList(),
            o.Invoice is { } i ? new InvoiceView(i.Number, i.IssuedOn, i.AmountRupiah, i.BlobName is not null, i.FileName, i.SubmittedAt, i.SubmittedBy) : null,
            o.Payment, o.Cancellation);
    }

    public static OrderStatus? ParseStatus(string? status)
    {
        if (status is null) return null;
        foreach (var s in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Reserving))
            if (EntityJson.EnumText(s) == status) return s;
        throw new RequestValidationException(new Dictionary<string, string[]>
        {
            ["status"] = ["Status tidak dikenal: " + string.Join(", ", Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Reserving).Select(EntityJson.EnumText)) + "."],
        });
    }

    private sealed record Row(int version, string state);
}
