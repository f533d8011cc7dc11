using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Platform;

public sealed class TenantForm
{
    public string Slug { get; set; } = "";
    public string OfficialName { get; set; } = "";
    public TenantKind Kind { get; set; }
    public string Province { get; set; } = "";
    public string OfficeUnitName { get; set; } = "";
    public string AdminEmail { get; set; } = "";
    public string AdminName { get; set; } = "";
    public string AdminPassword { get; set; } = "";
}

public sealed class InstansiModel(TenantDirectory directory, TenantOnboarding onboarding) : PageModel
{
    public IReadOnlyList<Tenant> Tenants { get; private set; } = [];
    [BindProperty] public TenantForm Form { get; set; } = new();
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken ct) => Tenants = await directory.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            var tenant = await onboarding.OnboardAsync(new OnboardTenantRequest(Form.Slug.Trim(), Form.OfficialName, Form.Kind, Form.Province,
                Form.OfficeUnitName, new TenantAdminSeed(Form.AdminEmail, Form.AdminName, Form.AdminPassword)), User.UserId(), ct);
            Message = $"{tenant.OfficialName} terdaftar. Admin dapat masuk di /t/{tenant.Slug}/konsol.";
            Form = new TenantForm();
        }
        catch (RequestValidationException e)
        {
            Error = "Periksa kembali isian.";
            FieldErrors = e.Errors;
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = 409;
        }
        Tenants = await directory.ListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSuspendAsync(string slug, CancellationToken ct) => SetStatus(slug, TenantStatus.Suspended, "dibekukan", ct);

    public Task<IActionResult> OnPostActivateAsync(string slug, CancellationToken ct) => SetStatus(slug, TenantStatus.Active, "diaktifkan kembali", ct);

    private async Task<IActionResult> SetStatus(string slug, TenantStatus status, string verb, CancellationToken ct)
    {
        if (!await directory.SetStatusAsync(slug, status, ct)) return NotFound();
        Message = $"Instansi {slug} {verb}.";
        Tenants = await directory.ListAsync(ct);
        return Page();
    }
}
