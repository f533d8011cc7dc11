using HumasSaaS.Api.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages;

[HumasSaaS.Api.Platform.Http.AnonymousByDesign("signing out ends a session if there is one")]
public sealed class KeluarModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Cookie);
        return LocalRedirect("/");
    }
}
