using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding;

/// <summary>"Bandingkan konfigurasi": own configuration side by side with tenants that share theirs; adopt chosen items.</summary>
public sealed class BandingIndexModel(TenantContext tenant, SharedConfigurations shared, ConfigurationAdoption adoption) : PageModel
{
    public TenantContext Tenant => tenant;
    public IReadOnlyList<SharedTenantSummary> Available { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "t")] public List<string> Selected { get; set; } = [];
    public Comparison? Result { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool CanAdopt => tenant.Has(TenantRole.TenantAdmin) && Result is { Tenants.Count: 2 };

    [BindProperty] public List<string> Pick { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    [BindProperty] public int SourceVersion { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.TenantAdmin)) return Forbid();
        var source = Selected.FirstOrDefault(s => s != tenant.RequiredTenant.Slug);
        var items = Pick.Select(p => p.Split('|', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0]).Select(g => new AdoptSelection(g.Key, g.Select(p => p[1]).ToList())).ToList();
        try
        {
            if (source is null) throw new RequestValidationException(new Dictionary<string, string[]> { ["t"] = ["Pilih instansi sumber."] });
            var saved = await adoption.AdoptAsync(tenant.TenantId, tenant.RequiredActor, new AdoptRequest(source, Version, items, SourceVersion), ct);
            Message = $"{items.Sum(i => i.Codes.Count)} butir diadopsi ke konfigurasi Anda (versi {saved.Version}).";
        }
        catch (RequestValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            Response.StatusCode = 400;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Konfigurasi Anda sudah diubah orang lain sejak perbandingan dibuka. Perbandingan dimuat ulang; pilih lagi butirnya.";
            Response.StatusCode = 409;
        }
        catch (DomainRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Status;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Available = await shared.ListAsync(tenant.TenantId, ct);
        var own = tenant.RequiredTenant.Slug;
        var others = Selected.Where(s => s != own).Distinct().Take(4).ToList();
        Selected = [own, .. others];
        if (others.Count > 0)
        {
            try
            {
                Result = await StudyVisitEndpoints.CompareAsync(string.Join(',', Selected), tenant, shared, ct);
                Version = Result.Tenants[0].Version;
                SourceVersion = Result.Tenants[^1].Version;
            }
            catch (NotFoundException e)
            {
                Error = e.Message;
            }
        }
        ModelState.Clear();
        Pick = [];
    }

    public string CsvUrl => Url.Content("~/api/v1/configuration/compare.csv") + "?tenants=" + Uri.EscapeDataString(string.Join(',', Selected));

    public static string StatusClass(RowStatus status) => status switch
    {
        RowStatus.Missing => "diff-missing",
        RowStatus.Different => "diff-different",
        _ => "",
    };
}
