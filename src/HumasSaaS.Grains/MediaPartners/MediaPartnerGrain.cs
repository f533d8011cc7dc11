using System.Text.Json;
using HumasSaaS.Database;
using HumasSaaS.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HumasSaaS.MediaPartners;

/// <summary>
/// One media partner: its state (profile, status, decision, documents) is the grain's persisted state; the
/// <c>media_partners</c> and <c>media_partner_documents</c> rows, the audit trail and the outbox are kept current from it.
/// A reminder wakes the grain on the next day a document's validity mark changes.
/// </summary>
public sealed class MediaPartnerGrain(
    [PersistentState("partner", GrainStorage.Name)] IPersistentState<MediaPartnerGrainState> store,
    Db db, IProjectionInterceptor interceptor, TimeProvider time, IOptions<ExpiryReminderOptions> reminderOptions, ILogger<MediaPartnerGrain> logger)
    : ProjectedGrain<MediaPartnerGrainState>(store, db, interceptor, logger), IMediaPartnerGrain, IRemindable
{
    public const string ExpiryReminder = "document-expiry";
    private static readonly Actor ExpiryActor = new(null, "Sistem (pemeriksa masa berlaku)");

    private MediaPartnerGrainState S => Store.State;

    protected override List<ProjectionBatch> Pending => S.Pending;

    /// <summary>
    /// A partner made before grains owned partners exists only as SQL rows: the grain takes those rows as its state (the
    /// next change writes it), so such a partner stays reachable and is never applied for a second time.
    /// </summary>
    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        if (S.Partner is not null) return;
        await using var tx = await Db.BeginTenantAsync(TenantId, ct);
        var row = await tx.QuerySingleOrDefaultAsync<LegacyPartnerRow>(
            "SELECT version, state::text AS state FROM media_partners WHERE tenant_id = @tenant AND id = @id", new { tenant = TenantId, id = EntityId }, ct);
        if (row is null) return;
        var documents = await tx.QueryAsync<LegacyDocumentRow>(
            """
            SELECT id, item_code, revision, state, blob_name, file_name, content_type, length, sha256, idempotency_key, source,
                   valid_until, expiry_state, review, review_note, reviewed_by, reviewed_at, uploaded_by, uploaded_at
            FROM media_partner_documents WHERE tenant_id = @tenant AND partner_id = @id ORDER BY item_code, revision DESC
            """, new { tenant = TenantId, id = EntityId }, ct);
        S.Partner = JsonSerializer.Deserialize<MediaPartnerState>(row.state, EntityJson.Options);
        S.Version = row.version;
        S.Documents = documents.Select(d => new PartnerDocument
        {
            Id = d.id, PartnerId = EntityId, ItemCode = d.item_code, Revision = d.revision, State = d.state, BlobName = d.blob_name,
            FileName = d.file_name, ContentType = d.content_type, Length = d.length, Sha256 = d.sha256, IdempotencyKey = d.idempotency_key,
            Source = d.source, ValidUntil = d.valid_until is { } v ? DateOnly.FromDateTime(v) : null, ExpiryState = d.expiry_state,
            Review = d.review, ReviewNote = d.review_note, ReviewedBy = d.reviewed_by, ReviewedAt = d.reviewed_at,
            UploadedBy = d.uploaded_by, UploadedAt = d.uploaded_at,
        }).ToList();
    }

    private sealed record LegacyPartnerRow(int version, string state);

    // Settable properties, not a positional record: Dapper then converts each column (date, timestamptz) to the property type.
    private sealed class LegacyDocumentRow
    {
        public Guid id { get; set; }
        public string item_code { get; set; } = "";
        public int revision { get; set; }
        public string state { get; set; } = "";
        public string blob_name { get; set; } = "";
        public string file_name { get; set; } = "";
        public string content_type { get; set; } = "";
        public long length { get; set; }
        public string sha256 { get; set; } = "";
        public string? idempotency_key { get; set; }
        public string? source { get; set; }
        public DateTime? valid_until { get; set; }
        public string expiry_state { get; set; } = "";
        public string? review { get; set; }
        public string? review_note { get; set; }
        public string? reviewed_by { get; set; }
        public DateTime? reviewed_at { get; set; }
        public Guid? uploaded_by { get; set; }
        public DateTime uploaded_at { get; set; }
    }

    public Task<PartnerSnapshot?> Get() => Task.FromResult(S.Partner is null ? null : Snapshot());

    public async Task<PartnerSnapshot> Apply(Guid companyId, string companyName, MediaPartnerProfile profile, DateOnly today, Actor actor)
    {
        if (S.Partner is not null)
            throw new DomainRuleException("Sudah terdaftar", "Perusahaan Anda sudah mendaftar di instansi ini.", 409);
        var config = await LoadConfigurationAsync();
        var partner = MediaPartner.Apply(EntityId, companyId, companyName, profile, config.State, today);
        await CommitAsync(partner, actor);
        return Snapshot();
    }

    public Task<PartnerSnapshot> ChangeProfile(int expectedVersion, MediaPartnerProfile profile, Actor actor) =>
        ChangeAsync(expectedVersion, actor, (p, _) => p.ChangeProfile(profile, Today()));

    public async Task<(DocumentRequirement Item, PartnerDocument? Replay)> PrepareUpload(string itemCode, string? idempotencyKey)
    {
        var partner = Require();
        if (idempotencyKey is not null && partner.FindByIdempotencyKey(idempotencyKey) is { } replay) return (partner.RequireItem((await LoadConfigurationAsync()).State, replay.ItemCode), replay);
        partner.EnsureDocumentsEditable();
        return (partner.RequireItem((await LoadConfigurationAsync()).State, itemCode), null);
    }

    public async Task<AttachOutcome> AttachDocuments(IReadOnlyList<DocumentAttachment> documents, DateOnly today, Actor actor)
    {
        var partner = Require();
        if (documents.Count == 1 && documents[0].IdempotencyKey is { } key && partner.FindByIdempotencyKey(key) is { } replay)
        {
            if (replay.ItemCode != documents[0].ItemCode)
                throw new DomainRuleException("Idempotency-Key sudah dipakai",
                    "Idempotency-Key ini sudah dipakai untuk dokumen lain. Gunakan kunci baru untuk setiap unggahan.", 422);
            return new AttachOutcome(false, [replay], S.Version, partner.State.Status);
        }
        var config = await LoadConfigurationAsync();
        var attached = documents.Select(d => partner.AttachDocument(config.State, d.ItemCode, d.BlobName, d.FileName, d.ContentType, d.Length, d.Sha256,
            d.IdempotencyKey, d.Source, d.ValidUntil, actor.UserId, today)).ToList();
        await CommitAsync(partner, actor);
        return new AttachOutcome(true, attached, S.Version, partner.State.Status);
    }

    public Task<PartnerSnapshot> DecideDocument(int expectedVersion, Guid documentId, DocumentReview decision, string? note, Actor actor) =>
        ChangeAsync(expectedVersion, actor, (p, _) => p.DecideDocument(documentId, decision, note, actor.Name));

    public Task<PartnerSnapshot> Submit(int expectedVersion, DateOnly today, Actor actor) =>
        ChangeAsync(expectedVersion, actor, (p, c) => p.Submit(c.State, today));

    public Task<PartnerSnapshot> Decide(PartnerDecisionCommand command, DateOnly today, Actor actor) =>
        ChangeAsync(command.ExpectedVersion, actor, (p, c) =>
        {
            switch (command.Kind)
            {
                case PartnerDecisionKind.StartReview: p.StartReview(command.Note); break;
                case PartnerDecisionKind.RequestRevision: p.RequestRevision(command.Note ?? ""); break;
                case PartnerDecisionKind.Verify: p.Verify(c.State, c.Version, command.Grade ?? "", command.Points, command.Note, actor.Name, today); break;
                case PartnerDecisionKind.Reject: p.Reject(command.Note ?? "", actor.Name); break;
                case PartnerDecisionKind.Announce: p.Announce(actor.Name); break;
                default: throw new ArgumentOutOfRangeException(nameof(command));
            }
        });

    public Task<PartnerSnapshot> FileObjection(int expectedVersion, string note, DateOnly today, Actor actor) =>
        ChangeAsync(expectedVersion, actor, (p, c) => p.FileObjection(c.State, note, actor.Name, today));

    public async Task<PartnerSnapshot> RefreshExpiry(DateOnly today)
    {
        var partner = Require();
        var config = await LoadConfigurationAsync();
        partner.RefreshExpiry(config.State, today);
        if (partner.HasChanges) await CommitAsync(partner, ExpiryActor);
        else await ScheduleExpiryAsync(partner);
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder) return;
        if (S.Partner is null)
        {
            await this.UnregisterReminder(await this.GetReminder(ExpiryReminder) ?? throw new InvalidOperationException("reminder vanished"));
            return;
        }
        await RefreshExpiry(Today());
    }

    // ------------------------------------------------------------------ internals

    private async Task<PartnerSnapshot> ChangeAsync(int expectedVersion, Actor actor, Action<MediaPartner, (TenantConfigurationState State, int Version)> change)
    {
        var partner = Require();
        RequireVersion(MediaPartner.EntityType, EntityId, expectedVersion, S.Version);
        var config = await LoadConfigurationAsync();
        change(partner, config);
        if (partner.HasChanges) await CommitAsync(partner, actor);
        return Snapshot();
    }

    private async Task CommitAsync(MediaPartner partner, Actor actor)
    {
        var (documents, audit, outbox) = partner.TakeChanges(actor, time.GetUtcNow().UtcDateTime);
        var version = S.Version + 1;
        S.Partner = partner.State;
        S.Documents = partner.Documents.ToList();
        S.Version = version;
        await CommitAsync(new ProjectionBatch(version, actor.UserId, documents, audit, outbox));
        await ScheduleExpiryAsync(partner);
    }

    /// <summary>Keeps one reminder, due on the next day a validity mark changes (reminders tick at most daily after that).</summary>
    private async Task ScheduleExpiryAsync(MediaPartner partner)
    {
        var today = Today();
        var next = partner.NextExpiryChange(today);
        var existing = await this.GetReminder(ExpiryReminder);
        if (next is null)
        {
            if (existing is not null) await this.UnregisterReminder(existing);
            return;
        }
        // Due at 00:05 WIB on that day (UTC+7): the earliest of Indonesia's time zones, so no office sees a mark late.
        var due = new DateTimeOffset(next.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)) + reminderOptions.Value.DueAfterMidnight;
        var dueIn = due - time.GetUtcNow();
        var earliest = reminderOptions.Value.EarliestDue;
        if (dueIn < earliest) dueIn = earliest;
        await this.RegisterOrUpdateReminder(ExpiryReminder, dueIn, TimeSpan.FromDays(1));
    }

    protected override async Task ProjectAsync(TenantTransaction tx, ProjectionBatch batch, CancellationToken ct)
    {
        await tx.ExecuteAsync(
            """
            INSERT INTO media_partners (tenant_id, id, version, state, updated_at, updated_by)
            VALUES (@tenant, @id, @version, @state::jsonb, now(), @by)
            ON CONFLICT (tenant_id, id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = now(), updated_by = excluded.updated_by
            WHERE media_partners.version < excluded.version
            """,
            new { tenant = TenantId, id = EntityId, version = S.Version, state = JsonSerializer.Serialize(S.Partner, EntityJson.Options), by = batch.UpdatedBy }, ct);
        // Superseded revisions first, so the "one current revision per item" index never sees two.
        foreach (var doc in S.Documents.Where(d => batch.DocumentIds.Contains(d.Id)).OrderBy(d => d.IsCurrent))
        {
            await tx.ExecuteAsync(
                """
                INSERT INTO media_partner_documents (tenant_id, id, partner_id, item_code, revision, state, blob_name, file_name,
                    content_type, length, sha256, idempotency_key, source, valid_until, expiry_state, uploaded_by, uploaded_at,
                    review, review_note, reviewed_by, reviewed_at)
                VALUES (@tenant, @Id, @PartnerId, @ItemCode, @Revision, @State, @BlobName, @FileName, @ContentType, @Length, @Sha256,
                    @IdempotencyKey, @Source, @validUntil::date, @ExpiryState, @UploadedBy, @UploadedAt,
                    @Review, @ReviewNote, @ReviewedBy, @ReviewedAt)
                ON CONFLICT (tenant_id, id) DO UPDATE SET state = excluded.state, expiry_state = excluded.expiry_state, review = excluded.review,
                    review_note = excluded.review_note, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at
                """,
                new
                {
                    tenant = TenantId, doc.Id, doc.PartnerId, doc.ItemCode, doc.Revision, doc.State, doc.BlobName, doc.FileName,
                    doc.ContentType, doc.Length, doc.Sha256, doc.IdempotencyKey, doc.Source,
                    validUntil = doc.ValidUntil?.ToDateTime(TimeOnly.MinValue), doc.ExpiryState, doc.UploadedBy, doc.UploadedAt,
                    doc.Review, doc.ReviewNote, doc.ReviewedBy, doc.ReviewedAt,
                }, ct);
        }
        if (batch.Version == 1)
            await tx.ExecuteAsync(
                "INSERT INTO media_company_applications (company_id, applied_tenant_id, partner_id) VALUES (@company, @tenant, @id) ON CONFLICT DO NOTHING",
                new { company = S.Partner!.CompanyId, tenant = TenantId, id = EntityId }, ct);
        await AuditLog.WriteProjectedAsync(tx, MediaPartner.EntityType, EntityId, batch.Version, batch.Audit, ct);
        foreach (var n in batch.Outbox)
        {
            await tx.ExecuteAsync(
                """
                INSERT INTO notification_outbox (tenant_id, kind, partner_id, document_id, company_id, subject, body, dedupe_key)
                VALUES (@tenant, @Kind, @partner, @DocumentId, @CompanyId, @Subject, @Body, @DedupeKey)
                ON CONFLICT DO NOTHING
                """, new { tenant = TenantId, n.Kind, partner = EntityId, n.DocumentId, n.CompanyId, n.Subject, n.Body, n.DedupeKey }, ct);
        }
    }

    private MediaPartner Require() =>
        S.Partner is { } state
            ? new MediaPartner(EntityId, state, S.Version, S.Documents.Select(Copy))
            : throw new NotFoundException("Media mitra tidak ditemukan.");

    // The aggregate changes documents in place; it works on copies so a refused command leaves the grain's state untouched.
    private static PartnerDocument Copy(PartnerDocument d) => new()
    {
        Id = d.Id, PartnerId = d.PartnerId, ItemCode = d.ItemCode, Revision = d.Revision, State = d.State, BlobName = d.BlobName,
        FileName = d.FileName, ContentType = d.ContentType, Length = d.Length, Sha256 = d.Sha256, IdempotencyKey = d.IdempotencyKey,
        Source = d.Source, ValidUntil = d.ValidUntil, ExpiryState = d.ExpiryState, Review = d.Review, ReviewNote = d.ReviewNote,
        ReviewedBy = d.ReviewedBy, ReviewedAt = d.ReviewedAt, UploadedBy = d.UploadedBy, UploadedAt = d.UploadedAt,
    };

    private PartnerSnapshot Snapshot() => new(EntityId, S.Version, S.Partner!, S.Documents.Select(Copy).ToList());

    private async Task<(TenantConfigurationState State, int Version)> LoadConfigurationAsync()
    {
        await using var tx = await Db.BeginTenantAsync(TenantId);
        return await TenantConfigurationReader.LoadAsync(tx, CancellationToken.None);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
}

public sealed class ExpiryReminderOptions
{
    /// <summary>How soon a reminder for a mark already due may fire (a grain reactivated late still marks promptly).</summary>
    public TimeSpan EarliestDue { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When, after midnight WIB on the day a mark changes, the reminder is due.</summary>
    public TimeSpan DueAfterMidnight { get; set; } = TimeSpan.FromMinutes(5);
}
