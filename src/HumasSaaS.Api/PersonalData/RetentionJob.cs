using Dapper;
using HumasSaaS.Api.Platform.Database;
using Microsoft.Extensions.Options;

namespace HumasSaaS.Api.PersonalData;

public sealed class RetentionJobOptions
{
    /// <summary>Time between passes over all tenants; zero or negative turns the background pass off (tests run it directly).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Wait after start-up before the first pass, so a fleet restarting together does not pass at once.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>What one pass did in one tenant.</summary>
public sealed record RetentionRun(int ParticipantContacts, int IdentityDocuments, int RejectedApplicationDocuments)
{
    public bool DidAnything => ParticipantContacts + IdentityDocuments + RejectedApplicationDocuments > 0;
}

/// <summary>
/// Deletes or anonymises personal data past the tenant's retention (<see cref="RetentionSettings"/>). Several instances
/// may run it at once: a tenant is worked on only while holding a session advisory lock for it, which another instance
/// does not wait for but skips; every step is idempotent as well. Each change is audited where it is made; a pass that
/// changed something also writes one summary audit event ("retention_applied").
/// </summary>
public sealed class RetentionJob(Db db, ParticipantData participants, JournalistData journalists, TimeProvider time,
    IOptions<RetentionJobOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    public static readonly Actor JobActor = new(null, "Retensi data pribadi (otomatis)");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (interval <= TimeSpan.Zero) return;
        await Task.Delay(options.Value.InitialDelay, time, stoppingToken);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var connection = await db.OpenPlatformAsync(stoppingToken);
                var tenants = (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM tenants ORDER BY id", cancellationToken: stoppingToken))).ToList();
                foreach (var tenantId in tenants) await RunForTenantAsync(tenantId, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Personal data retention pass failed; it runs again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over one tenant; null when another instance holds the tenant's lock right now.</summary>
    public async Task<RetentionRun?> RunForTenantAsync(Guid tenantId, CancellationToken ct)
    {
        await using var lockConnection = await db.OpenPlatformAsync(ct);
        var key = new { a = "personal-data-retention", t = tenantId.ToString() };
        if (!await lockConnection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(hashtext(@a), hashtext(@t))", key, cancellationToken: ct)))
            return null;
        try
        {
            return await ApplyAsync(tenantId, ct);
        }
        finally
        {
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(hashtext(@a), hashtext(@t))", key, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<RetentionRun> ApplyAsync(Guid tenantId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<RetentionSetting> settings;
        IReadOnlyList<Guid> events;
        IReadOnlyList<DocumentRef> identity, rejected;
        await using (var tx = await db.BeginTenantAsync(tenantId, ct))
        {
            settings = await RetentionSettings.ListAsync(tx, ct);
            var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(7)).DateTime);
            events = await ParticipantData.EventsWithContactsEndedBeforeAsync(tx, today.AddDays(-Days(settings, DataKind.ParticipantContacts)), ct);
            identity = await JournalistData.ReplacedIdentityDocumentsAsync(tx, now.AddDays(-Days(settings, DataKind.JournalistIdentity)), ct);
            rejected = await JournalistData.RejectedApplicationDocumentsAsync(tx, now.AddDays(-Days(settings, DataKind.RejectedApplications)), ct);
        }

        var contacts = 0;
        foreach (var eventId in events)
            contacts += await participants.EraseContactsOfEventAsync(tenantId, eventId, JobActor, Reason(settings, DataKind.ParticipantContacts), ct);
        var identityCount = await EraseAsync(tenantId, identity, "identity_documents_erased", Reason(settings, DataKind.JournalistIdentity), ct);
        var rejectedCount = await EraseAsync(tenantId, rejected, "application_documents_erased", Reason(settings, DataKind.RejectedApplications), ct);

        var run = new RetentionRun(contacts, identityCount, rejectedCount);
        if (run.DidAnything)
        {
            await using var tx = await db.BeginTenantAsync(tenantId, ct);
            await AuditLog.WriteAsync(tx, RetentionSettings.AuditEntity, tenantId, "retention_applied", JobActor, null, new
            {
                participantContacts = contacts, identityDocuments = identityCount, rejectedApplicationDocuments = rejectedCount,
                settings = settings.ToDictionary(s => RetentionPolicy.Text(s.Kind), s => s.RetentionDays),
            }, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Retention in tenant {Tenant}: {Contacts} participants' contacts, {Identity} identity documents, {Rejected} rejected application documents",
                tenantId, contacts, identityCount, rejectedCount);
        }
        return run;
    }

    private async Task<int> EraseAsync(Guid tenantId, IReadOnlyList<DocumentRef> documents, string action, string reason, CancellationToken ct)
    {
        var count = 0;
        foreach (var partner in documents.GroupBy(d => d.PartnerId))
            count += await journalists.EraseDocumentsAsync(tenantId, partner.Key, partner.Select(d => d.DocumentId).ToList(), JobActor, action, reason, ct);
        return count;
    }

    private static int Days(IReadOnlyList<RetentionSetting> settings, DataKind kind) => settings.Single(s => s.Kind == kind).RetentionDays;

    private static string Reason(IReadOnlyList<RetentionSetting> settings, DataKind kind) =>
        $"Masa retensi berakhir ({Days(settings, kind)} hari, {RetentionPolicy.For(kind).AppliesTo}).";
}
