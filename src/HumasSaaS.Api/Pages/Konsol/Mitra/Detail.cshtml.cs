using HumasSaaS.MediaPartners;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Mitra;

/// <summary>Staff console: one partner with its documents (viewer), per-document decisions and the partner decision.</summary>
public sealed class MitraDetailModel(TenantContext tenant, Db db, MediaPartnerGrains partners) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Doc { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid DocumentId { get; set; }
    [BindProperty] public DocumentReview Decision { get; set; }
    [BindProperty] public string? Grade { get; set; }
    [BindProperty] public int? Points { get; set; }
    public PartnerResponse Partner { get; private set; } = null!;
    public GradingScheme Grading { get; private set; } = null!;
    public IReadOnlyList<AuditEvent> Audit { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool CanDecide => tenant.Has(TenantRole.Verifier);
    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The form that was posted when the page comes back with an error (its values are kept there), else null.</summary>
    public string? PostedForm => HttpMethods.IsPost(Request.Method) ? Request.Query["handler"].ToString() : null;

    /// <summary>What the person typed into <paramref name="form"/>, kept after an error; empty for the other forms.</summary>
    public string? Kept(string form, string? value) => string.Equals(PostedForm, form, StringComparison.OrdinalIgnoreCase) ? value : null;

    public string? Invalid(string form, string field) =>
        string.Equals(PostedForm, form, StringComparison.OrdinalIgnoreCase) && FieldErrors.ContainsKey(field) ? "true" : null;
    public DocumentView? Viewed => Partner.Checklist.Select(c => c.Current).Concat(Partner.History).FirstOrDefault(d => d is not null && d.Id == Doc);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.Has(TenantRole.Verifier) && !tenant.Has(TenantRole.Viewer)) return Forbid();
        Message = TempData["Message"] as string;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStartReviewAsync(CancellationToken ct) =>
        DecideAsync(g => Decide(g, new PartnerDecisionCommand(PartnerDecisionKind.StartReview, Version, Blank(Note))), "Pemeriksaan dimulai.", ct);

    public Task<IActionResult> OnPostDocumentAsync(CancellationToken ct) =>
        DecideAsync(g => g.DecideDocument(Version, DocumentId, Decision, Blank(Note), tenant.RequiredActor),
            Decision == DocumentReview.Accepted ? "Dokumen diterima." : "Dokumen ditolak.", ct);

    public Task<IActionResult> OnPostRevisionAsync(CancellationToken ct) =>
        DecideAsync(g => Decide(g, new PartnerDecisionCommand(PartnerDecisionKind.RequestRevision, Version, Note ?? "")), "Perbaikan diminta; berkas kembali ke vendor.", ct);

    public Task<IActionResult> OnPostVerifyAsync(CancellationToken ct) =>
        DecideAsync(g => Decide(g, new PartnerDecisionCommand(PartnerDecisionKind.Verify, Version, Blank(Note), Grade ?? "", Points)), "Media mitra terverifikasi.", ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) =>
        DecideAsync(g => Decide(g, new PartnerDecisionCommand(PartnerDecisionKind.Reject, Version, Note ?? "")), "Pendaftaran ditolak.", ct);

    public Task<IActionResult> OnPostAnnounceAsync(CancellationToken ct) =>
        DecideAsync(g => Decide(g, new PartnerDecisionCommand(PartnerDecisionKind.Announce, Version)), "Hasil diumumkan.", ct);

    private Task<PartnerSnapshot> Decide(IMediaPartnerGrain grain, PartnerDecisionCommand command) =>
        grain.Decide(command, IndonesiaDate.Today, tenant.RequiredActor);

    private async Task<IActionResult> DecideAsync(Func<IMediaPartnerGrain, Task<PartnerSnapshot>> decide, string done, CancellationToken ct)
    {
        if (!CanDecide) return Forbid();
        try
        {
            if (await partners.FindAsync(tenant.TenantId, Id) is null) return NotFound();
            await decide(partners.Grain(tenant.TenantId, Id));
            // Post/redirect/get: a reload never repeats a decision.
            TempData["Message"] = done;
            return LocalRedirect($"{Request.PathBase}/konsol/mitra/{Id}");
        }
        catch (RequestValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            FieldErrors = e.Errors;
            Response.StatusCode = 400;
        }
        catch (DomainRuleException e)
        {
            Error = $"{e.Title}: {e.Message}";
            Response.StatusCode = e.Status;
        }
        catch (ConcurrencyConflictException)
        {
            Error = "Berkas ini sudah diubah orang lain sejak Anda membukanya. Data terbaru dimuat; periksa lalu ulangi keputusan Anda.";
            Response.StatusCode = 409;
        }
        catch (NotFoundException e)
        {
            Error = e.Message;
            Response.StatusCode = 404;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var partner = await partners.FindAsync(tenant.TenantId, Id);
        if (partner is null) return false;
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        var config = await TenantConfiguration.LoadAsync(tx, ct);
        Partner = MediaPartnerEndpoints.Build(partner, config.State);
        Grading = config.State.Grading;
        Audit = await AuditLog.ListAsync(tx, MediaPartner.EntityType, Id, 200, ct);
        Version = partner.Version;
        ModelState.Clear();
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
