using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Entities;

namespace HumasSaaS.Api.MediaPartners;

public sealed record ExpiryRunResult(int Marked, int Reminders, int ReturnedToReview);

/// <summary>
/// Marks current documents "segera kedaluwarsa" / "kedaluwarsa" and writes due reminders to notification_outbox.
/// Partners are claimed with FOR UPDATE SKIP LOCKED (the partner row is the lock every document writer takes
/// first), so several instances can run it at once without doing the same work twice or deadlocking.
/// A verified partner whose mandatory document expired goes back to review.
/// </summary>
public sealed class DocumentExpiryJob(Db db, PartnerDocuments documents)
{
    public const int DefaultSoonDays = 30;
    private static readonly Actor System = new(null, "Sistem (pemeriksa masa berlaku)");

    public async Task<ExpiryRunResult> RunOnceAsync(DateOnly today, int soonDays = DefaultSoonDays, Guid? onlyTenant = null, CancellationToken ct = default)
    {
        var total = new ExpiryRunResult(0, 0, 0);
        var tenants = onlyTenant is { } one ? [one] : await documents.AllTenantIdsAsync(ct);
        foreach (var tenantId in tenants)
        {
            var r = await RunTenantAsync(tenantId, today, soonDays, ct);
            total = new ExpiryRunResult(total.Marked + r.Marked, total.Reminders + r.Reminders, total.ReturnedToReview + r.ReturnedToReview);
        }
        return total;
    }

    private async Task<ExpiryRunResult> RunTenantAsync(Guid tenantId, DateOnly today, int soonDays, CancellationToken ct)
    {
        var todayParam = today.ToDateTime(TimeOnly.MinValue);
        var soonParam = today.AddDays(soonDays).ToDateTime(TimeOnly.MinValue);
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var partnerIds = (await tx.QueryAsync<Guid>(
            """
            SELECT p.id FROM media_partners p
            WHERE EXISTS (
                SELECT 1 FROM media_partner_documents d
                WHERE d.partner_id = p.id AND d.state = 'current' AND d.valid_until IS NOT NULL
                  AND (CASE d.expiry_state WHEN 'expired' THEN 2 WHEN 'expiring_soon' THEN 1 ELSE 0 END)
                    < (CASE WHEN d.valid_until < @today::date THEN 2 WHEN d.valid_until <= @soon::date THEN 1 ELSE 0 END))
            ORDER BY p.id
            LIMIT 200
            FOR UPDATE OF p SKIP LOCKED
            """, new { today = todayParam, soon = soonParam }, ct)).ToList();
        if (partnerIds.Count == 0) return new ExpiryRunResult(0, 0, 0);

        var config = (await TenantConfiguration.LoadAsync(tx, ct)).State;
        int marked = 0, reminders = 0, returned = 0;
        foreach (var partnerId in partnerIds)
        {
            var partner = await MediaPartner.LoadAsync(tx, partnerId, ct);
            if (partner is null) continue;
            var checklist = partner.Checklist(config);
            var expiredMandatory = new List<string>();
            foreach (var doc in partner.CurrentDocuments.Where(d => d.ValidUntil is not null))
            {
                var state = EntityJson.EnumText(MediaPartner.ExpiryOf(doc.ValidUntil, today, soonDays));
                // Only forward (valid → segera kedaluwarsa → kedaluwarsa): instances with slightly different clocks never undo each other.
                if (Rank(state) <= Rank(doc.ExpiryState)) continue;
                marked += await tx.ExecuteAsync("UPDATE media_partner_documents SET expiry_state = @state WHERE partner_id = @partnerId AND id = @id",
                    new { state, partnerId, id = doc.Id }, ct);
                var item = checklist.FirstOrDefault(i => i.Code == doc.ItemCode);
                var label = item?.Label ?? doc.ItemCode;
                var expired = state == "expired";
                if (expired && item?.Mandatory == true) expiredMandatory.Add(label);
                reminders += await tx.ExecuteAsync(
                    """
                    INSERT INTO notification_outbox (tenant_id, kind, partner_id, document_id, company_id, subject, body)
                    VALUES (@tenant, @kind, @partnerId, @documentId, @companyId, @subject, @body)
                    ON CONFLICT (tenant_id, document_id, kind) DO NOTHING
                    """,
                    new
                    {
                        tenant = tenantId, kind = expired ? "document_expired" : "document_expiring_soon", partnerId, documentId = doc.Id,
                        companyId = partner.State.CompanyId,
                        subject = expired ? $"Dokumen kedaluwarsa: {label}" : $"Dokumen segera kedaluwarsa: {label}",
                        body = $"Dokumen '{label}' milik {partner.State.Profile.MediaName} berlaku sampai {doc.ValidUntil:dd-MM-yyyy}" +
                               (expired ? " dan sudah kedaluwarsa. Unggah dokumen pengganti." : ". Siapkan dokumen pengganti."),
                    }, ct);
            }
            if (expiredMandatory.Count > 0 && partner.State.Status == PartnerStatus.Verified)
            {
                partner.ReturnToReview("Dokumen wajib kedaluwarsa: " + string.Join("; ", expiredMandatory) + ".");
                await partner.SaveAsync(tx, partner.Version, System, ct);
                returned++;
            }
        }
        await tx.CommitAsync(ct);
        return new ExpiryRunResult(marked, reminders, returned);
    }

    private static int Rank(string expiryState) => expiryState switch { "expired" => 2, "expiring_soon" => 1, _ => 0 };
}

/// <summary>Runs the expiry job and the blob sweeper periodically on every instance (both are safe to run concurrently).</summary>
public sealed class MediaPartnerBackgroundJobs(DocumentExpiryJob expiry, PartnerDocuments documents, IConfiguration configuration,
    ILogger<MediaPartnerBackgroundJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("MediaPartners:BackgroundJobs", true)) return;
        var interval = TimeSpan.FromSeconds(Math.Max(10, configuration.GetValue("MediaPartners:JobIntervalSeconds", 900)));
        var soonDays = configuration.GetValue("MediaPartners:ExpiringSoonDays", DocumentExpiryJob.DefaultSoonDays);
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await expiry.RunOnceAsync(IndonesiaDate.Today, soonDays, ct: stoppingToken);
                    await documents.SweepAsync(TimeSpan.FromHours(1), ct: stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Media partner background jobs failed; retrying at the next interval");
                }
                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
