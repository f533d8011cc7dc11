using System.Globalization;
using HumasSaaS.Api.Cooperation;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Cooperation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Kerjasama;

/// <summary>Staff: the publication budget of a fiscal year (pagu, committed, realised, remaining per activity); admins set the pagu.</summary>
public sealed class AnggaranModel(TenantContext tenant, CooperationBudgets budgets, TimeProvider time) : PageModel
{
    public BudgetResponse Budget { get; private set; } = null!;
    public bool CanEdit => tenant.Has(TenantRole.TenantAdmin);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Tahun { get; set; }
    [BindProperty] public int Version { get; set; }
    /// <summary>One line per activity: "kode | nama | pagu".</summary>
    [BindProperty] public string? Lines { get; set; }

    // The fiscal year is the calendar year in Indonesia (WIB, the earliest of its time zones).
    private int Year => Tahun ?? time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Year;

    public async Task OnGetAsync(CancellationToken ct) => Budget = await budgets.ReadAsync(tenant.TenantId, Year, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        try
        {
            var lines = ParseLines(Lines ?? "");
            var saved = await budgets.SetAsync(tenant.TenantId, Year, new SetBudgetRequest(Version, lines), tenant.RequiredActor, ct);
            Message = $"Pagu tahun {Year} disimpan: {Rupiah(saved.PaguRupiah)}.";
        }
        catch (RequestValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (DomainRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Status;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Anggaran baru saja diubah orang lain. Muat ulang halaman lalu ulangi perubahan Anda.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        Budget = await budgets.ReadAsync(tenant.TenantId, Year, ct);
        return Page();
    }

    public string LinesText => string.Join("\n", Budget.Lines.Select(l => $"{l.Code} | {l.Name} | {l.PaguRupiah}"));

    public static string Rupiah(long amount) => "Rp " + amount.ToString("#,0", CultureInfo.GetCultureInfo("id-ID"));

    private static List<BudgetLineInput> ParseLines(string text)
    {
        var result = new List<BudgetLineInput>();
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var parts = raw.Split('|');
            // Whole rupiah: "1.500.000" and "1500000" read the same; a decimal part ("…,00") is cut, never read as digits.
            var digits = parts.Length == 3 ? new string(parts[2].Split(',')[0].Where(char.IsAsciiDigit).ToArray()) : "";
            if (parts.Length != 3 || digits.Length is 0 or > 16)
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    ["lines"] = [$"Baris {n} tidak terbaca. Tulis tiap kegiatan sebagai: kode | nama | pagu (angka rupiah)."],
                });
            result.Add(new BudgetLineInput(parts[0].Trim(), parts[1].Trim(), long.Parse(digits, CultureInfo.InvariantCulture)));
        }
        return result;
    }
}
