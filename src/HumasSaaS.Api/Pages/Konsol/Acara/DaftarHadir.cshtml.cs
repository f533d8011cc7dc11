using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Pages.Konsol.Acara;

public sealed class AcaraDaftarHadirModel(TenantContext tenant, EventService events) : EventPageModel(tenant, events)
{
    public Guid Id { get; private set; }
    public EventState Event { get; private set; } = null!;
    public IReadOnlyList<Participant> Participants { get; private set; } = [];
    public IReadOnlyDictionary<(Guid, int), DateTime> Times { get; private set; } = new Dictionary<(Guid, int), DateTime>();
    public AttendanceResponse Attendance { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        try { (Event, Participants, Times) = await Events.AttendanceListAsync(Tenant.TenantId, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        Attendance = await Events.AttendanceAsync(Tenant.TenantId, id, ct);
        return Page();
    }
}
