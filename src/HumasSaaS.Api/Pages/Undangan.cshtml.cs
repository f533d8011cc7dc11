using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages;

/// <summary>The invitee, signed in, accepts or declines an invitation to a tenant's staff (/t/{slug}/undangan/{id}).</summary>
[TenantPublic, Authorize]
public sealed class UndanganModel(TenantContext tenant, MemberInvitations invitations) : PageModel
{
    public InvitationForInvitee? Invitation { get; private set; }
    public string? Message { get; private set; }
    public bool IsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostTerimaAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, a => invitations.AcceptAsync(tenant.RequiredTenant, id, a, ct), "Undangan diterima. Anda kini staf instansi ini.", ct);

    public Task<IActionResult> OnPostTolakAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, a => invitations.DeclineAsync(tenant.RequiredTenant, id, a, ct), "Undangan ditolak.", ct);

    private async Task<IActionResult> DecideAsync(Guid id, Func<Actor, Task> decide, string done, CancellationToken ct)
    {
        if (Invitee() is not { } me) return NotFoundPage();
        try
        {
            await decide(new Actor(me, User.Identity?.Name ?? "?"));
            Message = done;
        }
        catch (DomainRuleException e)
        {
            (Message, IsError) = (e.Message, true);
            Response.StatusCode = e.Status;
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Invitation = Invitee() is { } me ? await invitations.GetForInviteeAsync(tenant.RequiredTenant, id, me, ct) : null;
        }
        catch (NotFoundException) { }
        if (Invitation is null)
        {
            (Message, IsError) = ("Undangan tidak ditemukan. Pastikan Anda masuk dengan akun yang diundang.", true);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private IActionResult NotFoundPage()
    {
        (Message, IsError) = ("Undangan tidak ditemukan. Pastikan Anda masuk dengan akun yang diundang.", true);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private Guid? Invitee() => User.FindFirst(AccountClaims.TokenId) is null ? User.UserId() : null;
}
