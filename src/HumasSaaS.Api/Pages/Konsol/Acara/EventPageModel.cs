using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Acara;

/// <summary>Shared by the console event pages: the tenant, the service, and turning rule failures into messages.</summary>
public abstract class EventPageModel(TenantContext tenant, EventService events) : PageModel
{
    public TenantContext Tenant => tenant;
    public EventService Events => events;
    public string? Message { get; protected set; }
    public string? Error { get; protected set; }
    public IDictionary<string, string[]> FieldErrors { get; protected set; } = new Dictionary<string, string[]>();
    public bool CanEdit => tenant.Has(TenantRole.ProtocolOfficer);

    /// <summary>Runs a command; on a rule failure keeps the person on the page with the reason (and the right status code).</summary>
    protected async Task<bool> TryAsync(Func<Task> command, string success)
    {
        if (!CanEdit)
        {
            Error = "Peran Anda tidak mengizinkan perubahan acara.";
            Response.StatusCode = 403;
            return false;
        }
        try
        {
            await command();
            Message = success;
            return true;
        }
        catch (RequestValidationException e)
        {
            Error = "Periksa kembali isian yang ditandai.";
            FieldErrors = e.Errors;
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Status;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Acara sudah diubah orang lain sejak Anda membukanya. Data terbaru dimuat; ulangi perubahan Anda.";
            Response.StatusCode = 409;
        }
        return false;
    }
}
