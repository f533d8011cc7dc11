using HumasSaaS.Events;
using System.Globalization;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Pages.Konsol.Acara;

public sealed class NewEventForm
{
    public EventType Type { get; set; } = EventType.Rakor;
    public string Title { get; set; } = "";
    public DateOnly? FirstDay { get; set; }
    public int NumberOfDays { get; set; } = 1;
    public string? Venue { get; set; }
    public string? OnlineLink { get; set; }
    public int? Capacity { get; set; }
    public string? TemplateCode { get; set; }
}

public sealed class AcaraIndexModel(TenantContext tenant, EventService events, Db db) : EventPageModel(tenant, events)
{
    public IReadOnlyList<EventSummary> List { get; private set; } = [];
    public IReadOnlyList<EventTemplate> Templates { get; private set; } = [];
    public DateOnly Month { get; private set; }
    [BindProperty] public NewEventForm Form { get; set; } = new();

    public async Task OnGetAsync(string? bulan, CancellationToken ct) => await LoadAsync(bulan, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        EventResponse? created = null;
        var first = Form.FirstDay ?? default;
        var days = Form.FirstDay is null ? [] : Enumerable.Range(0, Math.Clamp(Form.NumberOfDays, 1, Event.MaxDays)).Select(first.AddDays).ToList();
        if (await TryAsync(async () => created = await Events.CreateAsync(Tenant.TenantId, new CreateEventRequest(
                new EventDetails(Form.Type, Form.Title ?? "", days, null, null, Form.Venue, Form.OnlineLink, Form.Capacity),
                string.IsNullOrEmpty(Form.TemplateCode) ? null : Form.TemplateCode), Tenant.RequiredActor, ct), "Acara dibuat."))
            return Redirect(Url.Content($"~/konsol/acara/{created!.Id}"));
        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(string? bulan, CancellationToken ct)
    {
        var today = Events.Today();
        Month = bulan is not null && DateOnly.TryParseExact(bulan + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            ? m : new DateOnly(today.Year, today.Month, 1);
        List = await Events.ListAsync(Tenant.TenantId, null, null, ct);
        await using var tx = await db.BeginTenantAsync(Tenant.TenantId, ct);
        Templates = (await TenantConfiguration.LoadAsync(tx, ct)).State.EventTemplates;
    }
}
