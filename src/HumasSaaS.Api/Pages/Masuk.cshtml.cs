using HumasSaaS.MediaPartners;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages;

[HumasSaaS.Api.Platform.Http.AnonymousByDesign("signing in")]
public sealed class MasukModel(UserAccounts accounts, MediaCompanies companies) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 254 || Password.Length > 200)
        {
            Error = "Isi email dan kata sandi.";
            return Page();
        }
        var result = await accounts.SignInAsync(Email, Password, ct);
        if (result.Outcome != SignInOutcome.Succeeded)
        {
            Error = AccountEndpoints.SignInFailedMessage;
            Response.StatusCode = 401;
            return Page();
        }
        var user = result.User!;
        await CookieSession.SignInAsync(HttpContext, user);
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        var memberships = await accounts.MembershipsAsync(user.Id, ct);
        var tenants = memberships.Select(m => m.Slug).Distinct().ToList();
        if (tenants.Count == 1) return LocalRedirect($"/t/{tenants[0]}/konsol");
        if (tenants.Count == 0 && user.IsPlatformOperator) return LocalRedirect("/platform/instansi");
        if (tenants.Count == 0 && await companies.FindVendorAsync(user.Id, ct) is not null) return LocalRedirect("/vendor");
        return LocalRedirect("/pilih-instansi");
    }
}
