using HumasSaaS.Api.Cooperation;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Cooperation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Kerjasama;

/// <summary>Staff: publication orders by status with proof deadlines; verifiers and admins create an order here.</summary>
public sealed class PesananModel(TenantContext tenant, PublicationOrders orders, Db db) : PageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];
    public bool CanOrder => tenant.Has(TenantRole.Verifier);
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty] public Guid PartnerId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public PublicationProduct Product { get; set; } = PublicationProduct.NewsItem;
    [BindProperty] public int Quantity { get; set; } = 1;
    [BindProperty] public DateOnly? ScheduleStart { get; set; }
    [BindProperty] public DateOnly? ScheduleEnd { get; set; }
    [BindProperty] public string? BudgetLineCode { get; set; }
    [BindProperty] public long? UnitPriceRupiah { get; set; }
    [BindProperty] public string? PriceNote { get; set; }

    /// <summary>One key per rendered form: a second click or a resent form reaches the same order instead of reserving twice.</summary>
    [BindProperty] public Guid FormKey { get; set; } = Guid.NewGuid();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
        }
        catch (RequestValidationException)
        {
            Status = null;
            Error = "Status tidak dikenal; semua pesanan ditampilkan.";
            Response.StatusCode = 400;
            await LoadAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanOrder) return Forbid();
        try
        {
            var created = await orders.CreateAsync(tenant.TenantId, new CreateOrderRequest(PartnerId, Title ?? "", Product, Quantity,
                ScheduleStart ?? default, ScheduleEnd ?? default, string.IsNullOrWhiteSpace(BudgetLineCode) ? null : BudgetLineCode,
                UnitPriceRupiah, PriceNote), FormKey == Guid.Empty ? null : "page:" + FormKey.ToString("N"), tenant.RequiredActor);
            return LocalRedirect($"{Request.PathBase}/konsol/kerja-sama/pesanan/{created.Id}");
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
        catch (NotFoundException e)
        {
            Error = e.Message;
            Response.StatusCode = 404;
        }
        Status = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Orders = await orders.ListAsync(tenant.TenantId, PublicationOrders.ParseStatus(string.IsNullOrEmpty(Status) ? null : Status), null, ct);
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        Partners = (await tx.QueryAsync<(Guid, string)>(
            "SELECT id, state -> 'profile' ->> 'mediaName' FROM media_partners WHERE status = 'verified' ORDER BY 2", ct: ct)).ToList();
    }

    public static string Deadline(OrderSummary o) => o.Status is OrderStatus.Ordered or OrderStatus.ProofSubmitted
        ? o.ProofDaysLeft switch
        {
            < 0 => $"lewat {-o.ProofDaysLeft} hari",
            0 => "hari ini",
            _ => $"{o.ProofDaysLeft} hari lagi",
        }
        : "";
}
