using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Acara;

/// <summary>The participant's ticket: unique code and its QR (shown at the door). The ticket id is an unguessable UUID.</summary>
[TenantPublic, AllowAnonymous]
public sealed class TiketModel(TenantContext tenant, EventService events) : PageModel
{
    public Ticket Ticket { get; private set; } = null!;
    public string QrDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try { Ticket = await events.TicketAsync(tenant.TenantId, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(EventService.QrPng(Ticket.Code));
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
