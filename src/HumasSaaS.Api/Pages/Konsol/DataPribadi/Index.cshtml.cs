using HumasSaaS.Api.PersonalData;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.DataPribadi;

/// <summary>Tenant admins: retention per data kind, the retention pass on demand, and the register of data subjects' requests.</summary>
public sealed class DataPribadiIndexModel(TenantContext tenant, RetentionSettings settings, RetentionJob job, PersonalDataRequests requests) : PageModel
{
    public IReadOnlyList<RetentionSetting> Settings { get; private set; } = [];
    public IReadOnlyList<PersonalDataRequest> Requests { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public int RetentionDays { get; set; }
    [BindProperty] public RequestKind RequestKind { get; set; }
    [BindProperty] public SubjectType SubjectType { get; set; }
    [BindProperty] public Guid SubjectId { get; set; }
    [BindProperty] public string? RequesterName { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid RequestId { get; set; }
    [BindProperty] public RequestStatus Outcome { get; set; }
    [BindProperty] public string? LegalOutcome { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.TenantAdmin)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostRetensiAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var kind = RetentionPolicy.Defaults.FirstOrDefault(d => RetentionPolicy.Text(d.Kind) == Kind) ?? throw new NotFoundException("Jenis data tidak dikenal.");
        var s = await settings.SetAsync(tenant.TenantId, kind.Kind, RetentionDays, tenant.RequiredActor, ct);
        return $"Masa retensi \"{s.Label}\" kini {s.RetentionDays} hari.";
    }, ct);

    public Task<IActionResult> OnPostJalankanAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var run = await job.RunForTenantAsync(tenant.TenantId, ct);
        return run is null
            ? "Penghapusan sedang dijalankan di tempat lain; coba lagi sebentar lagi."
            : $"Selesai: kontak {run.ParticipantContacts} peserta dikosongkan, {run.IdentityDocuments} berkas KTP/kartu pers lama dan " +
              $"{run.RejectedApplicationDocuments} berkas permohonan yang ditolak dihapus.";
    }, ct);

    public Task<IActionResult> OnPostCatatAsync(CancellationToken ct) => ActAsync(async () =>
    {
        await requests.RecordAsync(tenant.TenantId, new RecordRequest(RequestKind, SubjectType, SubjectId, RequesterName ?? "", Note), tenant.RequiredActor, ct);
        return "Permintaan dicatat.";
    }, ct);

    public Task<IActionResult> OnPostPutuskanAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var r = await requests.DecideAsync(tenant.TenantId, RequestId, new DecideRequest(Outcome, LegalOutcome ?? ""), tenant.RequiredActor, ct);
        return $"Permintaan dari {r.RequesterName} diputuskan: {StatusLabel(r.Status)}.";
    }, ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> action, CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.TenantAdmin)) return Forbid();
        try
        {
            Message = await action();
        }
        catch (RequestValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Status;
        }
        catch (NotFoundException e)
        {
            Error = e.Message;
            Response.StatusCode = 404;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await settings.ListAsync(tenant.TenantId, ct);
        Requests = await requests.ListAsync(tenant.TenantId, ct);
    }

    public static string KindLabel(RequestKind kind) => Words.Of(kind);

    public static string SubjectLabel(SubjectType type) => Words.Of(type);

    public static string StatusLabel(RequestStatus status) => Words.Of(status);
}
