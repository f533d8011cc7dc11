using HumasSaaS.Api.Cooperation;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Vendor;

/// <summary>Vendor portal: the company's publication orders in this tenant, with proof deadlines and days left.</summary>
[TenantPublic, Authorize]
public sealed class VendorPesananModel(TenantContext tenant, PublicationOrders orders, MediaCompanies companies) : PageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];
    public string CompanyName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = await companies.RequireVendorAsync(HttpContext, ct);
        CompanyName = me.Company.Name;
        Orders = await orders.ListAsync(tenant.TenantId, null, me.Company.Id, ct);
    }
}
