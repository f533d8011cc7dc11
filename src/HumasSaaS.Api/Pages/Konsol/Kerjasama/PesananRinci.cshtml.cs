using HumasSaaS.Api.Cooperation;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Cooperation;
using HumasSaaS.MediaPartners;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Kerjasama;

/// <summary>Staff: one order with its proofs, invoice and payment; verifiers decide proofs and cancel, admins record payment.</summary>
public sealed class PesananRinciModel(TenantContext tenant, PublicationOrders orders) : PageModel
{
    public OrderResponse Order { get; private set; } = null!;
    public bool CanDecide => tenant.Has(TenantRole.Verifier);
    public bool CanPay => tenant.Has(TenantRole.TenantAdmin);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Message = TempData["Message"] as string;
        Order = PublicationOrders.View(await orders.RequireAsync(tenant.TenantId, id));
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id) => ActAsync(id, CanDecide, g => g.DecideProof(Version, true, Note, tenant.RequiredActor), "Bukti tayang diterima.");

    public Task<IActionResult> OnPostRejectAsync(Guid id) => ActAsync(id, CanDecide, g => g.DecideProof(Version, false, Note, tenant.RequiredActor), "Bukti tayang ditolak; vendor diberi tahu.");

    public Task<IActionResult> OnPostCancelAsync(Guid id) => ActAsync(id, CanDecide, g => g.Cancel(Version, Note ?? "", tenant.RequiredActor), "Pesanan dibatalkan; anggarannya dilepas.");

    public Task<IActionResult> OnPostPayAsync(Guid id) => ActAsync(id, CanPay,
        g => g.RecordPayment(Version, PaidOn ?? IndonesiaDate.Today, Reference ?? "", IndonesiaDate.Today, tenant.RequiredActor), "Pembayaran dicatat.");

    private async Task<IActionResult> ActAsync(Guid id, bool allowed, Func<IPublicationOrderGrain, Task<OrderSnapshot>> action, string done)
    {
        if (!allowed) return Forbid();
        try
        {
            await action(orders.Grain(tenant.TenantId, id));
            TempData["Message"] = done;
            return LocalRedirect($"{Request.PathBase}/konsol/kerja-sama/pesanan/{id}");
        }
        catch (RequestValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = $"{e.Title}: {e.Message}";
            Response.StatusCode = e.Status;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Pesanan baru saja diubah orang lain. Halaman dimuat ulang; ulangi tindakan Anda.";
            Response.StatusCode = 409;
        }
        Order = PublicationOrders.View(await orders.RequireAsync(tenant.TenantId, id));
        return Page();
    }
}
