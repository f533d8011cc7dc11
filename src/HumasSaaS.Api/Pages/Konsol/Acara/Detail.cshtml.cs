using HumasSaaS.Events;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Pages.Konsol.Acara;

public sealed class EventForm
{
    public EventType Type { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? OrganisingUnit { get; set; }
    public string? Venue { get; set; }
    public string? OnlineLink { get; set; }
    public string Days { get; set; } = "";
    public int? Capacity { get; set; }
    public bool RegistrationOpen { get; set; }
    public List<ParticipantCategory> InvitedCategories { get; set; } = [];
    public TieBreak TieBreak { get; set; }
}

public sealed class RundownRow
{
    public int Day { get; set; } = 1;
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
    public string? Item { get; set; }
    public string? Speaker { get; set; }
    public string? PersonInCharge { get; set; }
    public string? Note { get; set; }
}

public sealed class PersonForm
{
    public string Name { get; set; } = "";
    public string? Institution { get; set; }
    public string? Position { get; set; }
    public ParticipantCategory Category { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}

public sealed class AcaraDetailModel(TenantContext tenant, EventService events) : EventPageModel(tenant, events)
{
    public EventResponse Event { get; private set; } = null!;
    public IReadOnlyList<Participant> Participants { get; private set; } = [];
    public IReadOnlyList<Material> Materials { get; private set; } = [];
    public PrecedenceTable Table { get; private set; } = Precedence.Merge([]);
    public ImportResult? Import { get; private set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public EventForm Form { get; set; } = new();
    [BindProperty] public List<RundownRow> Rundown { get; set; } = [];
    [BindProperty] public PersonForm Person { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct, fillForms: true);

    public async Task<IActionResult> OnPostDetailsAsync(Guid id, CancellationToken ct)
    {
        var days = Form.Days.Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(d => DateOnly.TryParse(d, out var x) ? x : DateOnly.MinValue).ToList();
        var ok = await TryAsync(() => Events.UpdateAsync(Tenant.TenantId, id, new UpdateEventRequest(Version, new EventDetails(Form.Type, Form.Title ?? "", days,
            Form.Description, Form.OrganisingUnit, Form.Venue, Form.OnlineLink, Form.Capacity, Form.RegistrationOpen, Form.InvitedCategories, Form.TieBreak)),
            Tenant.RequiredActor, ct), "Rincian acara tersimpan.");
        return await LoadAsync(id, ct, fillForms: ok || Response.StatusCode == 409);
    }

    public async Task<IActionResult> OnPostRundownAsync(Guid id, CancellationToken ct)
    {
        var items = Rundown.Where(r => !string.IsNullOrWhiteSpace(r.Item))
            .Select(r => new RundownItem(r.Day, r.Start ?? default, r.End ?? default, r.Item!, r.Speaker, r.PersonInCharge, r.Note)).ToList();
        var ok = await TryAsync(() => Events.ReplaceRundownAsync(Tenant.TenantId, id, new ReplaceRundownRequest(Version, items), Tenant.RequiredActor, ct),
            "Susunan acara tersimpan.");
        return await LoadAsync(id, ct, fillForms: ok);
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string action, string? reason, CancellationToken ct)
    {
        var actor = Tenant.RequiredActor;
        await TryAsync(() => action switch
        {
            "publish" => Events.PublishAsync(Tenant.TenantId, id, Version, actor, ct),
            "start" => Events.StartAsync(Tenant.TenantId, id, Version, actor, ct),
            "close" => Events.CloseAsync(Tenant.TenantId, id, Version, actor, ct),
            "cancel" => Events.CancelAsync(Tenant.TenantId, id, new CancelEventRequest(Version, reason ?? ""), actor, ct),
            _ => throw new DomainRuleException("Tindakan tidak dikenal", "Tindakan status tidak dikenal.", 400),
        }, "Status acara diperbarui.");
        return await LoadAsync(id, ct, fillForms: true);
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        var ok = await TryAsync(() => Events.InviteAsync(Tenant.TenantId, id, new InviteRequest([new ParticipantInput(Person.Name ?? "", Person.Category,
            Person.Institution, Person.Position, Person.Phone, Person.Email)]), Tenant.RequiredActor, ct), "Undangan ditambahkan.");
        if (ok) Person = new PersonForm();
        return await LoadAsync(id, ct, fillForms: true);
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        await TryAsync(async () =>
        {
            if (file is null || file.Length == 0)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Pilih berkas CSV."] });
            if (file.Length > ParticipantCsv.MaxBytes) throw new DomainRuleException("Berkas terlalu besar", "Berkas CSV paling besar 2 MB.", 413);
            using var reader = new StreamReader(file.OpenReadStream(), new System.Text.UTF8Encoding(false, false));
            Import = await Events.ImportAsync(Tenant.TenantId, id, await reader.ReadToEndAsync(ct), Tenant.RequiredActor, ct);
        }, "Impor selesai.");
        return await LoadAsync(id, ct, fillForms: true);
    }

    public async Task<IActionResult> OnPostVipAsync(Guid id, Guid participantId, string? precedenceCode, string? represents, CancellationToken ct)
    {
        await TryAsync(() => Events.SetProtocolAsync(Tenant.TenantId, id, participantId,
            new SetProtocolRequest(!string.IsNullOrEmpty(precedenceCode), string.IsNullOrEmpty(precedenceCode) ? null : precedenceCode, represents),
            Tenant.RequiredActor, ct), "Data protokol peserta tersimpan.");
        return await LoadAsync(id, ct, fillForms: true);
    }

    public async Task<IActionResult> OnPostMaterialAsync(Guid id, string? title, IFormFile? file, CancellationToken ct)
    {
        await TryAsync(async () =>
        {
            if (file is null || file.Length == 0)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Pilih berkas materi."] });
            await using var stream = file.OpenReadStream();
            await Events.UploadMaterialAsync(Tenant.TenantId, id, string.IsNullOrWhiteSpace(title) ? file.FileName : title, file.FileName, stream, Tenant.RequiredActor, ct);
        }, "Materi diunggah.");
        return await LoadAsync(id, ct, fillForms: true);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct, bool fillForms)
    {
        try { Event = await Events.GetAsync(Tenant.TenantId, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        Participants = await Events.ParticipantsAsync(Tenant.TenantId, id, null, ct);
        Materials = await Events.MaterialsAsync(Tenant.TenantId, id, ct);
        Table = await Events.PrecedenceTableAsync(Tenant.TenantId, ct);
        Version = Event.Version;
        if (fillForms)
        {
            var s = Event.Event;
            Form = new EventForm
            {
                Type = s.Type, Title = s.Title, Description = s.Description, OrganisingUnit = s.OrganisingUnit, Venue = s.Venue, OnlineLink = s.OnlineLink,
                Days = string.Join(", ", s.Days.Select(d => d.ToString("yyyy-MM-dd"))), Capacity = s.Capacity, RegistrationOpen = s.RegistrationOpen,
                InvitedCategories = s.InvitedCategories.ToList(), TieBreak = s.TieBreak,
            };
            Rundown = s.Rundown.Select(r => new RundownRow { Day = r.Day, Start = r.Start, End = r.End, Item = r.Item, Speaker = r.Speaker, PersonInCharge = r.PersonInCharge, Note = r.Note }).ToList();
        }
        while (Rundown.Count(r => string.IsNullOrWhiteSpace(r.Item)) < 3) Rundown.Add(new RundownRow());
        ModelState.Clear();
        return Page();
    }
}
