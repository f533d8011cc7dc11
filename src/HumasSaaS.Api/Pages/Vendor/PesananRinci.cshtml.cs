using HumasSaaS.Api.Cooperation;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.MediaPartners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Vendor;

/// <summary>Vendor portal: one order of the company; send the proof of publication (link and/or file) and the invoice.</summary>
[TenantPublic, Authorize]
public sealed class VendorPesananRinciModel(TenantContext tenant, PublicationOrders orders, MediaCompanies companies) : PageModel
{
    public OrderResponse Order { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? ProofUrl { get; set; }
    [BindProperty] public DateOnly? PublishedOn { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public DateOnly? IssuedOn { get; set; }
    [BindProperty] public long? AmountRupiah { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        var me = await companies.RequireVendorAsync(HttpContext, ct);
        Order = PublicationOrders.View(await orders.RequireForCompanyAsync(tenant.TenantId, id, me.Company.Id));
    }

    public Task<IActionResult> OnPostProofAsync(Guid id, CancellationToken ct) => ActAsync(id, async (me, file) =>
    {
        await orders.SubmitProofAsync(HttpContext, tenant.TenantId, id, me, ProofUrl, PublishedOn ?? default, Upload?.FileName, file, ct);
        return "Bukti tayang terkirim dan menunggu pemeriksaan.";
    }, ct);

    public Task<IActionResult> OnPostInvoiceAsync(Guid id, CancellationToken ct) => ActAsync(id, async (me, file) =>
    {
        await orders.SubmitInvoiceAsync(HttpContext, tenant.TenantId, id, me, new InvoiceRequest(Number ?? "", IssuedOn ?? default, AmountRupiah ?? 0),
            Upload?.FileName, file, ct);
        return "Tagihan diajukan.";
    }, ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<VendorIdentity, Stream?, Task<string>> action, CancellationToken ct)
    {
        var me = await companies.RequireVendorAsync(HttpContext, ct);
        try
        {
            await using var content = Upload is { Length: > 0 } f ? f.OpenReadStream() : null;
            TempData["Message"] = await action(me, content);
            return LocalRedirect($"{Request.PathBase}/vendor/pesanan/{id}");
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
        Order = PublicationOrders.View(await orders.RequireForCompanyAsync(tenant.TenantId, id, me.Company.Id));
        return Page();
    }

    public static string Today => IndonesiaDate.Today.ToString("yyyy-MM-dd");
}
