using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages;

/// <summary>Public read-only profile opened by a share link (a delegation without accounts); 404 when the link is not valid.</summary>
[HumasSaaS.Api.Platform.Http.AnonymousByDesign("the share link token is the credential")]
public sealed class BagikanModel(SharedConfigurations shared) : PageModel
{
    public SharedProfile? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Profile = await shared.ForLinkAsync(token, ct);
        if (Profile is null) return NotFound();
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers["Cache-Control"] = "no-store";
        return Page();
    }
}
