using HumasSaaS.Events;
using System.Text;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.Platform.Uploads;
using HumasSaaS.Storage;
using QRCoder;

namespace HumasSaaS.Api.Events;

public sealed record PrecedenceResponse(IReadOnlyList<PrecedenceEntry> Table, IReadOnlyList<RankedVip> Order, IReadOnlyList<IReadOnlyList<Seat>> Seating, TieBreak TieBreak, int SeatsPerRow);

/// <summary>
/// Events for the API and the pages: every change is a call to the event's grain (<see cref="IEventGrain"/>, keyed by the
/// resolved tenant and the parsed id); lists, participants, attendance and reports read the RLS tables the grain keeps current.
/// </summary>
public sealed class EventService(Db db, TimeProvider time, IBlobStore blobs, UploadGuard guard, TenantGrains grains)
{
    public const long MaxMaterialBytes = 25L * 1024 * 1024;
    public static readonly Actor PublicActor = new(null, "Pendaftaran publik");

    /// <summary>Today's date where the event happens; fixed to WIB (UTC+7) until tenants carry a time zone.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);

    public async Task<IReadOnlyList<EventSummary>> ListAsync(Guid tenantId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return await Event.ListAsync(tx, from, to, ct);
    }

    public IEventGrain Grain(Guid tenantId, Guid id)
    {
        RequestConnection.Current?.ReturnWhileWaiting();
        return grains.Get<IEventGrain>(tenantId, id);
    }

    public async Task<EventResponse> GetAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        Response(await RetryAsync(() => Grain(tenantId, id).Get()) ?? throw new NotFoundException("Acara tidak ditemukan."));

    /// <summary>
    /// A call that reached a silo while it shut down (rolling restart) is sent again: the grain reactivates on a live silo.
    /// Only for calls that are safe to repeat (reads, and check-ins: a repeat answers "sudah hadir" and writes nothing).
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < 5 && e is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    private static EventResponse Response(EventSnapshot e) => new(e.Id, e.Version, e.State, e.ParticipantCount, $"/acara/{e.Id}/daftar");

    public async Task<EventResponse> CreateAsync(Guid tenantId, CreateEventRequest request, Actor actor, CancellationToken ct)
    {
        IReadOnlyList<RundownItem> rundown = [];
        if (request.TemplateCode is { } code)
        {
            await using var tx = await db.BeginTenantAsync(tenantId, ct);
            var configuration = await TenantConfiguration.LoadAsync(tx, ct);
            var template = configuration.State.EventTemplates.FirstOrDefault(t => t.Code == code)
                ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["templateCode"] = [$"Templat acara '{code}' tidak ada di konfigurasi instansi."] });
            rundown = Event.RundownFromTemplate(template).Where(r => r.Day <= (request.Event.Days?.Count ?? 0)).ToList();
        }
        return Response(await Grain(tenantId, Guid.CreateVersion7()).Create(request.Event, rundown, actor));
    }

    public async Task<EventResponse> UpdateAsync(Guid tenantId, Guid id, UpdateEventRequest request, Actor actor, CancellationToken ct) =>
        Response(await Grain(tenantId, id).ChangeDetails(request.Version, request.Event, actor));

    public async Task<EventResponse> ReplaceRundownAsync(Guid tenantId, Guid id, ReplaceRundownRequest request, Actor actor, CancellationToken ct) =>
        Response(await Grain(tenantId, id).ReplaceRundown(request.Version, request.Items, actor));

    public Task<EventResponse> PublishAsync(Guid tenantId, Guid id, int version, Actor actor, CancellationToken ct) =>
        ChangeStatusAsync(tenantId, id, version, EventStatusChange.Publish, null, actor);

    public Task<EventResponse> StartAsync(Guid tenantId, Guid id, int version, Actor actor, CancellationToken ct) =>
        ChangeStatusAsync(tenantId, id, version, EventStatusChange.Start, null, actor);

    public Task<EventResponse> CloseAsync(Guid tenantId, Guid id, int version, Actor actor, CancellationToken ct) =>
        ChangeStatusAsync(tenantId, id, version, EventStatusChange.Close, null, actor);

    public Task<EventResponse> CancelAsync(Guid tenantId, Guid id, CancelEventRequest request, Actor actor, CancellationToken ct) =>
        ChangeStatusAsync(tenantId, id, request.Version, EventStatusChange.Cancel, request.Reason, actor);

    private async Task<EventResponse> ChangeStatusAsync(Guid tenantId, Guid id, int version, EventStatusChange change, string? reason, Actor actor) =>
        Response(await Grain(tenantId, id).ChangeStatus(version, change, reason, actor));

    // ---------- participants ----------

    /// <summary>Invitations by person: all or nothing (bad input, a full event or a duplicate leaves nothing written).</summary>
    public async Task<IReadOnlyList<ParticipantCreated>> InviteAsync(Guid tenantId, Guid id, InviteRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Count("people", "Daftar undangan", request.People, 500);
        if (request.People.Count == 0) v.Add("people", "Isi sekurang-kurangnya satu orang.");
        for (var i = 0; i < Math.Min(request.People.Count, 500); i++) Event.ValidateParticipant(v, $"people[{i}]", request.People[i], requireContact: false);
        v.ThrowIfInvalid();
        var outcomes = await Grain(tenantId, id).AddParticipants(request.People, ParticipantSource.Invitation, allOrNothing: true, Today(), actor);
        return outcomes.Select(o => o.Created!).ToList();
    }

    /// <summary>CSV import: good rows are imported, bad ones (format, duplicates, over capacity) reported by line.</summary>
    public async Task<ImportResult> ImportAsync(Guid tenantId, Guid id, string csv, Actor actor, CancellationToken ct)
    {
        var rows = ParticipantCsv.Parse(csv);
        var errors = rows.Where(r => r.Input is null).Select(r => new ImportRowError(r.Line, r.Errors)).ToList();
        var good = rows.Where(r => r.Input is not null).ToList();
        var outcomes = await Grain(tenantId, id).AddParticipants(good.Select(r => r.Input!).ToList(), ParticipantSource.Import, allOrNothing: false, Today(), actor);
        var created = new List<ParticipantCreated>();
        for (var i = 0; i < good.Count; i++)
        {
            if (outcomes[i].Created is { } c) created.Add(c);
            else errors.Add(new ImportRowError(good[i].Line, [outcomes[i].Error!]));
        }
        return new ImportResult(created.Count, created, errors.OrderBy(x => x.Line).ToList());
    }

    public async Task<ParticipantCreated> RegisterPublicAsync(Guid tenantId, Guid id, PublicRegistrationRequest request, CancellationToken ct)
    {
        var input = new ParticipantInput(request.Name, request.Category, request.Institution, request.Position, request.Phone, request.Email, request.AttendanceMode);
        Event.ValidateParticipant(new Validator(), "", input, requireContact: true).ThrowIfInvalidTrimmed();
        var grain = Grain(tenantId, id);
        if (await grain.Get() is not { State.Status: not EventStatus.Draft }) throw new NotFoundException("Acara tidak ditemukan.");
        var (created, error) = (await grain.AddParticipants([input], ParticipantSource.Registration, allOrNothing: false, Today(), PublicActor))[0];
        return created ?? throw new DomainRuleException(error!.StartsWith("Kuota", StringComparison.Ordinal) ? "Kuota penuh" : "Tidak dapat mendaftar", error);
    }

    public async Task<IReadOnlyList<Participant>> ParticipantsAsync(Guid tenantId, Guid id, string? search, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        await Event.LoadAsync(tx, id, ct: ct);
        var rows = await tx.QueryAsync<ParticipantRow>(
            """
            SELECT p.id, p.event_id, p.code, p.name, p.institution, p.position, p.category, p.phone, p.email, p.attendance_mode, p.source,
                   p.is_vip, p.precedence_code, p.represents, p.created_at,
                   coalesce((SELECT array_agg(c.day ORDER BY c.day) FROM event_checkins c
                             WHERE c.tenant_id = p.tenant_id AND c.event_id = p.event_id AND c.participant_id = p.id), '{}') AS days
            FROM event_participants p
            WHERE p.event_id = @id
              AND (@search::text IS NULL OR p.name ILIKE '%' || @search || '%' OR p.institution ILIKE '%' || @search || '%' OR p.code = upper(@search))
            ORDER BY p.name, p.created_at
            LIMIT 5000
            """, new { id, search = string.IsNullOrWhiteSpace(search) ? null : EscapeLike(search.Trim()[..Math.Min(search.Trim().Length, 100)]) }, ct);
        return rows.Select(r => r.ToParticipant()).ToList();
    }

    /// <summary>
    /// The staff listing. Phone and email are personal data (UU 27/2022): only protocol officers and admins read them,
    /// and each such read is logged; other members get them masked.
    /// </summary>
    public async Task<IReadOnlyList<Participant>> ParticipantsForStaffAsync(TenantContext tenant, Guid id, string? search, CancellationToken ct)
    {
        var participants = await ParticipantsAsync(tenant.TenantId, id, search, ct);
        if (!tenant.Has(TenantRole.ProtocolOfficer))
            return participants.Select(p => p with { Phone = MaskPhone(p.Phone), Email = MaskEmail(p.Email) }).ToList();
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        await AuditLog.WriteAsync(tx, Event.EntityType, id, "participant_contacts_viewed", tenant.RequiredActor, null,
            new { count = participants.Count, search }, ct);
        await tx.CommitAsync(ct);
        return participants;
    }

    private static string? MaskPhone(string? phone) =>
        phone is null ? null : new string('•', Math.Max(0, phone.Length - 3)) + phone[Math.Max(0, phone.Length - 3)..];

    private static string? MaskEmail(string? email) =>
        email is null ? null : email.IndexOf('@') is var at and > 0 ? email[0] + "•••" + email[at..] : "•••";

    public async Task SetProtocolAsync(Guid tenantId, Guid id, Guid participantId, SetProtocolRequest request, Actor actor, CancellationToken ct)
    {
        await Grain(tenantId, id).SetProtocol(participantId, request, actor);
    }

    // ---------- check-in and attendance ----------

    public Task<CheckInResult> CheckInAsync(Guid tenantId, Guid id, CheckInRequest request, Actor actor, CancellationToken ct) =>
        RetryAsync(() => Grain(tenantId, id).CheckIn(request.Code, request.Day, request.Method, Today(), actor));

    public Task<CheckInResult> WalkInAsync(Guid tenantId, Guid id, WalkInRequest request, Actor actor, CancellationToken ct) =>
        Grain(tenantId, id).WalkIn(request.Person, request.Day, Today(), actor);

    public async Task<AttendanceResponse> AttendanceAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var e = await Event.LoadAsync(tx, id, ct: ct);
        var registered = (await tx.QueryAsync<CountRow>(
            "SELECT 0 AS day, category, count(*)::int AS n FROM event_participants WHERE event_id = @id GROUP BY category", new { id }, ct)).ToList();
        var present = (await tx.QueryAsync<CountRow>(
            """
            SELECT c.day, p.category, count(*)::int AS n
            FROM event_checkins c JOIN event_participants p ON p.tenant_id = c.tenant_id AND p.id = c.participant_id
            WHERE c.event_id = @id GROUP BY c.day, p.category
            """, new { id }, ct)).ToList();
        var days = e.State.Days.Select((date, i) =>
        {
            var rows = present.Where(r => r.day == i + 1).ToList();
            return new DayAttendance(i + 1, date, rows.Sum(r => r.n), rows.ToDictionary(r => r.category, r => r.n));
        }).ToList();
        return new AttendanceResponse(registered.Sum(r => r.n), registered.ToDictionary(r => r.category, r => r.n), days);
    }

    /// <summary>Daftar hadir: every participant with the time they signed in on each day (WIB).</summary>
    public async Task<(EventState Event, IReadOnlyList<Participant> Participants, IReadOnlyDictionary<(Guid, int), DateTime> Times)> AttendanceListAsync(
        Guid tenantId, Guid id, CancellationToken ct)
    {
        var participants = await ParticipantsAsync(tenantId, id, null, ct);
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var e = await Event.LoadAsync(tx, id, ct: ct);
        var times = (await tx.QueryAsync<TimeRow>(
            "SELECT participant_id, day, checked_in_at FROM event_checkins WHERE event_id = @id", new { id }, ct))
            .ToDictionary(t => (t.participant_id, t.day), t => Event.Wib(t.checked_in_at));
        return (e.State, participants, times);
    }

    public async Task<string> AttendanceCsvAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        var (state, participants, times) = await AttendanceListAsync(tenantId, id, ct);
        var sb = new StringBuilder();
        var header = new List<string> { "No", "Kode", "Nama", "Instansi", "Jabatan", "Kategori", "Kehadiran" };
        header.AddRange(state.Days.Select((d, i) => $"Hari ke-{i + 1} ({d:dd-MM-yyyy})"));
        sb.AppendLine(string.Join(',', header.Select(CsvCell.Quoted)));
        var n = 0;
        foreach (var p in participants)
        {
            var cells = new List<string?> { (++n).ToString(), p.Code, p.Name, p.Institution, p.Position, EventLabels.Of(p.Category), EventLabels.Of(p.AttendanceMode) };
            cells.AddRange(state.Days.Select((_, i) => times.TryGetValue((p.Id, i + 1), out var t) ? t.ToString("HH:mm") : ""));
            sb.AppendLine(string.Join(',', cells.Select(CsvCell.Quoted)));
        }
        return sb.ToString();
    }

    // ---------- protocol ----------

    public async Task<PrecedenceTable> PrecedenceTableAsync(Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return Precedence.Merge((await TenantConfiguration.LoadAsync(tx, ct)).State.PrecedenceOverrides);
    }

    public async Task<PrecedenceResponse> PrecedenceAsync(Guid tenantId, Guid id, int seatsPerRow, CancellationToken ct)
    {
        if (seatsPerRow is < 1 or > 50)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["seatsPerRow"] = ["Jumlah kursi per baris 1–50."] });
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var e = await Event.LoadAsync(tx, id, ct: ct);
        var table = Precedence.Merge((await TenantConfiguration.LoadAsync(tx, ct)).State.PrecedenceOverrides);
        var vips = await tx.QueryAsync<VipRow>(
            "SELECT id, name, institution, precedence_code, represents, created_at FROM event_participants WHERE event_id = @id AND is_vip", new { id }, ct);
        var order = Precedence.Order(vips.Select(v => new VipInput(v.id, v.name, v.precedence_code, v.represents, v.created_at, v.institution)), table, e.State.TieBreak);
        return new PrecedenceResponse(table.Entries, order, Precedence.Seating(order, seatsPerRow), e.State.TieBreak, seatsPerRow);
    }

    // ---------- materials ----------

    public async Task<Material> UploadMaterialAsync(Guid tenantId, Guid id, string title, string fileName, Stream content, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Text("title", "Judul materi", title, 200).Text("fileName", "Nama berkas", fileName, 200);
        v.ThrowIfInvalid();
        var grain = Grain(tenantId, id);
        await grain.EnsureAcceptsMaterials();
        var container = BlobNames.TenantContainer(tenantId);
        var materialId = Guid.CreateVersion7();
        var blobName = $"events/{id:N}/materials/{materialId:N}";
        await blobs.CreateContainerIfNotExistsAsync(container, ct);
        BlobUploadResult uploaded;
        try
        {
            uploaded = await guard.UploadAsync(container, blobName, content,
                new BlobUploadOptions { MaxBytes = MaxMaterialBytes, DetectContentType = head => FileSignatures.Detect(head.Span), IfNoneMatchAny = true },
                new UploadAudit(tenantId, Event.EntityType, id, actor, fileName, "material"), ct);
        }
        catch (BlobContentRejectedException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Berkas harus PDF, JPEG atau PNG (dan tidak kosong)."] });
        }
        catch (BlobTooLargeException)
        {
            throw new DomainRuleException("Berkas terlalu besar", $"Ukuran materi paling besar {MaxMaterialBytes / 1024 / 1024} MB.", 413);
        }
        try
        {
            return await grain.AddMaterial(new MaterialRecord(materialId, title.Trim(), Path.GetFileName(fileName.Trim()), blobName,
                uploaded.ContentType, uploaded.Length, uploaded.Sha256Hex), actor);
        }
        catch (Exception e) when (DomainRefusals.Is(e))
        {
            // Refused by the grain: nothing references the file. An unknown outcome (a lost answer, an outage) keeps it,
            // since the grain may have recorded it; the material sweeper removes it later if no row names it.
            await blobs.DeleteIfExistsAsync(container, blobName, CancellationToken.None);
            throw;
        }
    }

    public async Task<IReadOnlyList<Material>> MaterialsAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        await Event.LoadAsync(tx, id, ct: ct);
        return (await tx.QueryAsync<MaterialRow>(
            "SELECT id, event_id, title, file_name, content_type, length, sha256, uploaded_at, uploaded_by FROM event_materials WHERE event_id = @id ORDER BY uploaded_at",
            new { id }, ct)).Select(m => new Material(m.id, m.event_id, m.title, m.file_name, m.content_type, m.length, m.sha256, m.uploaded_at, m.uploaded_by)).ToList();
    }

    public async Task<(Material Material, BlobDownload Blob)> DownloadMaterialAsync(Guid tenantId, Guid id, Guid materialId, CancellationToken ct)
    {
        string blobName;
        Material material;
        await using (var tx = await db.BeginTenantAsync(tenantId, ct))
        {
            var m = await tx.QuerySingleOrDefaultAsync<MaterialBlobRow>(
                "SELECT id, event_id, title, file_name, content_type, length, sha256, uploaded_at, uploaded_by, blob_name FROM event_materials WHERE event_id = @id AND id = @materialId",
                new { id, materialId }, ct) ?? throw new NotFoundException("Materi tidak ditemukan.");
            blobName = m.blob_name;
            material = new Material(m.id, m.event_id, m.title, m.file_name, m.content_type, m.length, m.sha256, m.uploaded_at, m.uploaded_by);
        }
        var blob = await blobs.GetAsync(BlobNames.TenantContainer(tenantId), blobName, ct) ?? throw new NotFoundException("Berkas materi tidak ditemukan.");
        return (material, blob);
    }

    public async Task DeleteMaterialAsync(Guid tenantId, Guid id, Guid materialId, Actor actor, CancellationToken ct)
    {
        var blobName = await Grain(tenantId, id).RemoveMaterial(materialId, actor) ?? throw new NotFoundException("Materi tidak ditemukan.");
        await blobs.DeleteIfExistsAsync(BlobNames.TenantContainer(tenantId), blobName, ct);
    }

    // ---------- public ----------

    /// <summary>A published (or running) event as the public sees it; drafts and cancelled events are not found.</summary>
    public async Task<PublicEvent> PublicEventAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        var e = await RetryAsync(() => Grain(tenantId, id).Get()) ?? throw new NotFoundException("Acara tidak ditemukan.");
        var s = e.State;
        if (s.Status is EventStatus.Draft or EventStatus.Cancelled) throw new NotFoundException("Acara tidak ditemukan.");
        int? left = s.Capacity is { } c ? Math.Max(0, c - e.ParticipantCount) : null;
        var open = s.Status is EventStatus.Published or EventStatus.Ongoing && s.RegistrationOpen && Today() <= s.Days[^1] && left is null or > 0;
        return new PublicEvent(e.Id, s.Type, s.Title, s.Description, s.Venue, s.OnlineLink, s.Days, s.Status, open,
            s.InvitedCategories.Count > 0 ? s.InvitedCategories : Enum.GetValues<ParticipantCategory>(), s.Rundown, left);
    }

    public async Task<Ticket> TicketAsync(Guid tenantId, Guid ticketId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var p = await tx.QuerySingleOrDefaultAsync<TicketRow>(
            "SELECT id, event_id, code, name, institution, position, category, attendance_mode FROM event_participants WHERE id = @ticketId",
            new { ticketId }, ct) ?? throw new NotFoundException("Tiket tidak ditemukan.");
        var e = await Event.LoadAsync(tx, p.event_id, ct: ct);
        return new Ticket(p.id, p.code, p.name, p.institution, p.position, EnumText.Parse<ParticipantCategory>(p.category),
            EnumText.Parse<AttendanceMode>(p.attendance_mode), e.Id, e.State.Title, e.State.Days, e.State.Venue, e.State.OnlineLink, e.State.Status);
    }

    public static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed record CountRow(int day, string category, int n);

    private sealed record TimeRow(Guid participant_id, int day, DateTime checked_in_at);

    private sealed record VipRow(Guid id, string name, string? institution, string? precedence_code, string? represents, DateTime created_at);

    private sealed record MaterialRow(Guid id, Guid event_id, string title, string file_name, string content_type, long length, string sha256, DateTime uploaded_at, string uploaded_by);

    private sealed record MaterialBlobRow(Guid id, Guid event_id, string title, string file_name, string content_type, long length, string sha256, DateTime uploaded_at, string uploaded_by, string blob_name);

    private sealed record TicketRow(Guid id, Guid event_id, string code, string name, string? institution, string? position, string category, string attendance_mode);

    private sealed class ParticipantRow
    {
        public Guid id { get; init; }
        public Guid event_id { get; init; }
        public string code { get; init; } = "";
        public string name { get; init; } = "";
        public string? institution { get; init; }
        public string? position { get; init; }
        public string category { get; init; } = "";
        public string? phone { get; init; }
        public string? email { get; init; }
        public string attendance_mode { get; init; } = "";
        public string source { get; init; } = "";
        public bool is_vip { get; init; }
        public string? precedence_code { get; init; }
        public string? represents { get; init; }
        public DateTime created_at { get; init; }
        public int[] days { get; init; } = [];

        public Participant ToParticipant() => new(id, event_id, code, name, institution, position, EnumText.Parse<ParticipantCategory>(category), phone, email,
            EnumText.Parse<AttendanceMode>(attendance_mode), EnumText.Parse<ParticipantSource>(source), is_vip, precedence_code, represents,
            DateTime.SpecifyKind(created_at, DateTimeKind.Utc), days);
    }
}

internal static class ValidatorExtensions
{
    /// <summary>Field names of a top-level request: "" prefix produces ".name"; strip the dot.</summary>
    public static void ThrowIfInvalidTrimmed(this Validator v)
    {
        try { v.ThrowIfInvalid(); }
        catch (RequestValidationException e)
        {
            throw new RequestValidationException(e.Errors.ToDictionary(x => x.Key.TrimStart('.'), x => x.Value));
        }
    }
}
