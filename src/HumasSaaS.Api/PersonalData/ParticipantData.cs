using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.PersonalData;

public sealed record ParticipantCheckIn(int Day, DateTime At, string Method);

/// <summary>Everything the tenant holds about one event participant, for an access request (UU 27/2022 Pasal 7).</summary>
public sealed record ParticipantExport(Guid ParticipantId, Guid EventId, string EventTitle, IReadOnlyList<DateOnly> EventDays,
    string Name, string? Institution, string? Position, string Category, string? Phone, string? Email, string AttendanceMode,
    string Source, string? Represents, DateTime RegisteredAt, IReadOnlyList<ParticipantCheckIn> CheckIns);

/// <summary>
/// The only code in this feature that changes an event's participants. Each command is one method that locks the event
/// row first (the order every participant writer uses) and writes its audit event in the same transaction, so on the
/// move to grains each method becomes one call on the event's grain.
/// </summary>
public sealed class ParticipantData(Db db)
{
    public const string ErasedName = "Data dihapus";

    /// <summary>Events whose last day is before <paramref name="lastDayBefore"/> and that still hold a participant's phone or email.</summary>
    public static async Task<IReadOnlyList<Guid>> EventsWithContactsEndedBeforeAsync(TenantTransaction tx, DateOnly lastDayBefore, CancellationToken ct) =>
        (await tx.QueryAsync<Guid>(
            """
            SELECT e.id FROM events e
            WHERE (SELECT max(d::date) FROM jsonb_array_elements_text(e.state -> 'days') d) < @lastDayBefore
              AND EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND (p.phone IS NOT NULL OR p.email IS NOT NULL))
            ORDER BY e.id
            """, new { lastDayBefore }, ct)).ToList();

    /// <summary>Empties every participant's phone and email of one event (names and attendance stay). Returns how many participants changed.</summary>
    public async Task<int> EraseContactsOfEventAsync(Guid tenantId, Guid eventId, Actor actor, string reason, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        if (await tx.ExecuteScalarAsync<Guid?>("SELECT id FROM events WHERE id = @eventId FOR UPDATE", new { eventId }, ct) is null) return 0;
        var erased = await tx.ExecuteAsync(
            "UPDATE event_participants SET phone = NULL, email = NULL WHERE event_id = @eventId AND (phone IS NOT NULL OR email IS NOT NULL)",
            new { eventId }, ct);
        if (erased > 0)
            await AuditLog.WriteAsync(tx, "event", eventId, "participant_contacts_erased", actor, reason, new { participants = erased }, ct);
        await tx.CommitAsync(ct);
        return erased;
    }

    /// <summary>Anonymises one participant on request: identifying fields emptied, the row kept so attendance counts stay true.</summary>
    public async Task EraseParticipantAsync(TenantTransaction tx, Guid participantId, Actor actor, string reason, CancellationToken ct)
    {
        var eventId = await tx.ExecuteScalarAsync<Guid?>("SELECT event_id FROM event_participants WHERE id = @participantId", new { participantId }, ct)
            ?? throw new NotFoundException("Peserta tidak ditemukan.");
        await tx.ExecuteAsync("SELECT id FROM events WHERE id = @eventId FOR UPDATE", new { eventId }, ct);
        await tx.ExecuteAsync(
            """
            UPDATE event_participants SET name = @erased, institution = NULL, position = NULL, phone = NULL, email = NULL, represents = NULL
            WHERE id = @participantId
            """, new { participantId, erased = ErasedName }, ct);
        await AuditLog.WriteAsync(tx, "event", eventId, "participant_erased", actor, reason, new { participantId }, ct);
    }

    public static async Task<ParticipantExport> ExportAsync(TenantTransaction tx, Guid participantId, CancellationToken ct)
    {
        var p = await tx.QuerySingleOrDefaultAsync<ParticipantRow>(
            """
            SELECT p.id, p.event_id AS EventId, e.state ->> 'title' AS EventTitle, (e.state -> 'days')::text AS EventDays, p.name, p.institution,
                   p.position, p.category, p.phone, p.email, p.attendance_mode AS AttendanceMode, p.source, p.represents, p.created_at AS CreatedAt
            FROM event_participants p JOIN events e ON e.id = p.event_id WHERE p.id = @participantId
            """, new { participantId }, ct) ?? throw new NotFoundException("Peserta tidak ditemukan.");
        var checkIns = (await tx.QueryAsync<ParticipantCheckIn>(
            "SELECT day, checked_in_at AS At, method FROM event_checkins WHERE participant_id = @participantId ORDER BY day",
            new { participantId }, ct)).ToList();
        var days = System.Text.Json.JsonSerializer.Deserialize<List<DateOnly>>(p.EventDays ?? "[]") ?? [];
        return new ParticipantExport(p.Id, p.EventId, p.EventTitle ?? "", days, p.Name, p.Institution, p.Position, p.Category, p.Phone, p.Email,
            p.AttendanceMode, p.Source, p.Represents, p.CreatedAt, checkIns);
    }

    private sealed record ParticipantRow(Guid Id, Guid EventId, string? EventTitle, string? EventDays, string Name, string? Institution,
        string? Position, string Category, string? Phone, string? Email, string AttendanceMode, string Source, string? Represents, DateTime CreatedAt);
}
