using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.PersonalData;

public enum RequestKind { Erasure, Export }

public enum SubjectType { Participant, Journalist }

public enum RequestStatus { Received, Completed, Refused }

public sealed record RecordRequest(RequestKind Kind, SubjectType SubjectType, Guid SubjectId, string RequesterName, string? Note);

/// <summary>The staff's decision: complete (erase, or hand over the export) or refuse; either way with its legal outcome in words.</summary>
public sealed record DecideRequest(RequestStatus Outcome, string LegalOutcome);

public sealed record PersonalDataRequest(Guid Id, RequestKind Kind, SubjectType SubjectType, Guid SubjectId, string RequesterName, string? Note,
    DateTime ReceivedAt, RequestStatus Status, string? LegalOutcome, DateTime? DecidedAt);

/// <summary>
/// Requests of data subjects (a journalist or an event participant), received and decided by tenant staff and kept as a
/// register with the legal outcome: erasure (UU 27/2022 Pasal 8) or a copy of one's data (Pasal 7). Every step is audited.
/// </summary>
public sealed class PersonalDataRequests(Db db, ParticipantData participants, JournalistData journalists)
{
    public const string AuditEntity = "personal_data_request";

    public async Task<IReadOnlyList<PersonalDataRequest>> ListAsync(Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return (await tx.QueryAsync<Row>($"SELECT {Row.Columns} FROM personal_data_requests ORDER BY received_at DESC LIMIT 500", null, ct))
            .Select(r => r.ToModel()).ToList();
    }

    public async Task<PersonalDataRequest> GetAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return (await LoadAsync(tx, id, false, ct)).ToModel();
    }

    public async Task<PersonalDataRequest> RecordAsync(Guid tenantId, RecordRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Text("requesterName", "Nama pemohon", request.RequesterName, 150).Text("note", "Catatan", request.Note, 1000, required: false);
        if (!Enum.IsDefined(request.Kind)) v.Add("kind", "Jenis permintaan tidak dikenal.");
        if (!Enum.IsDefined(request.SubjectType)) v.Add("subjectType", "Jenis subjek data tidak dikenal.");
        v.ThrowIfInvalid();
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        await RequireSubjectAsync(tx, request.SubjectType, request.SubjectId, ct);
        var id = Guid.CreateVersion7();
        await tx.ExecuteAsync(
            """
            INSERT INTO personal_data_requests (tenant_id, id, kind, subject_type, subject_id, requester_name, note, recorded_by)
            VALUES (@tenantId, @id, @kind, @subjectType, @SubjectId, @name, @note, @by)
            """, new
            {
                tenantId, id, kind = EntityJson.EnumText(request.Kind), subjectType = EntityJson.EnumText(request.SubjectType), request.SubjectId,
                name = request.RequesterName.Trim(), note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), by = actor.UserId,
            }, ct);
        await AuditLog.WriteAsync(tx, AuditEntity, id, "request_received", actor, null,
            new { kind = EntityJson.EnumText(request.Kind), subjectType = EntityJson.EnumText(request.SubjectType), request.SubjectId }, ct);
        var created = (await LoadAsync(tx, id, false, ct)).ToModel();
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Decides a request. Completing an erasure erases in the same transaction for a participant; for a journalist the
    /// identity documents are erased through <see cref="JournalistData"/> (rows then blobs) before the request is closed.
    /// </summary>
    public async Task<PersonalDataRequest> DecideAsync(Guid tenantId, Guid id, DecideRequest decision, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Text("legalOutcome", "Dasar dan hasil keputusan", decision.LegalOutcome, 1000, min: 10);
        if (decision.Outcome is not (RequestStatus.Completed or RequestStatus.Refused)) v.Add("outcome", "Pilih: selesai atau ditolak.");
        v.ThrowIfInvalid();

        Row row;
        await using (var tx = await db.BeginTenantAsync(tenantId, ct))
            row = await LoadAsync(tx, id, false, ct);
        RequireOpen(row);

        var erasedDocuments = 0;
        if (decision.Outcome == RequestStatus.Completed && row.Kind == "erasure" && row.SubjectType == "journalist")
        {
            IReadOnlyList<DocumentRef> docs;
            await using (var tx = await db.BeginTenantAsync(tenantId, ct))
                docs = await JournalistData.IdentityDocumentsOfPartnerAsync(tx, row.SubjectId, ct);
            erasedDocuments = await journalists.EraseDocumentsAsync(tenantId, row.SubjectId, docs.Select(d => d.DocumentId).ToList(), actor,
                "identity_documents_erased", $"Permintaan penghapusan data pribadi {id}: {decision.LegalOutcome.Trim()}", ct);
        }

        await using (var tx = await db.BeginTenantAsync(tenantId, ct))
        {
            row = await LoadAsync(tx, id, true, ct);
            RequireOpen(row);
            if (decision.Outcome == RequestStatus.Completed && row.Kind == "erasure" && row.SubjectType == "participant")
                await participants.EraseParticipantAsync(tx, row.SubjectId, actor, $"Permintaan penghapusan data pribadi {id}", ct);
            await tx.ExecuteAsync(
                """
                UPDATE personal_data_requests SET status = @status, legal_outcome = @outcome, decided_by = @by, decided_at = now() WHERE id = @id
                """, new { id, status = EntityJson.EnumText(decision.Outcome), outcome = decision.LegalOutcome.Trim(), by = actor.UserId }, ct);
            await AuditLog.WriteAsync(tx, AuditEntity, id, "request_" + EntityJson.EnumText(decision.Outcome), actor, decision.LegalOutcome.Trim(),
                new { kind = row.Kind, subjectType = row.SubjectType, row.SubjectId, erasedDocuments }, ct);
            var decided = (await LoadAsync(tx, id, false, ct)).ToModel();
            await tx.CommitAsync(ct);
            return decided;
        }
    }

    /// <summary>The subject's data as held now, for an export request; each export is audited.</summary>
    public async Task<object> ExportAsync(Guid tenantId, Guid id, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var row = await LoadAsync(tx, id, false, ct);
        if (row.Kind != "export")
            throw new DomainRuleException("Bukan permintaan salinan data", "Salinan data hanya dibuat untuk permintaan jenis salinan data.");
        if (row.Status == "refused")
            throw new DomainRuleException("Permintaan ditolak", "Permintaan ini sudah ditolak; salinan data tidak dibuat.");
        object data = row.SubjectType == "participant"
            ? await ParticipantData.ExportAsync(tx, row.SubjectId, ct)
            : await JournalistData.ExportAsync(tx, row.SubjectId, ct);
        await AuditLog.WriteAsync(tx, AuditEntity, id, "personal_data_exported", actor, null, new { subjectType = row.SubjectType, row.SubjectId }, ct);
        await tx.CommitAsync(ct);
        return new { request = row.ToModel(), exportedAt = DateTime.UtcNow, data };
    }

    private static async Task RequireSubjectAsync(TenantTransaction tx, SubjectType type, Guid subjectId, CancellationToken ct)
    {
        var sql = type == SubjectType.Participant
            ? "SELECT EXISTS (SELECT 1 FROM event_participants WHERE id = @subjectId)"
            : "SELECT EXISTS (SELECT 1 FROM media_partners WHERE id = @subjectId)";
        if (!await tx.ExecuteScalarAsync<bool>(sql, new { subjectId }, ct))
            throw new NotFoundException(type == SubjectType.Participant ? "Peserta tidak ditemukan." : "Media mitra tidak ditemukan.");
    }

    private static void RequireOpen(Row row)
    {
        if (row.Status != "received")
            throw new DomainRuleException("Permintaan sudah diputuskan", "Permintaan ini sudah selesai atau ditolak.");
    }

    private static async Task<Row> LoadAsync(TenantTransaction tx, Guid id, bool forUpdate, CancellationToken ct) =>
        await tx.QuerySingleOrDefaultAsync<Row>($"SELECT {Row.Columns} FROM personal_data_requests WHERE id = @id {(forUpdate ? "FOR UPDATE" : "")}", new { id }, ct)
        ?? throw new NotFoundException("Permintaan tidak ditemukan.");

    private sealed record Row(Guid Id, string Kind, string SubjectType, Guid SubjectId, string RequesterName, string? Note, DateTime ReceivedAt,
        string Status, string? LegalOutcome, DateTime? DecidedAt)
    {
        public const string Columns =
            "id, kind, subject_type AS SubjectType, subject_id AS SubjectId, requester_name AS RequesterName, note, received_at AS ReceivedAt, " +
            "status, legal_outcome AS LegalOutcome, decided_at AS DecidedAt";

        public PersonalDataRequest ToModel() => new(Id, Kind == "erasure" ? RequestKind.Erasure : RequestKind.Export,
            SubjectType == "participant" ? PersonalData.SubjectType.Participant : PersonalData.SubjectType.Journalist, SubjectId, RequesterName, Note,
            ReceivedAt, Status switch { "completed" => RequestStatus.Completed, "refused" => RequestStatus.Refused, _ => RequestStatus.Received },
            LegalOutcome, DecidedAt);
    }
}
