using HumasSaaS.Events;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.StudyVisits;

/// <summary>
/// Accepting a visit schedules it as an event of type study visit in the host tenant: one day per scheduled date, the
/// rundown from the host's "study_visit" event template when it has one, and the delegation invited as participants (so
/// check-in, attendance and precedence work as for any event). The event is made by its grain, whose id is derived from
/// the tenant and the visit (<see cref="EventIdFor"/>), before the visit's row is saved: a retry after any failure between
/// the two reaches the same grain, which returns the event already made, so a visit never gets two events.
/// </summary>
public static class StudyVisitScheduling
{
    public const string TemplateCode = "study_visit";

    public static string SourceKey(Guid visitId) => $"study-visit:{visitId:N}";

    public static Guid EventIdFor(Guid tenantId, Guid visitId) => GrainKeys.DerivedId("study-visit-event", tenantId, visitId);

    public static async Task AcceptAsync(TenantTransaction tx, StudyVisit visit, int expectedVersion, DateOnly start, DateOnly end, string? note, string? venue,
        Actor actor, EventService events, CancellationToken ct)
    {
        if (!visit.IsHost(tx.TenantId))
            throw new DomainRuleException("Akses ditolak", "Hanya instansi tuan rumah yang dapat menerima kunjungan.", 403);
        // A stale request makes no event (the save below would refuse it anyway).
        if (visit.Version != expectedVersion) throw new ConcurrencyConflictException(StudyVisit.EntityType, visit.Id, expectedVersion, visit.Version);
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
        var people = request.Members.Select(m => new ParticipantInput(m.Name, ParticipantCategory.Other, request.Institution, m.Position)).ToList();
        EventSnapshot e;
        try
        {
            e = await events.Grain(tx.TenantId, EventIdFor(tx.TenantId, visit.Id)).Create(details, rundown, actor, SourceKey(visit.Id), people);
        }
        catch (DomainRuleException refused) when (refused.Status == 422)
        {
            throw new DomainRuleException("Delegasi tidak dapat diundang", refused.Message + " Kunjungan belum diterima.", 422);
        }
        visit.LinkEvent(e.Id);
    }
}
