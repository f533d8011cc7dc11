using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Acara;

public sealed class RegistrationForm
{
    public string Name { get; set; } = "";
    public string? Institution { get; set; }
    public string? Position { get; set; }
    public ParticipantCategory Category { get; set; } = ParticipantCategory.Opd;
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public AttendanceMode AttendanceMode { get; set; } = AttendanceMode.InPerson;
}

/// <summary>Public registration (no sign-in): the tenant comes from the address, the event must be published.</summary>
[TenantPublic, AllowAnonymous]
[HumasSaaS.Api.Platform.Http.PublicFormLimit("event_registration")]
public sealed class DaftarModel(TenantContext tenant, EventService events) : PageModel
{
    public PublicEvent Event { get; private set; } = null!;
    [BindProperty] public RegistrationForm Form { get; set; } = new();
    public string? Error { get; private set; }
    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();
    public TenantContext Tenant => tenant;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try { Event = await events.PublicEventAsync(tenant.TenantId, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try { Event = await events.PublicEventAsync(tenant.TenantId, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        try
        {
            var created = await events.RegisterPublicAsync(tenant.TenantId, id, new PublicRegistrationRequest(Form.Name ?? "", Form.Category, Form.Institution,
                Form.Position, Form.Phone, Form.Email, Form.AttendanceMode), ct);
            return Redirect(Url.Content("~" + Event.TicketPathFor(created.Id)));
        }
        catch (RequestValidationException e)
        {
            Error = "Periksa kembali isian Anda.";
            FieldErrors = e.Errors;
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Status;
        }
        return Page();
    }
}

internal static class PublicEventPaths
{
    public static string TicketPathFor(this PublicEvent _, Guid participantId) => HumasSaaS.Events.Event.TicketPath(participantId);
}
