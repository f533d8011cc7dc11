using HumasSaaS.Events;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.StudyVisits;

/// <summary>
/// Accepting a visit schedules it as an event of type study visit in the host tenant, in the same transaction:
/// one day per scheduled date, the rundown from the host's "study_visit" event template when it has one, and the
/// delegation invited as participants (so check-in, attendance and precedence work as for any event).
/// </summary>
public static class StudyVisitScheduling
{
    public const string TemplateCode = "study_visit";

    public static async Task AcceptAsync(TenantTransaction tx, StudyVisit visit, DateOnly start, DateOnly end, string? note, string? venue, Actor actor, CancellationToken ct)
    {
        if (!visit.IsHost(tx.TenantId))
            throw new DomainRuleException("Akses ditolak", "Hanya instansi tuan rumah yang dapat menerima kunjungan.", 403);
        visit.Accept(start, end, note);
        var days = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays).ToList();
        var configuration = await TenantConfiguration.LoadAsync(tx, ct);
        var template = configuration.State.EventTemplates.FirstOrDefault(t => t.Code == TemplateCode);
        var rundown = template is null ? [] : Event.RundownFromTemplate(template).Where(r => r.Day <= days.Count).ToList();
        var request = visit.State.Request;
        var title = $"Kunjungan studi banding {request.Institution}";
        var details = new EventDetails(EventType.StudyVisit, title.Length > 200 ? title[..200] : title, days,
            Description: request.Purpose.Length > 2000 ? request.Purpose[..2000] : request.Purpose,
            OrganisingUnit: configuration.State.OfficeProfile.UnitName,
            Venue: string.IsNullOrWhiteSpace(venue) ? "Kantor " + configuration.State.OfficeProfile.UnitName : venue.Trim(), RegistrationOpen: false,
            InvitedCategories: [ParticipantCategory.Other]);
        var e = await Event.CreateAsync(tx, details, rundown, actor, ct);
        var people = request.Members.Select(m => new ParticipantInput(m.Name, ParticipantCategory.Other, request.Institution, m.Position)).ToList();
        var outcomes = await e.AddParticipantsAsync(tx, people, ParticipantSource.Invitation, actor, DateOnly.FromDateTime(DateTime.UtcNow), ct);
        if (outcomes.FirstOrDefault(o => o.Error is not null) is { Error: { } error })
            throw new DomainRuleException("Delegasi tidak dapat diundang", error + " Kunjungan belum diterima.", 422);
        visit.LinkEvent(e.Id);
    }
}
