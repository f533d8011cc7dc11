using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Uploads;
using HumasSaaS.Cooperation;
using HumasSaaS.MediaPartners;
using HumasSaaS.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace HumasSaaS.Api.Cooperation;

public sealed record CreateOrderRequest(
    Guid PartnerId, string Title, PublicationProduct Product, int Quantity, DateOnly ScheduleStart, DateOnly ScheduleEnd,
    string? BudgetLineCode = null, long? UnitPriceRupiah = null, string? PriceNote = null, string? Note = null);

public sealed record CancelOrderRequest(int Version, string Reason);

public sealed record ProofLinkRequest(string Url, DateOnly PublishedOn);

public sealed record InvoiceRequest(string Number, DateOnly IssuedOn, long AmountRupiah);

public sealed record PaymentRequest(int Version, DateOnly PaidOn, string Reference);

public sealed record ProofDecisionRequest(int Version, DocumentReview Decision, string? Note = null);

/// <summary>A file stored for an order (proof or invoice) through the upload guard, before the grain records it.</summary>
public sealed record StoredOrderFile(string BlobName, string FileName, string ContentType, long Length, string Sha256);

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
public sealed class PublicationOrders(TenantGrains grains, Db db, IBlobStore blobs, UploadGuard guard, ILogger<PublicationOrders> logger)
{
    public const long MaxFileBytes = 10L * 1024 * 1024;

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

    /// <summary>The vendor's proof: a link, or a file streamed through the upload guard (judged by its content), or both.</summary>
    public async Task<OrderResponse> SubmitProofAsync(HttpContext http, Guid tenantId, Guid orderId, VendorIdentity vendor, string? url, DateOnly publishedOn,
        string? fileName, Stream? content, CancellationToken ct)
    {
        // The order must be this company's before anything is stored.
        await RequireForCompanyAsync(tenantId, orderId, vendor.Company.Id);
        var file = content is null ? null : await StoreAsync(http, content, tenantId, orderId, "proof", fileName, vendor.Actor, ct);
        try
        {
            return View(await Grain(tenantId, orderId).SubmitProof(new ProofSubmission(vendor.Company.Id, string.IsNullOrWhiteSpace(url) ? null : url,
                publishedOn, file?.BlobName, file?.FileName, file?.ContentType, file?.Length, file?.Sha256), IndonesiaDate.Today, vendor.Actor));
        }
        catch (Exception e) when (file is not null && DomainRefusals.Is(e))
        {
            // Refused by the grain: nothing references the file. An unknown outcome (a lost answer, an outage) keeps it,
            // since the grain may have recorded it.
            await DeleteQuietlyAsync(tenantId, file.BlobName);
            throw;
        }
    }

    /// <summary>The vendor's invoice for an accepted publication, with or without the invoice document (streamed through the guard).</summary>
    public async Task<OrderResponse> SubmitInvoiceAsync(HttpContext http, Guid tenantId, Guid orderId, VendorIdentity vendor, InvoiceRequest request,
        string? fileName, Stream? content, CancellationToken ct)
    {
        await RequireForCompanyAsync(tenantId, orderId, vendor.Company.Id);
        var file = content is null ? null : await StoreAsync(http, content, tenantId, orderId, "invoice", fileName, vendor.Actor, ct);
        try
        {
            return View(await Grain(tenantId, orderId).SubmitInvoice(new InvoiceSubmission(vendor.Company.Id, request.Number ?? "", request.IssuedOn,
                request.AmountRupiah, file?.BlobName, file?.FileName, file?.ContentType, file?.Length, file?.Sha256), IndonesiaDate.Today, vendor.Actor));
        }
        catch (Exception e) when (file is not null && DomainRefusals.Is(e))
        {
            // Refused by the grain: nothing references the file. An unknown outcome (a lost answer, an outage) keeps it,
            // since the grain may have recorded it.
            await DeleteQuietlyAsync(tenantId, file.BlobName);
            throw;
        }
    }

    public async Task<IResult> StreamInvoiceAsync(HttpContext http, Guid tenantId, Guid orderId, CancellationToken ct)
    {
        var order = await RequireAsync(tenantId, orderId);
        var invoice = order.Order.Invoice is { BlobName: not null } i ? i : throw new NotFoundException("Berkas tagihan tidak ditemukan.");
        var download = await blobs.GetAsync(BlobNames.TenantContainer(tenantId), invoice.BlobName!, ct)
                       ?? throw new NotFoundException("Berkas tagihan tidak ditemukan.");
        http.Response.RegisterForDisposeAsync(download);
        DownloadHeaders.Apply(http.Response, invoice.FileName ?? "tagihan", inline: true);
        return Results.Stream(download.Content, invoice.ContentType);
    }

    public async Task<IResult> StreamProofAsync(HttpContext http, Guid tenantId, Guid orderId, Guid proofId, CancellationToken ct)
    {
        var order = await RequireAsync(tenantId, orderId);
        var proof = order.Order.Proofs.FirstOrDefault(p => p.Id == proofId && p.BlobName is not null)
                    ?? throw new NotFoundException("Berkas bukti tayang tidak ditemukan.");
        var download = await blobs.GetAsync(BlobNames.TenantContainer(tenantId), proof.BlobName!, ct)
                       ?? throw new NotFoundException("Berkas bukti tayang tidak ditemukan.");
        http.Response.RegisterForDisposeAsync(download);
        DownloadHeaders.Apply(http.Response, proof.FileName ?? "bukti-tayang", inline: true);
        return Results.Stream(download.Content, proof.ContentType);
    }

    private async Task<StoredOrderFile> StoreAsync(HttpContext http, Stream content, Guid tenantId, Guid orderId, string kind, string? fileName, Actor actor, CancellationToken ct)
    {
        if (fileName is { Length: > 200 }) throw Invalid("fileName", "Nama berkas paling banyak 200 karakter.");
        if (http.Request.ContentLength is > MaxFileBytes + 64 * 1024) throw TooLarge();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFileBytes + 64 * 1024;
        var container = BlobNames.TenantContainer(tenantId);
        var blobName = $"cooperation/orders/{orderId:N}/{kind}/{Guid.NewGuid():N}";
        BlobUploadResult uploaded;
        try
        {
            await blobs.CreateContainerIfNotExistsAsync(container, ct);
            uploaded = await guard.UploadAsync(container, blobName, content, new BlobUploadOptions
            {
                MaxBytes = MaxFileBytes,
                HeadLength = FileSignatures.HeadLength,
                IfNoneMatchAny = true,
                DetectContentType = head => FileSignatures.Detect(head.Span) is { } type && type is FileSignatures.Pdf or FileSignatures.Jpeg or FileSignatures.Png ? type : null,
            }, new UploadAudit(tenantId, PublicationOrderGrain.EntityType, orderId, actor, fileName, kind), ct);
        }
        catch (BlobContentRejectedException e) when (e.Reason == "empty")
        {
            throw new DomainRuleException("Berkas kosong", "Berkas yang dikirim kosong (0 byte). Pilih berkas yang benar lalu unggah lagi.", 400);
        }
        catch (BlobContentRejectedException)
        {
            throw new DomainRuleException("Jenis berkas tidak diterima",
                "Isi berkas bukan PDF, JPEG atau PNG. Jenis berkas diperiksa dari isinya, bukan dari nama atau ekstensinya.", 415);
        }
        catch (Exception e) when (e is BlobTooLargeException || e is BadHttpRequestException { StatusCode: 413 })
        {
            throw TooLarge();
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException || e is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
        {
            await DeleteQuietlyAsync(tenantId, blobName);
            throw new DomainRuleException("Unggahan terputus",
                "Koneksi terputus sebelum berkas selesai dikirim; tidak ada yang disimpan. Silakan unggah ulang.", 400);
        }
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/')).ToArray());
        if (name.Length == 0) name = kind + FileSignatures.Extension(uploaded.ContentType);
        return new StoredOrderFile(blobName, name, uploaded.ContentType, uploaded.Length, uploaded.Sha256Hex);
    }

    private async Task DeleteQuietlyAsync(Guid tenantId, string blobName)
    {
        try
        {
            await blobs.DeleteIfExistsAsync(BlobNames.TenantContainer(tenantId), blobName, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete order file {Blob}", blobName);
        }
    }

    private static DomainRuleException TooLarge() => new("Berkas terlalu besar", $"Ukuran berkas paling besar {MaxFileBytes / 1024 / 1024} MB.", 413);

    private static RequestValidationException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    private sealed record Row(int version, string state);
}
