using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding.Kunjungan;

/// <summary>One visit record, seen by the host (who decides and records the outcome) and the visiting tenant (read-only).</summary>
public sealed class RekamModel(TenantContext tenant, Db db, EventService events) : PageModel
{
    public StudyVisit? Visit { get; private set; }
    public bool IsHost => Visit?.IsHost(tenant.TenantId) == true;
    public bool CanDecide => IsHost && tenant.Has(TenantRole.ProtocolOfficer);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public DateOnly Start { get; set; }
    [BindProperty] public DateOnly End { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Topics { get; set; }
    [BindProperty] public string? Takeaways { get; set; }
    [BindProperty] public string? FollowUps { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "visit_accepted", (tx, v) => StudyVisitScheduling.AcceptAsync(tx, v, Version, Start, End, Note, Venue, tenant.RequiredActor, events, ct),
            "Kunjungan diterima dan dijadwalkan sebagai acara.", ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "visit_declined", Sync(v => v.Decline(Reason ?? "")), "Kunjungan ditolak.", ct);

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "visit_outcome_recorded", Sync(v => v.RecordOutcome(
            (Topics ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Takeaways ?? "", FollowUps, tenant.RequiredActor)),
            "Hasil kunjungan tersimpan.", ct);

    private static Func<TenantTransaction, StudyVisit, Task> Sync(Action<StudyVisit> change) => (_, v) =>
    {
        change(v);
        return Task.CompletedTask;
    };

    private async Task<IActionResult> ChangeAsync(Guid id, string action, Func<TenantTransaction, StudyVisit, Task> change, string done, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var visit = await StudyVisit.LoadAsync(tx, id, ct);
            if (!visit.IsHost(tenant.TenantId) || !tenant.Has(TenantRole.ProtocolOfficer)) return Forbid();
            await change(tx, visit);
            await visit.SaveAsync(tx, Version, tenant.RequiredActor, action, ct);
            await tx.CommitAsync(ct);
            Message = done;
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
        catch (ConcurrencyConflictException)
        {
            Error = "Catatan ini sudah diubah orang lain. Data terbaru dimuat; ulangi tindakan Anda.";
            Response.StatusCode = 409;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        Visit = await StudyVisit.LoadAsync(tx, id, ct);
        ModelState.Clear();
    }
}
