using HumasSaaS.MediaPartners;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Vendor;

/// <summary>Vendor sign-up: a person account plus its media company (platform-level), then straight to the portal.</summary>
[HumasSaaS.Api.Platform.Http.PublicFormLimit("vendor_sign_up")]
[AnonymousByDesign("a media company creates its account")]
public sealed class VendorDaftarModel(MediaCompanies companies) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? CompanyName { get; set; }
    public string? Error { get; private set; }
    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var (user, _) = await companies.SignUpAsync(new VendorSignUpRequest(Email ?? "", Password ?? "", DisplayName ?? "", CompanyName ?? ""), ct);
            await CookieSession.SignInAsync(HttpContext, user);
            return LocalRedirect(Request.PathBase + "/vendor");
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
        return Page();
    }
}
