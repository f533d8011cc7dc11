using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Kunjungan;

/// <summary>Tenant-public visit request form on the host (/t/{host}/kunjungan/ajukan); no account needed.</summary>
[TenantPublic, Microsoft.AspNetCore.Authorization.AllowAnonymous]
[HumasSaaS.Api.Platform.Http.PublicFormLimit("visit_request")]
public sealed class AjukanModel(TenantContext tenant, Db db) : PageModel
{
    [BindProperty] public VisitRequestForm Form { get; set; } = new();
    public string HostName => tenant.RequiredTenant.OfficialName;
    public string? Reference { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IActionResult OnGet()
    {
        if (tenant.Tenant is null) return NotFound();
        Form.Padded();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (tenant.Tenant is null) return NotFound();
        try
        {
            var input = Form.ToInput();
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var visit = await StudyVisit.RequestAsync(tx, HostName, input, null, null, new Actor(null, "Formulir publik: " + input.ContactName), ct);
            await tx.CommitAsync(ct);
            Reference = StudyVisitEndpoints.Reference(visit.Id);
        }
        catch (RequestValidationException e)
        {
            Errors = e.Errors;
            Response.StatusCode = 400;
            Form.Padded();
        }
        return Page();
    }
}
