using HumasSaaS.MediaPartners;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Storage;

namespace HumasSaaS.Api.PersonalData;

public sealed record DocumentRef(Guid PartnerId, Guid DocumentId);

public sealed record JournalistDocumentInfo(string ItemCode, int Revision, string State, string FileName, long Length, DateTime UploadedAt);

/// <summary>A media partner's personal data about its journalists (profile entries and identity documents), for an access request.</summary>
public sealed record JournalistExport(Guid PartnerId, string CompanyName, string? ChiefEditor, string? Journalists, IReadOnlyList<JournalistDocumentInfo> Documents);

/// <summary>
/// The only code in this feature that changes a media partner's documents. <see cref="EraseDocumentsAsync"/> is the one
/// command: it locks the partner row first (the order every partner writer uses), deletes the rows, bumps the partner's
/// version so a stale editor gets 409, audits, commits, then deletes the blobs. On the move to grains it becomes one call
/// on the partner's grain. A blob whose deletion fails is left to the document sweeper, which removes unreferenced blobs.
/// </summary>
public sealed class JournalistData(Db db, IBlobStore blobs, ILogger<JournalistData> logger)
{
    /// <summary>Identity document revisions (KTP, press card) replaced by a newer upload before <paramref name="replacedBefore"/>.</summary>
    public static async Task<IReadOnlyList<DocumentRef>> ReplacedIdentityDocumentsAsync(TenantTransaction tx, DateTimeOffset replacedBefore, CancellationToken ct) =>
        (await tx.QueryAsync<DocumentRef>(
            """
            SELECT d.partner_id AS PartnerId, d.id AS DocumentId FROM media_partner_documents d
            WHERE d.item_code = ANY(@items) AND d.state = 'superseded'
              AND EXISTS (SELECT 1 FROM media_partner_documents n
                          WHERE n.partner_id = d.partner_id AND n.item_code = d.item_code AND n.revision > d.revision AND n.uploaded_at < @replacedBefore)
            ORDER BY d.partner_id, d.id
            """, new { items = RetentionPolicy.JournalistIdentityItems, replacedBefore }, ct)).ToList();

    /// <summary>Every document of partners rejected before <paramref name="rejectedBefore"/> (the time of the "rejected" audit event).</summary>
    public static async Task<IReadOnlyList<DocumentRef>> RejectedApplicationDocumentsAsync(TenantTransaction tx, DateTimeOffset rejectedBefore, CancellationToken ct) =>
        (await tx.QueryAsync<DocumentRef>(
            """
            SELECT d.partner_id AS PartnerId, d.id AS DocumentId FROM media_partner_documents d JOIN media_partners p ON p.id = d.partner_id
            WHERE p.status = 'rejected'
              AND (SELECT max(a.at) FROM audit_events a
                   WHERE a.entity_type = 'media_partner' AND a.entity_id = p.id AND a.action = 'rejected') < @rejectedBefore
            ORDER BY d.partner_id, d.id
            """, new { rejectedBefore }, ct)).ToList();

    /// <summary>All identity documents (every revision) of one partner's journalists, for an erasure request.</summary>
    public static async Task<IReadOnlyList<DocumentRef>> IdentityDocumentsOfPartnerAsync(TenantTransaction tx, Guid partnerId, CancellationToken ct) =>
        (await tx.QueryAsync<DocumentRef>(
            "SELECT partner_id AS PartnerId, id AS DocumentId FROM media_partner_documents WHERE partner_id = @partnerId AND item_code = ANY(@items)",
            new { partnerId, items = RetentionPolicy.JournalistIdentityItems }, ct)).ToList();

    /// <summary>Deletes the given documents of one partner, rows then blobs. Returns how many rows were deleted.</summary>
    public async Task<int> EraseDocumentsAsync(Guid tenantId, Guid partnerId, IReadOnlyCollection<Guid> documentIds, Actor actor, string action,
        string reason, CancellationToken ct)
    {
        List<(Guid Id, string ItemCode, int Revision, string BlobName)> deleted;
        await using (var tx = await db.BeginTenantAsync(tenantId, ct))
        {
            if (await tx.ExecuteScalarAsync<Guid?>("SELECT id FROM media_partners WHERE id = @partnerId FOR UPDATE", new { partnerId }, ct) is null) return 0;
            deleted = (await tx.QueryAsync<(Guid, string, int, string)>(
                "DELETE FROM media_partner_documents WHERE partner_id = @partnerId AND id = ANY(@ids) RETURNING id, item_code, revision, blob_name",
                new { partnerId, ids = documentIds.ToArray() }, ct)).ToList();
            if (deleted.Count == 0) return 0;
            await tx.ExecuteAsync("UPDATE media_partners SET version = version + 1 WHERE id = @partnerId", new { partnerId }, ct);
            await AuditLog.WriteAsync(tx, MediaPartner.EntityType, partnerId, action, actor, reason,
                new { documents = deleted.Select(d => new { documentId = d.Id, itemCode = d.ItemCode, revision = d.Revision }) }, ct);
            await tx.CommitAsync(ct);
        }
        var container = PartnerDocuments.ContainerFor(tenantId);
        foreach (var (_, _, _, blobName) in deleted)
        {
            try
            {
                await blobs.DeleteIfExistsAsync(container, blobName, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not delete erased document blob {Container}/{Blob}; the sweeper will remove it", container, blobName);
            }
        }
        return deleted.Count;
    }

    public static async Task<JournalistExport> ExportAsync(TenantTransaction tx, Guid partnerId, CancellationToken ct)
    {
        var p = await tx.QuerySingleOrDefaultAsync<(Guid Id, string? Company, string? Chief, string? Journalists)>(
            """
            SELECT id, state ->> 'companyName', (state -> 'profile' -> 'chiefEditor')::text, (state -> 'profile' -> 'journalists')::text
            FROM media_partners WHERE id = @partnerId
            """, new { partnerId }, ct);
        if (p.Id == Guid.Empty) throw new NotFoundException("Media mitra tidak ditemukan.");
        var docs = (await tx.QueryAsync<JournalistDocumentInfo>(
            """
            SELECT item_code AS ItemCode, revision, state, file_name AS FileName, length, uploaded_at AS UploadedAt
            FROM media_partner_documents WHERE partner_id = @partnerId AND item_code = ANY(@items) ORDER BY item_code, revision
            """, new { partnerId, items = RetentionPolicy.JournalistIdentityItems }, ct)).ToList();
        return new JournalistExport(p.Id, p.Company ?? "", p.Chief, p.Journalists, docs);
    }
}
