using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Pages.Konsol.Acara;

public sealed class AcaraProtokolModel(TenantContext tenant, EventService events) : EventPageModel(tenant, events)
{
    public EventResponse Event { get; private set; } = null!;
    public PrecedenceResponse Precedence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? kursi, CancellationToken ct)
    {
        try
        {
            Event = await Events.GetAsync(Tenant.TenantId, id, ct);
            Precedence = await Events.PrecedenceAsync(Tenant.TenantId, id, Math.Clamp(kursi ?? 7, 1, 50), ct);
        }
        catch (NotFoundException) { return NotFound(); }
        return Page();
    }
}
