using System.Text.Json;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.StudyVisits;

public enum VisitStatus { Requested, Accepted, Declined, Completed }

public sealed record DelegationMember(string Name, string Position);

/// <summary>What the visiting office sends (the online form).</summary>
public sealed record VisitRequestInput(
    string Institution, string ContactName, string ContactEmail, IReadOnlyList<DelegationMember> Members, string Purpose,
    IReadOnlyList<string> Topics, DateOnly ProposedStart, DateOnly ProposedEnd, string? ContactPhone = null);

public sealed record VisitOutcome(IReadOnlyList<string> Topics, string Takeaways, string? FollowUps, string RecordedBy, DateTime RecordedAt);

public sealed record StudyVisitState(
    VisitStatus Status,
    Guid HostTenantId,
    string HostName,
    Guid? VisitorTenantId,
    string? VisitorTenantName,
    VisitRequestInput Request,
    string SubmittedBy,
    DateTime SubmittedAt,
    DateOnly? ScheduledStart,
    DateOnly? ScheduledEnd,
    string? HostNote,
    string? DeclineReason,
    VisitOutcome? Outcome,
    Guid? EventId);

/// <summary>
/// A study visit record. The row belongs to the host tenant; when the visitor is a tenant too it can read the row
/// (RLS policy visiting_tenant_reads) but only the host changes it, through these methods.
/// </summary>
public sealed class StudyVisit
{
    public const string EntityType = "study_visit";

    private StudyVisit(Guid id, StudyVisitState state, int version)
    {
        Id = id;
        State = state;
        Version = version;
    }

    public Guid Id { get; }
    public StudyVisitState State { get; private set; }
    public int Version { get; private set; }

    public static void Validate(VisitRequestInput input)
    {
        var v = new Validator()
            .Text("institution", "Nama instansi", input.Institution, 200, 3)
            .Text("contactName", "Nama narahubung", input.ContactName, 150)
            .Email("contactEmail", input.ContactEmail)
            .Text("contactPhone", "Nomor telepon", input.ContactPhone, 30, required: false)
            .Text("purpose", "Maksud dan tujuan", input.Purpose, 2000, 10)
            .Count("members", "Anggota delegasi", input.Members, 50)
            .Count("topics", "Topik", input.Topics, 20);
        if (input.Members is not { Count: > 0 }) v.Add("members", "Sebutkan sekurang-kurangnya satu anggota delegasi.");
        for (var i = 0; i < (input.Members?.Count ?? 0); i++)
            v.Text($"members[{i}].name", "Nama", input.Members![i].Name, 150).Text($"members[{i}].position", "Jabatan", input.Members[i].Position, 200);
        if (input.Topics is not { Count: > 0 }) v.Add("topics", "Sebutkan sekurang-kurangnya satu topik.");
        for (var i = 0; i < (input.Topics?.Count ?? 0); i++) v.Text($"topics[{i}]", "Topik", input.Topics![i], 200);
        if (input.ProposedEnd < input.ProposedStart) v.Add("proposedEnd", "Tanggal selesai sebelum tanggal mulai.");
        if (input.ProposedEnd.DayNumber - input.ProposedStart.DayNumber > 14) v.Add("proposedEnd", "Kunjungan paling lama 14 hari.");
        if (input.ProposedStart < DateOnly.FromDateTime(DateTime.UtcNow)) v.Add("proposedStart", "Tanggal usulan sudah lewat.");
        v.ThrowIfInvalid();
    }

    /// <summary>A new request in the host's transaction (tx.TenantId is the host).</summary>
    public static async Task<StudyVisit> RequestAsync(TenantTransaction tx, string hostName, VisitRequestInput input, Guid? visitorTenantId,
        string? visitorTenantName, Actor submittedBy, CancellationToken ct)
    {
        Validate(input);
        if (visitorTenantId == tx.TenantId)
            throw new DomainRuleException("Tidak dapat diproses", "Instansi tidak dapat mengajukan kunjungan ke dirinya sendiri.", 422);
        var trimmed = input with
        {
            Institution = input.Institution.Trim(), ContactName = input.ContactName.Trim(), ContactEmail = input.ContactEmail.Trim(),
            Purpose = input.Purpose.Trim(), Topics = [.. input.Topics.Select(t => t.Trim())],
            Members = [.. input.Members.Select(m => new DelegationMember(m.Name.Trim(), m.Position.Trim()))],
        };
        var visit = new StudyVisit(Guid.NewGuid(), new StudyVisitState(VisitStatus.Requested, tx.TenantId, hostName, visitorTenantId, visitorTenantName,
            trimmed, submittedBy.Name, DateTime.UtcNow, null, null, null, null, null, null), 1);
        await tx.ExecuteAsync(
            """
            INSERT INTO study_visits (tenant_id, id, version, state, visitor_tenant_id, updated_by)
            VALUES (@tenant, @id, 1, @state::jsonb, @visitor, @actor)
            """, new { tenant = tx.TenantId, id = visit.Id, state = Json(visit.State), visitor = visitorTenantId, actor = submittedBy.UserId }, ct);
        await AuditLog.WriteAsync(tx, EntityType, visit.Id, "visit_requested", submittedBy, null, new { visitorTenantId }, ct);
        return visit;
    }

    /// <summary>Loads a visit the transaction's tenant may see (as host or as visiting tenant), or throws 404.</summary>
    public static async Task<StudyVisit> LoadAsync(TenantTransaction tx, Guid id, CancellationToken ct) =>
        (await ListAsync(tx, id, ct)).SingleOrDefault() ?? throw new NotFoundException("Kunjungan tidak ditemukan.");

    /// <summary>Visits the transaction's tenant hosts or makes (RLS decides), newest first.</summary>
    public static async Task<IReadOnlyList<StudyVisit>> ListAsync(TenantTransaction tx, Guid? id, CancellationToken ct) =>
        (await tx.QueryAsync<(Guid Id, int Version, string State)>(
            "SELECT id, version, state::text FROM study_visits WHERE (@id::uuid IS NULL OR id = @id) ORDER BY created_at DESC LIMIT 500",
            new { id }, ct))
        .Select(r => new StudyVisit(r.Id, JsonSerializer.Deserialize<StudyVisitState>(r.State, EntityJson.Options)!, r.Version)).ToList();

    public bool IsHost(Guid tenantId) => State.HostTenantId == tenantId;

    public void Accept(DateOnly start, DateOnly end, string? note)
    {
        RequireStatus("menerima", VisitStatus.Requested);
        var v = new Validator().Text("note", "Catatan", note, 1000, required: false);
        if (end < start) v.Add("scheduledEnd", "Tanggal selesai sebelum tanggal mulai.");
        if (end.DayNumber - start.DayNumber > 14) v.Add("scheduledEnd", "Kunjungan paling lama 14 hari.");
        v.ThrowIfInvalid();
        State = State with { Status = VisitStatus.Accepted, ScheduledStart = start, ScheduledEnd = end, HostNote = note?.Trim() };
    }

    /// <summary>The event the accepted visit was scheduled as (Events feature, type study visit).</summary>
    public void LinkEvent(Guid eventId)
    {
        RequireStatus("menjadwalkan", VisitStatus.Accepted);
        State = State with { EventId = eventId };
    }

    public void Decline(string reason)
    {
        RequireStatus("menolak", VisitStatus.Requested, VisitStatus.Accepted);
        new Validator().Text("reason", "Alasan", reason, 1000, 5).ThrowIfInvalid();
        State = State with { Status = VisitStatus.Declined, DeclineReason = reason.Trim() };
    }

    public void RecordOutcome(IReadOnlyList<string> topics, string takeaways, string? followUps, Actor actor)
    {
        RequireStatus("mencatat hasil", VisitStatus.Accepted, VisitStatus.Completed);
        var v = new Validator().Text("takeaways", "Hasil dan pembelajaran", takeaways, 4000, 5)
            .Text("followUps", "Tindak lanjut", followUps, 4000, required: false).Count("topics", "Topik", topics, 20);
        for (var i = 0; i < topics.Count; i++) v.Text($"topics[{i}]", "Topik", topics[i], 200);
        v.ThrowIfInvalid();
        State = State with
        {
            Status = VisitStatus.Completed,
            Outcome = new VisitOutcome([.. topics.Select(t => t.Trim())], takeaways.Trim(), followUps?.Trim(), actor.Name, DateTime.UtcNow),
        };
    }

    /// <summary>Compare-and-swap on the version; only the host's transaction can write (RLS and this check).</summary>
    public async Task SaveAsync(TenantTransaction tx, int expectedVersion, Actor actor, string action, CancellationToken ct)
    {
        if (!IsHost(tx.TenantId))
            throw new DomainRuleException("Akses ditolak", "Hanya instansi tuan rumah yang dapat mengubah catatan kunjungan.", 403);
        var version = await tx.ExecuteScalarAsync<int?>(
            """
            UPDATE study_visits SET state = @state::jsonb, version = version + 1, scheduled_start = @start::date, scheduled_end = @end::date, event_id = @eventId,
                   updated_at = now(), updated_by = @actor
            WHERE tenant_id = @tenant AND id = @id AND version = @expectedVersion
            RETURNING version
            """,
            new { tenant = tx.TenantId, id = Id, state = Json(State), start = State.ScheduledStart?.ToDateTime(TimeOnly.MinValue), end = State.ScheduledEnd?.ToDateTime(TimeOnly.MinValue), eventId = State.EventId, actor = actor.UserId, expectedVersion }, ct)
            ?? throw new ConcurrencyConflictException(EntityType, Id, expectedVersion, Version);
        Version = version;
        await AuditLog.WriteAsync(tx, EntityType, Id, action, actor, null, new { version, status = EntityJson.EnumText(State.Status) }, ct);
    }

    private void RequireStatus(string action, params VisitStatus[] allowed)
    {
        if (!allowed.Contains(State.Status))
            throw new DomainRuleException("Status kunjungan tidak sesuai", $"Tidak dapat {action}: kunjungan berstatus {StatusLabel(State.Status)}.", 409);
    }

    public static string StatusLabel(VisitStatus status) => Words.Of(status);

    private static string Json(StudyVisitState state) => JsonSerializer.Serialize(state, EntityJson.Options);
}
