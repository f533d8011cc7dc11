using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Pages.Konsol.Acara;

/// <summary>The check-in screen for a phone; it talks to the check-in API (same cookie) so a scan needs no page reload.</summary>
public sealed class AcaraPresensiModel(TenantContext tenant, EventService events) : EventPageModel(tenant, events)
{
    public EventResponse Event { get; private set; } = null!;
    public AttendanceResponse Attendance { get; private set; } = null!;
    public int Day { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id, int? hari, CancellationToken ct)
    {
        HumasSaaS.Api.Platform.Http.SecurityHeadersMiddleware.AllowCamera(HttpContext); // the QR scanner
        try { Event = await Events.GetAsync(Tenant.TenantId, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        Attendance = await Events.AttendanceAsync(Tenant.TenantId, id, ct);
        var todayIndex = Event.Event.Days.ToList().IndexOf(Events.Today());
        Day = hari is { } h && h >= 1 && h <= Event.Event.Days.Count ? h : todayIndex >= 0 ? todayIndex + 1 : 1;
        return Page();
    }
}
