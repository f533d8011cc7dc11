using System.Globalization;
using System.Text.Json;
using HumasSaaS.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumasSaaS.Cooperation;

/// <summary>
/// One publication order. Its state is the truth (projected to <c>cooperation_orders</c>, audit and outbox rows); the
/// money lives in the budget grain, which the order calls with its own id. Every budget step is first written into the
/// order's state as owed (<see cref="BudgetStep"/>) with a reminder, then sent, then cleared: a crash in between is
/// repaired on the next activation (a call, or the reminder), and sending the step again changes nothing in the budget.
/// A reservation the budget refuses leaves no order behind.
/// </summary>
public sealed class PublicationOrderGrain(
    [PersistentState("order", GrainStorage.Name)] IPersistentState<PublicationOrderGrainState> store,
    Db db, IProjectionInterceptor interceptor, IOrderStepInterceptor steps, TimeProvider time,
    IOptions<OrderBudgetStepOptions> options, ILogger<PublicationOrderGrain> logger)
    : ProjectedGrain<PublicationOrderGrainState>(store, db, interceptor, logger), IPublicationOrderGrain, IRemindable
{
    public const string EntityType = "cooperation_order";
    public const string BudgetStepReminder = "budget-step";

    private PublicationOrderGrainState S => Store.State;

    protected override List<ProjectionBatch> Pending => S.Pending;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (S.Owed != BudgetStep.None)
        {
            try
            {
                await SettleAsync(rethrowRefusal: false);
            }
            catch (Exception e)
            {
                // The reminder (registered with the intent) tries again.
                logger.LogWarning(e, "Order {Key}: owed budget step {Step} not settled on activation", this.GetPrimaryKeyString(), S.Owed);
            }
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != BudgetStepReminder) return;
        if (S.Owed != BudgetStep.None) await SettleAsync(rethrowRefusal: false);
        if (S.Owed == BudgetStep.None) await DropReminderAsync();
    }

    public async Task<OrderSnapshot?> Get()
    {
        await SettleIfOwedAsync();
        return S.Order is { Status: not OrderStatus.Reserving } ? Snapshot() : null;
    }

    public async Task<OrderSnapshot> Create(CreateOrderCommand command, DateOnly today, Actor actor)
    {
        await SettleIfOwedAsync();
        if (S.Order is { Status: not OrderStatus.Reserving })
        {
            // The same id again (a retried request with its Idempotency-Key): the order already made.
            if (S.Order.PartnerId == command.PartnerId && S.Order.Title == command.Title.Trim()) return Snapshot();
            throw new DomainRuleException("Kunci sudah dipakai", "Idempotency-Key ini sudah dipakai untuk pesanan lain.", 422);
        }
        Validate(command, today);
        var partner = await new TenantGrains(GrainFactory).Get<IMediaPartnerGrain>(TenantId, command.PartnerId).Get()
                      ?? throw new NotFoundException("Media mitra tidak ditemukan.");
        var config = await LoadConfigurationAsync();
        OrderEligibility.Require(partner, config, today, "menerima pesanan");

        var grade = partner.State.Decision?.Grade ?? "";
        var media = partner.State.Profile.MediaType;
        var price = config.PriceTable.FirstOrDefault(p => p.Grade == grade && p.MediaType == media && p.Product == command.Product);
        long unitPrice;
        if (command.UnitPriceRupiah is { } overridden && overridden != price?.PriceRupiah)
        {
            if (string.IsNullOrWhiteSpace(command.PriceNote))
                throw Invalid("priceNote", price is null
                    ? "Tabel harga tidak memuat harga untuk media ini; tuliskan dasar harga yang dipakai."
                    : $"Harga berbeda dari tabel harga ({Rupiah(price.PriceRupiah)}); tuliskan alasannya.");
            unitPrice = overridden;
        }
        else
        {
            unitPrice = price?.PriceRupiah ?? throw new DomainRuleException("Harga tidak ada di tabel harga",
                $"Tabel harga belum memuat harga {OrderLabels.Product(command.Product)} untuk {OrderLabels.Media(media)} grade {grade}. " +
                "Tambahkan di konfigurasi, atau isi harga dengan catatan dasar harganya.", 422);
        }
        var deadlineDays = config.PublicationRules.FirstOrDefault(r => r.MediaType == media)?.ProofDeadlineDays ?? 7;
        var now = Now();
        S.Order = new PublicationOrder(
            EntityId, command.PartnerId, partner.State.CompanyId, partner.State.Profile.MediaName, media, grade, DomainOf(partner.State.Profile.Url),
            command.Title.Trim(), command.Product, command.Quantity, unitPrice, command.UnitPriceRupiah is null || command.UnitPriceRupiah == price?.PriceRupiah,
            Clean(command.PriceNote), checked(unitPrice * command.Quantity), today.Year, Clean(command.BudgetLineCode), today,
            command.ScheduleStart, command.ScheduleEnd, command.ScheduleEnd.AddDays(deadlineDays), OrderStatus.Reserving,
            actor.UserId, actor.Name, now, Clean(command.Note), []);
        await OweAsync(BudgetStep.Reserve);
        await SettleAsync(rethrowRefusal: true);
        return Snapshot();
    }

    public async Task<OrderSnapshot> Cancel(int expectedVersion, string reason, Actor actor)
    {
        var order = await RequireAsync(expectedVersion);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000) throw Invalid("reason", "Tuliskan alasan pembatalan (paling banyak 1000 karakter).");
        if (order.Status != OrderStatus.Ordered)
            throw Rule("Pesanan tidak dapat dibatalkan", $"Hanya pesanan yang belum tayang (berstatus Dipesan) yang dapat dibatalkan; status pesanan ini {OrderLabels.Status(order.Status)}.");
        S.Order = order with { Status = OrderStatus.Cancelled, Cancellation = new OrderCancellation(reason.Trim(), actor.Name, Now()) };
        S.Owed = BudgetStep.Release;
        await RegisterReminderAsync();
        await CommitAsync(actor, "order_cancelled", reason.Trim(), new { order.AmountRupiah });
        await SettleAsync(rethrowRefusal: false);
        return Snapshot();
    }

    public async Task<OrderSnapshot> SubmitProof(ProofSubmission proof, DateOnly today, Actor actor)
    {
        var order = await RequireForCompanyAsync(proof.CompanyId);
        if (order.Status != OrderStatus.Ordered)
            throw Rule("Bukti tayang tidak dapat dikirim", order.Status == OrderStatus.ProofSubmitted
                ? "Bukti tayang pesanan ini sudah dikirim dan sedang diperiksa."
                : $"Bukti tayang hanya dapat dikirim untuk pesanan berstatus Dipesan; status pesanan ini {OrderLabels.Status(order.Status)}.");
        if (today > order.ProofDeadline)
            throw Rule("Tenggat bukti tayang terlewati",
                $"Tenggat bukti tayang pesanan ini {D(order.ProofDeadline)} sudah lewat; pesanan terkunci dan tidak dapat ditagihkan.");
        var v = new Validator();
        if (proof.Url is null && proof.BlobName is null) v.Add("url", "Isi tautan tayangan atau unggah berkas bukti tayang.");
        Uri? url = null;
        if (proof.Url is not null && (proof.Url.Length > 500 || !Uri.TryCreate(proof.Url.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("https" or "http")))
            v.Add("url", "Tautan harus alamat web lengkap (https://…), paling banyak 500 karakter.");
        else if (url is not null && order.MediaType == MediaType.Online && order.PartnerDomain is { } domain && !OnDomain(url.Host, domain))
            v.Add("url", $"Tautan harus berada di situs terdaftar media ini ({domain}).");
        if (order.MediaType == MediaType.Online && proof.Url is null) v.Add("url", "Media daring wajib menyertakan tautan berita yang tayang.");
        if (proof.PublishedOn < order.ScheduleStart || proof.PublishedOn > order.ScheduleEnd)
            v.Add("publishedOn", $"Tanggal tayang harus di dalam jadwal pesanan ({D(order.ScheduleStart)} s.d. {D(order.ScheduleEnd)}).");
        else if (proof.PublishedOn > today) v.Add("publishedOn", "Tanggal tayang tidak boleh di masa depan.");
        v.ThrowIfInvalid();
        var entry = new PublicationProof(Guid.CreateVersion7(), url?.ToString(), proof.BlobName, proof.FileName, proof.ContentType, proof.Length,
            proof.Sha256, proof.PublishedOn, Now(), actor.Name);
        S.Order = order with { Status = OrderStatus.ProofSubmitted, Proofs = [.. order.Proofs, entry] };
        await CommitAsync(actor, "proof_submitted", null, new { proofId = entry.Id, entry.Url, entry.FileName, entry.Sha256, publishedOn = entry.PublishedOn });
        return Snapshot();
    }

    public async Task<OrderSnapshot> DecideProof(int expectedVersion, bool accept, string? note, Actor actor)
    {
        var order = await RequireAsync(expectedVersion);
        if (order.Status != OrderStatus.ProofSubmitted)
            throw Rule("Tidak ada bukti tayang untuk diperiksa", $"Status pesanan ini {OrderLabels.Status(order.Status)}.");
        if (note is { Length: > 1000 }) throw Invalid("note", "Catatan paling banyak 1000 karakter.");
        if (!accept && string.IsNullOrWhiteSpace(note)) throw Invalid("note", "Tuliskan alasan penolakan untuk vendor.");
        var last = order.Proofs[^1] with { Accepted = accept, DecisionNote = Clean(note), DecidedBy = actor.Name, DecidedAt = Now() };
        S.Order = order with
        {
            Status = accept ? OrderStatus.ProofAccepted : OrderStatus.Ordered,
            Proofs = [.. order.Proofs.Take(order.Proofs.Count - 1), last],
        };
        OutboxEntry? notice = accept ? null : new OutboxEntry($"order:{order.Id:N}:proof_rejected:{last.Id:N}", "proof_rejected", null, order.CompanyId,
            $"Bukti tayang ditolak: {order.Title}",
            $"Bukti tayang pesanan \"{order.Title}\" ditolak: {last.DecisionNote} Kirim bukti baru paling lambat {D(order.ProofDeadline)}.");
        await CommitAsync(actor, accept ? "proof_accepted" : "proof_rejected", Clean(note), new { proofId = last.Id }, notice);
        return Snapshot();
    }

    public async Task<OrderSnapshot> SubmitInvoice(InvoiceSubmission invoice, DateOnly today, Actor actor)
    {
        var order = await RequireForCompanyAsync(invoice.CompanyId);
        if (order.Status != OrderStatus.ProofAccepted)
            throw Rule("Tagihan belum dapat diajukan", order.Status == OrderStatus.InvoiceSubmitted
                ? "Tagihan pesanan ini sudah diajukan."
                : $"Tagihan diajukan setelah bukti tayang diterima; status pesanan ini {OrderLabels.Status(order.Status)}.");
        var v = new Validator().Text("number", "Nomor tagihan", invoice.Number, 60);
        if (invoice.AmountRupiah != order.AmountRupiah) v.Add("amountRupiah", $"Nilai tagihan harus sama dengan nilai pesanan ({Rupiah(order.AmountRupiah)}).");
        if (invoice.IssuedOn > today) v.Add("issuedOn", "Tanggal tagihan tidak boleh di masa depan.");
        else if (invoice.IssuedOn < order.OrderedOn) v.Add("issuedOn", "Tanggal tagihan tidak boleh sebelum tanggal pesanan.");
        v.ThrowIfInvalid();
        // A claim is gated like an order: the partner must still be verified with its mandatory documents valid.
        var partner = await new TenantGrains(GrainFactory).Get<IMediaPartnerGrain>(TenantId, order.PartnerId).Get()
                      ?? throw new NotFoundException("Media mitra tidak ditemukan.");
        OrderEligibility.Require(partner, await LoadConfigurationAsync(), today, "mengajukan tagihan");
        var entry = new OrderInvoice(invoice.Number.Trim(), invoice.IssuedOn, invoice.AmountRupiah, invoice.BlobName, invoice.FileName, invoice.ContentType,
            invoice.Length, invoice.Sha256, Now(), actor.Name);
        S.Order = order with { Status = OrderStatus.InvoiceSubmitted, Invoice = entry };
        await CommitAsync(actor, "invoice_submitted", null, new { entry.Number, entry.AmountRupiah, entry.FileName, entry.Sha256 });
        return Snapshot();
    }

    public async Task<OrderSnapshot> RecordPayment(int expectedVersion, DateOnly paidOn, string reference, DateOnly today, Actor actor)
    {
        var order = await RequireAsync(expectedVersion);
        if (order.Status != OrderStatus.InvoiceSubmitted)
            throw Rule("Pembayaran belum dapat dicatat", $"Pembayaran dicatat untuk tagihan yang sudah diajukan; status pesanan ini {OrderLabels.Status(order.Status)}.");
        var v = new Validator().Text("reference", "Nomor bukti pembayaran (SP2D)", reference, 100);
        if (paidOn > today) v.Add("paidOn", "Tanggal bayar tidak boleh di masa depan.");
        else if (paidOn < order.Invoice!.IssuedOn) v.Add("paidOn", "Tanggal bayar tidak boleh sebelum tanggal tagihan.");
        v.ThrowIfInvalid();
        S.Order = order with { Status = OrderStatus.Paid, Payment = new OrderPayment(paidOn, reference.Trim(), actor.Name, Now()) };
        S.Owed = BudgetStep.Realise;
        await RegisterReminderAsync();
        await CommitAsync(actor, "payment_recorded", reference.Trim(), new { paidOn, order.AmountRupiah },
            new OutboxEntry($"order:{order.Id:N}:payment_made", "payment_made", null, order.CompanyId, $"Pembayaran dicatat: {order.Title}",
                $"Pembayaran {Rupiah(order.AmountRupiah)} untuk pesanan \"{order.Title}\" dicatat pada {D(paidOn)} (bukti {reference.Trim()})."));
        await SettleAsync(rethrowRefusal: false);
        return Snapshot();
    }

    // ------------------------------------------------------------------ the budget side

    private async Task SettleIfOwedAsync()
    {
        if (S.Owed != BudgetStep.None) await SettleAsync(rethrowRefusal: false);
    }

    /// <summary>Registers the reminder, then stores the intent (the order and the step it owes), before anything is sent to the budget.</summary>
    private async Task OweAsync(BudgetStep step)
    {
        await RegisterReminderAsync();
        S.Owed = step;
        await WriteOrDropAsync();
    }

    private async Task SettleAsync(bool rethrowRefusal)
    {
        var order = S.Order;
        if (order is null || S.Owed == BudgetStep.None) return;
        var key = this.GetPrimaryKeyString();
        var budget = BudgetKeys.Grain(new TenantGrains(GrainFactory), TenantId, order.FiscalYear);
        var creator = new Actor(order.CreatedById, order.CreatedBy);
        try
        {
            switch (S.Owed)
            {
                case BudgetStep.Reserve:
                    await steps.AtAsync(key, "before_reserve");
                    BudgetSnapshot reserved;
                    try
                    {
                        reserved = await budget.Reserve(order.FiscalYear, order.Id, order.BudgetLineCode, order.AmountRupiah, creator);
                    }
                    catch (Exception e) when (e is DomainRuleException or RequestValidationException or NotFoundException)
                    {
                        // Refused: the order never existed. Nothing was reserved, so the intent simply goes.
                        S.Order = null;
                        S.Owed = BudgetStep.None;
                        await Store.ClearStateAsync();
                        await DropReminderAsync();
                        if (rethrowRefusal) throw;
                        logger.LogInformation(e, "Order {Key}: reservation refused on repair; the order was dropped", key);
                        return;
                    }
                    await steps.AtAsync(key, "after_reserve");
                    var line = order.BudgetLineCode ?? reserved.Lines.Single().Code;
                    S.Order = order with { Status = OrderStatus.Ordered, BudgetLineCode = line };
                    S.Owed = BudgetStep.None;
                    await CommitAsync(creator, "order_created", order.Note,
                        new { order.PartnerId, order.Title, product = EntityJson.EnumText(order.Product), order.Quantity, order.UnitPriceRupiah, order.AmountRupiah, lineCode = line },
                        new OutboxEntry($"order:{order.Id:N}:order_received", "order_received", null, order.CompanyId, $"Pesanan publikasi baru: {order.Title}",
                            $"{order.MediaName} menerima pesanan {OrderLabels.Product(order.Product)} x{order.Quantity} senilai {Rupiah(order.AmountRupiah)}, " +
                            $"jadwal tayang {D(order.ScheduleStart)} s.d. {D(order.ScheduleEnd)}, bukti tayang paling lambat {D(order.ProofDeadline)}."));
                    break;
                case BudgetStep.Release:
                    await budget.Release(order.FiscalYear, order.Id, order.Cancellation?.Reason ?? "Pesanan dibatalkan", creator);
                    S.Owed = BudgetStep.None;
                    await WriteOrDropAsync();
                    break;
                case BudgetStep.Realise:
                    await budget.Realise(order.FiscalYear, order.Id, order.Payment?.Reference ?? "", creator);
                    S.Owed = BudgetStep.None;
                    await WriteOrDropAsync();
                    break;
            }
        }
        catch (Exception e) when (e is not (DomainRuleException or RequestValidationException or NotFoundException or ConcurrencyConflictException))
        {
            // Outcome unknown (a silo or the database went away): forget memory, the stored intent and the reminder repair it.
            DeactivateOnIdle();
            throw;
        }
        await DropReminderAsync();
    }

    private async Task WriteOrDropAsync()
    {
        try
        {
            await Store.WriteStateAsync();
        }
        catch (Exception e)
        {
            DeactivateOnIdle();
            if (e is Orleans.Storage.InconsistentStateException)
                throw new ConcurrencyConflictException(EntityType, EntityId, S.Version, null);
            throw;
        }
    }

    private async Task RegisterReminderAsync() =>
        await this.RegisterOrUpdateReminder(BudgetStepReminder, options.Value.RetryAfter, TimeSpan.FromMinutes(1));

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(BudgetStepReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    // ------------------------------------------------------------------ internals

    private async Task<PublicationOrder> RequireAsync(int? expectedVersion = null)
    {
        await SettleIfOwedAsync();
        var order = S.Order is { Status: not OrderStatus.Reserving } o ? o : throw new NotFoundException("Pesanan tidak ditemukan.");
        if (expectedVersion is { } expected) RequireVersion(EntityType, EntityId, expected, S.Version);
        return order;
    }

    /// <summary>A vendor reaches only its own company's orders; another company's order reads as missing.</summary>
    private async Task<PublicationOrder> RequireForCompanyAsync(Guid companyId)
    {
        var order = await RequireAsync();
        return order.CompanyId == companyId ? order : throw new NotFoundException("Pesanan tidak ditemukan.");
    }

    private static void Validate(CreateOrderCommand c, DateOnly today)
    {
        var v = new Validator().Text("title", "Kegiatan yang diliput", c.Title, 300);
        if (!Enum.IsDefined(c.Product)) v.Add("product", "Produk tidak dikenal.");
        if (c.Quantity is < 1 or > 1000) v.Add("quantity", "Jumlah 1 sampai 1000.");
        if (c.ScheduleStart < today) v.Add("scheduleStart", "Jadwal tayang tidak boleh dimulai sebelum hari ini.");
        if (c.ScheduleEnd < c.ScheduleStart) v.Add("scheduleEnd", "Akhir jadwal tidak boleh sebelum awalnya.");
        else if (c.ScheduleEnd > c.ScheduleStart.AddDays(366)) v.Add("scheduleEnd", "Jadwal tayang paling lama satu tahun.");
        if (c.UnitPriceRupiah is < 1 or > 1_000_000_000_000) v.Add("unitPriceRupiah", "Harga satuan 1 rupiah sampai 1 triliun rupiah.");
        if (c.PriceNote is { Length: > 500 }) v.Add("priceNote", "Catatan harga paling banyak 500 karakter.");
        if (c.Note is { Length: > 1000 }) v.Add("note", "Catatan paling banyak 1000 karakter.");
        if (c.BudgetLineCode is { Length: > 60 }) v.Add("budgetLineCode", "Kode kegiatan paling banyak 60 karakter.");
        v.ThrowIfInvalid();
    }

    private async Task CommitAsync(Actor actor, string action, string? note, object data, OutboxEntry? outbox = null)
    {
        var version = S.Version + 1;
        S.Version = version;
        var audit = new AuditEntry(0, action, actor.UserId, actor.Name, note, JsonSerializer.Serialize(data, JsonSerializerOptions.Web), Now());
        await CommitAsync(new ProjectionBatch(version, actor.UserId, [], [audit], outbox is null ? [] : [outbox]));
    }

    protected override async Task ProjectAsync(TenantTransaction tx, ProjectionBatch batch, CancellationToken ct)
    {
        var order = S.Order;
        if (order is null) return;
        await tx.ExecuteAsync(
            """
            INSERT INTO cooperation_orders (tenant_id, id, version, partner_id, company_id, status, fiscal_year, amount, ordered_on,
                schedule_start, schedule_end, proof_deadline, state, updated_at)
            VALUES (@tenant, @id, @version, @PartnerId, @CompanyId, @status, @FiscalYear, @AmountRupiah, @orderedOn,
                @scheduleStart, @scheduleEnd, @proofDeadline, @state::jsonb, now())
            ON CONFLICT (tenant_id, id) DO UPDATE SET version = excluded.version, status = excluded.status, state = excluded.state, updated_at = now()
            WHERE cooperation_orders.version < excluded.version
            """,
            new
            {
                tenant = TenantId, id = EntityId, version = S.Version, order.PartnerId, order.CompanyId, status = EntityJson.EnumText(order.Status),
                order.FiscalYear, order.AmountRupiah, orderedOn = order.OrderedOn.ToDateTime(TimeOnly.MinValue),
                scheduleStart = order.ScheduleStart.ToDateTime(TimeOnly.MinValue), scheduleEnd = order.ScheduleEnd.ToDateTime(TimeOnly.MinValue),
                proofDeadline = order.ProofDeadline.ToDateTime(TimeOnly.MinValue), state = JsonSerializer.Serialize(order, EntityJson.Options),
            }, ct);
        await AuditLog.WriteProjectedAsync(tx, EntityType, EntityId, batch.Version, batch.Audit, ct);
        foreach (var n in batch.Outbox)
            await tx.ExecuteAsync(
                """
                INSERT INTO notification_outbox (tenant_id, kind, partner_id, document_id, company_id, subject, body, dedupe_key)
                VALUES (@tenant, @Kind, @partner, NULL, @CompanyId, @Subject, @Body, @DedupeKey)
                ON CONFLICT DO NOTHING
                """, new { tenant = TenantId, n.Kind, partner = order.PartnerId, n.CompanyId, n.Subject, n.Body, n.DedupeKey }, ct);
    }

    private OrderSnapshot Snapshot() => new(S.Version, S.Order!);

    private async Task<TenantConfigurationState> LoadConfigurationAsync()
    {
        await using var tx = await Db.BeginTenantAsync(TenantId);
        return (await TenantConfigurationReader.LoadAsync(tx, CancellationToken.None)).State;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? DomainOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? (u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host).ToLowerInvariant() : null;

    private static bool OnDomain(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);

    internal static string D(DateOnly d) => d.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static string Rupiah(long amount) => BudgetGrain.Rupiah(amount);

    private static DomainRuleException Rule(string title, string detail) => new(title, detail, 409);

    private static RequestValidationException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class OrderBudgetStepOptions
{
    /// <summary>When the reminder first retries an owed budget step (a crash between the order's write and the budget's).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}
