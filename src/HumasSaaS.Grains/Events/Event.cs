using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HumasSaaS.Grains;

namespace HumasSaaS.Events;

/// <summary>
/// The rules of an event and the writes of its child rows (participants, check-ins, materials). Only the event's grain
/// (<see cref="EventGrain"/>) calls the changing methods: its one activation in the cluster serialises them, and it
/// passes in the participant count it keeps, so capacity holds without locking the event row.
/// </summary>
public sealed partial class Event
{
    public const string EntityType = "event";
    public const int MaxDays = 14;
    public const int MaxCapacity = 100_000;
    public const int MaxRundownItems = 200;
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public Event(Guid id, EventState state, int version)
    {
        Id = id;
        State = state;
        Version = version;
    }

    public Guid Id { get; }
    public EventState State { get; private set; }
    public int Version { get; private set; }

    // ---------- loading and listing ----------

    /// <summary>The event as projected to the <c>events</c> table (reads, lists, reports; the grain holds the truth).</summary>
    public static async Task<Event> LoadAsync(TenantTransaction tx, Guid id, CancellationToken ct = default) =>
        await FindAsync(tx, id, ct) ?? throw new NotFoundException("Acara tidak ditemukan.");

    public static async Task<Event?> FindAsync(TenantTransaction tx, Guid id, CancellationToken ct = default)
    {
        var row = await tx.QuerySingleOrDefaultAsync<StateRow>(
            "SELECT id, version, state::text AS state FROM events WHERE tenant_id = @tenant AND id = @id",
            new { tenant = tx.TenantId, id }, ct);
        if (row is null) return null;
        var state = System.Text.Json.JsonSerializer.Deserialize<EventState>(row.state, EntityJson.Options)!;
        return new Event(row.id, state, row.version);
    }

    public static async Task<IReadOnlyList<EventSummary>> ListAsync(TenantTransaction tx, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var rows = await tx.QueryAsync<ListRow>(
            """
            SELECT e.id, e.state::text AS state, (SELECT count(*) FROM event_participants p WHERE p.tenant_id = e.tenant_id AND p.event_id = e.id) AS participants
            FROM events e
            WHERE (@from::text IS NULL OR e.state ->> 'firstDay' >= @from::text OR (e.state -> 'days' ->> -1) >= @from::text)
              AND (@to::text IS NULL OR e.state ->> 'firstDay' <= @to::text)
            ORDER BY e.state ->> 'firstDay' DESC, e.id
            LIMIT 500
            """, new { from = from?.ToString("yyyy-MM-dd"), to = to?.ToString("yyyy-MM-dd") }, ct);
        return rows.Select(r =>
        {
            var s = System.Text.Json.JsonSerializer.Deserialize<EventState>(r.state, EntityJson.Options)!;
            return new EventSummary(r.id, s.Type, s.Title, s.Status, s.Days, s.Venue, s.Capacity, (int)r.participants);
        }).ToList();
    }

    // ---------- the event's own state ----------

    /// <summary>A new event's state (draft), validated.</summary>
    public static EventState New(EventDetails details, IReadOnlyList<RundownItem> rundown)
    {
        var v = new Validator();
        ValidateDetails(v, "event", details);
        ValidateRundown(v, "rundown", rundown, details.Days?.Count ?? 0);
        v.ThrowIfInvalid();
        return Apply(details, new EventState(details.Type, "", null, null, null, null, [], null, EventStatus.Draft, true, [], [], TieBreak.TableOrder, null))
            with { Rundown = SortRundown(rundown) };
    }

    public void ChangeDetails(EventDetails details, int participantCount)
    {
        if (State.Status is EventStatus.Closed or EventStatus.Cancelled)
            throw new DomainRuleException("Acara tidak dapat diubah", $"Acara berstatus {EventLabels.Of(State.Status).ToLowerInvariant()} tidak dapat diubah lagi.");
        var v = new Validator();
        ValidateDetails(v, "event", details);
        v.ThrowIfInvalid();
        if (State.Status == EventStatus.Ongoing && !details.Days.SequenceEqual(State.Days))
            throw new DomainRuleException("Tanggal tidak dapat diubah", "Tanggal acara yang sedang berlangsung tidak dapat diubah.");
        if (details.Capacity is { } capacity && capacity < participantCount)
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["event.capacity"] = ["Kapasitas tidak boleh lebih kecil dari jumlah peserta yang sudah terdaftar."],
            });
        if (State.Rundown.Any(r => r.Day > details.Days.Count))
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["event.days"] = ["Susunan acara memakai hari yang akan dihapus; ubah susunan acara terlebih dahulu."],
            });
        State = Apply(details, State);
    }

    public void ReplaceRundown(IReadOnlyList<RundownItem> items)
    {
        if (State.Status is EventStatus.Closed or EventStatus.Cancelled)
            throw new DomainRuleException("Acara tidak dapat diubah", "Susunan acara dari acara yang selesai atau dibatalkan tidak dapat diubah.");
        var v = new Validator();
        ValidateRundown(v, "items", items, State.Days.Count);
        v.ThrowIfInvalid();
        State = State with { Rundown = SortRundown(items) };
    }

    public void Publish() => Transition(EventStatus.Published, [EventStatus.Draft], "dipublikasikan");

    public void Start() => Transition(EventStatus.Ongoing, [EventStatus.Published], "dimulai");

    public void Close() => Transition(EventStatus.Closed, [EventStatus.Published, EventStatus.Ongoing], "ditutup");

    public void Cancel(string reason)
    {
        new Validator().Text("reason", "Alasan pembatalan", reason, 500, 3).ThrowIfInvalid();
        Transition(EventStatus.Cancelled, [EventStatus.Draft, EventStatus.Published, EventStatus.Ongoing], "dibatalkan");
        State = State with { CancelReason = reason.Trim() };
    }

    private void Transition(EventStatus to, EventStatus[] from, string verb)
    {
        if (!from.Contains(State.Status))
            throw new DomainRuleException("Status acara tidak sesuai",
                $"Acara berstatus {EventLabels.Of(State.Status).ToLowerInvariant()} tidak dapat {verb}.");
        State = State with { Status = to };
    }

    // ---------- participants ----------

    public Task<int> ParticipantCountAsync(TenantTransaction tx, CancellationToken ct) =>
        tx.ExecuteScalarAsync<int>("SELECT count(*)::int FROM event_participants WHERE tenant_id = @tenant AND event_id = @id",
            new { tenant = tx.TenantId, id = Id }, ct);

    /// <summary>Checks that people may be added from <paramref name="source"/> now.</summary>
    public void EnsureAccepts(ParticipantSource source, DateOnly today)
    {
        switch (State.Status)
        {
            case EventStatus.Cancelled:
                throw new DomainRuleException("Acara dibatalkan", "Acara ini dibatalkan; tidak menerima peserta.");
            case EventStatus.Closed:
                throw new DomainRuleException("Acara sudah selesai", "Acara ini sudah ditutup; tidak menerima peserta lagi.");
            case EventStatus.Draft when source is ParticipantSource.Registration or ParticipantSource.WalkIn:
                throw new DomainRuleException("Pendaftaran belum dibuka", "Acara ini belum dipublikasikan.");
        }
        if (source == ParticipantSource.Registration)
        {
            if (!State.RegistrationOpen)
                throw new DomainRuleException("Pendaftaran ditutup", "Pendaftaran untuk acara ini sudah ditutup.");
            if (State.Days.Count > 0 && today > State.Days[^1])
                throw new DomainRuleException("Pendaftaran ditutup", "Acara ini sudah lewat; pendaftaran ditutup.");
        }
    }

    /// <summary>
    /// Adds people within capacity, given the <paramref name="count"/> of participants already registered (the grain, the
    /// only writer, keeps it). Each gets a unique code. Duplicates (same email or phone in this event) are reported per input.
    /// Returns one outcome per input, in order: the created participant or the reason it was refused.
    /// </summary>
    public async Task<IReadOnlyList<(ParticipantCreated? Created, string? Error)>> AddParticipantsAsync(
        TenantTransaction tx, int count, IReadOnlyList<ParticipantInput> people, ParticipantSource source, Actor actor, DateOnly today, CancellationToken ct)
    {
        EnsureAccepts(source, today);
        var results = new List<(ParticipantCreated?, string?)>();
        foreach (var input in people)
        {
            if (State.Capacity is { } capacity && count >= capacity)
            {
                results.Add((null, $"Kuota peserta ({capacity} orang) sudah penuh."));
                continue;
            }
            if (source == ParticipantSource.Registration && State.InvitedCategories.Count > 0 && !State.InvitedCategories.Contains(input.Category))
            {
                results.Add((null, "Kategori peserta ini tidak diundang ke acara ini."));
                continue;
            }
            var created = await InsertParticipantAsync(tx, Normalize(input), source, actor, ct);
            if (created is null)
            {
                results.Add((null, "Peserta dengan email atau nomor telepon yang sama sudah terdaftar di acara ini."));
                continue;
            }
            count++;
            results.Add((created, null));
        }
        return results;
    }

    /// <summary>One participant, failing with a problem (409) when full or a duplicate.</summary>
    public async Task<ParticipantCreated> AddParticipantAsync(TenantTransaction tx, int count, ParticipantInput input, ParticipantSource source, Actor actor, DateOnly today, CancellationToken ct)
    {
        var (created, error) = (await AddParticipantsAsync(tx, count, [input], source, actor, today, ct))[0];
        return created ?? throw new DomainRuleException(error!.StartsWith("Kuota", StringComparison.Ordinal) ? "Kuota penuh" : "Tidak dapat mendaftar", error);
    }

    private async Task<ParticipantCreated?> InsertParticipantAsync(TenantTransaction tx, ParticipantInput p, ParticipantSource source, Actor actor, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var id = Guid.CreateVersion7();
            var code = NewCode();
            var inserted = await tx.ExecuteScalarAsync<Guid?>(
                """
                INSERT INTO event_participants (tenant_id, event_id, id, code, name, institution, position, category, phone, email, attendance_mode, source, created_by)
                VALUES (@tenant, @eventId, @id, @code, @name, @institution, @position, @category, @phone, @email, @mode, @source, @by)
                ON CONFLICT DO NOTHING
                RETURNING id
                """,
                new
                {
                    tenant = tx.TenantId, eventId = Id, id, code, name = p.Name, institution = p.Institution, position = p.Position,
                    category = EnumText.Of(p.Category), phone = p.Phone, email = p.Email, mode = EnumText.Of(p.AttendanceMode),
                    source = EnumText.Of(source), by = actor.Name,
                }, ct);
            if (inserted is not null) return new ParticipantCreated(id, code, p.Name, TicketPath(id));
            var duplicate = await tx.ExecuteScalarAsync<bool>(
                """
                SELECT EXISTS (SELECT 1 FROM event_participants WHERE tenant_id = @tenant AND event_id = @eventId
                               AND ((@email::text IS NOT NULL AND lower(email) = lower(@email)) OR (@phone::text IS NOT NULL AND phone = @phone)))
                """, new { tenant = tx.TenantId, eventId = Id, email = p.Email, phone = p.Phone }, ct);
            if (duplicate) return null;
        }
        throw new InvalidOperationException("Could not allocate a unique participant code.");
    }

    public static string TicketPath(Guid participantId) => $"/acara/tiket/{participantId}";

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return new string(chars);
    }

    /// <summary>Codes are read from a QR or typed: upper-case, spaces and dashes ignored.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public async Task SetProtocolAsync(TenantTransaction tx, Guid participantId, SetProtocolRequest request, PrecedenceTable table, Actor actor, CancellationToken ct)
    {
        var v = new Validator().Text("represents", "Mewakili", request.Represents, 200, required: false);
        if (request.IsVip && (request.PrecedenceCode is null || table.Find(request.PrecedenceCode) is null))
            v.Add("precedenceCode", "Pilih jabatan dari tabel tata urutan.");
        v.ThrowIfInvalid();
        var changed = await tx.ExecuteAsync(
            """
            UPDATE event_participants SET is_vip = @isVip, precedence_code = @code, represents = @represents
            WHERE tenant_id = @tenant AND event_id = @eventId AND id = @participantId
            """,
            new
            {
                tenant = tx.TenantId, eventId = Id, participantId, isVip = request.IsVip,
                code = request.IsVip ? request.PrecedenceCode : null, represents = request.IsVip ? Clean(request.Represents) : null,
            }, ct);
        if (changed == 0) throw new NotFoundException("Peserta tidak ditemukan di acara ini.");
        await AuditLog.WriteAsync(tx, EntityType, Id, "participant_protocol_set", actor, null, new { participantId, request.IsVip, request.PrecedenceCode }, ct);
    }

    // ---------- check-in ----------

    /// <summary>Checks that attendance for <paramref name="day"/> may be recorded now (caller holds at least a shared lock on the event).</summary>
    public void EnsureCheckInAllowed(int day, DateOnly today)
    {
        switch (State.Status)
        {
            case EventStatus.Cancelled:
                throw new DomainRuleException("Acara dibatalkan", "Acara ini dibatalkan; presensi tidak dapat dicatat.");
            case EventStatus.Closed:
                throw new DomainRuleException("Acara sudah selesai", "Acara ini sudah ditutup; presensi tidak dapat dicatat lagi.");
            case EventStatus.Draft:
                throw new DomainRuleException("Acara belum dipublikasikan", "Presensi baru dapat dicatat setelah acara dipublikasikan.");
        }
        if (day < 1 || day > State.Days.Count)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["day"] = [$"Hari ke- harus antara 1 dan {State.Days.Count}."] });
        if (today < State.Days[day - 1])
            throw new DomainRuleException("Belum waktunya",
                $"Presensi hari ke-{day} baru dapat dicatat mulai tanggal {State.Days[day - 1]:dd-MM-yyyy}.");
    }

    /// <summary>A scanned or typed code in its stored form; refused when it cannot be a code.</summary>
    public static string RequireCode(string? code)
    {
        var normalized = NormalizeCode(code);
        if (!CodePattern().IsMatch(normalized))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["code"] = ["Kode peserta terdiri atas 8 huruf/angka."] });
        return normalized;
    }

    /// <summary>What the scanner shows: welcome, or "sudah hadir" with the time first recorded (WIB).</summary>
    public static CheckInResult Result(Guid id, string code, string name, string? institution, bool already, DateTime at, int present, int day)
    {
        var message = already
            ? $"{name} sudah hadir (tercatat pukul {Wib(at):HH:mm})."
            : $"Selamat datang, {name}. Kehadiran hari ke-{day} tercatat.";
        return new CheckInResult(already, message, day, DateTime.SpecifyKind(at, DateTimeKind.Utc), id, code, name, institution, present);
    }

    /// <summary>A walk-in: registered and checked in together, in the caller's transaction; returns the participant and the check-in time.</summary>
    public async Task<(ParticipantCreated Created, ParticipantInput Person, DateTime At)> WalkInAsync(
        TenantTransaction tx, int count, ParticipantInput input, int day, Actor actor, DateOnly today, CancellationToken ct)
    {
        EnsureCheckInAllowed(day, today);
        ValidateParticipant(new Validator(), "person", input, requireContact: false).ThrowIfInvalid();
        var created = await AddParticipantAsync(tx, count, input, ParticipantSource.WalkIn, actor, today, ct);
        var at = await tx.ExecuteScalarAsync<DateTime>(
            """
            INSERT INTO event_checkins (tenant_id, event_id, participant_id, day, method, checked_in_by)
            VALUES (@tenant, @eventId, @participantId, @day, @method, @by)
            RETURNING checked_in_at
            """,
            new { tenant = tx.TenantId, eventId = Id, participantId = created.Id, day, method = EnumText.Of(CheckInMethod.WalkIn), by = actor.Name }, ct);
        return (created, Normalize(input), at);
    }

    // ---------- materials ----------

    public void EnsureAcceptsMaterials()
    {
        if (State.Status == EventStatus.Cancelled)
            throw new DomainRuleException("Acara dibatalkan", "Materi tidak dapat ditambahkan ke acara yang dibatalkan.");
    }

    public async Task<Material> AddMaterialAsync(TenantTransaction tx, Guid materialId, string title, string fileName, string blobName,
        (string ContentType, long Length, string Sha256Hex) blob, Actor actor, CancellationToken ct)
    {
        EnsureAcceptsMaterials();
        await tx.ExecuteAsync(
            """
            INSERT INTO event_materials (tenant_id, event_id, id, title, file_name, blob_name, content_type, length, sha256, uploaded_by)
            VALUES (@tenant, @eventId, @id, @title, @fileName, @blobName, @contentType, @length, @sha, @by)
            """,
            new { tenant = tx.TenantId, eventId = Id, id = materialId, title, fileName, blobName, contentType = blob.ContentType, length = blob.Length, sha = blob.Sha256Hex, by = actor.Name }, ct);
        await AuditLog.WriteAsync(tx, EntityType, Id, "material_added", actor, title, new { materialId, fileName, blob.Sha256Hex }, ct);
        return new Material(materialId, Id, title, fileName, blob.ContentType, blob.Length, blob.Sha256Hex, DateTime.UtcNow, actor.Name);
    }

    public async Task<string?> RemoveMaterialAsync(TenantTransaction tx, Guid materialId, Actor actor, CancellationToken ct)
    {
        var blobName = await tx.ExecuteScalarAsync<string>(
            "DELETE FROM event_materials WHERE tenant_id = @tenant AND event_id = @eventId AND id = @materialId RETURNING blob_name",
            new { tenant = tx.TenantId, eventId = Id, materialId }, ct);
        if (blobName is not null) await AuditLog.WriteAsync(tx, EntityType, Id, "material_removed", actor, null, new { materialId }, ct);
        return blobName;
    }

    // ---------- validation ----------

    public static Validator ValidateParticipant(Validator v, string prefix, ParticipantInput p, bool requireContact)
    {
        v.Text(prefix + ".name", "Nama", p.Name, 150, 2)
            .Text(prefix + ".institution", "Instansi", p.Institution, 200, required: false)
            .Text(prefix + ".position", "Jabatan", p.Position, 150, required: false)
            .Text(prefix + ".phone", "Telepon", p.Phone, 30, required: false)
            .Email(prefix + ".email", p.Email, required: false);
        if (!string.IsNullOrWhiteSpace(p.Phone) && !PhonePattern().IsMatch(p.Phone.Trim()))
            v.Add(prefix + ".phone", "Nomor telepon hanya berisi angka, spasi, +, - atau tanda kurung (6–30 karakter).");
        if (requireContact && string.IsNullOrWhiteSpace(p.Phone) && string.IsNullOrWhiteSpace(p.Email))
            v.Add(prefix + ".phone", "Isi nomor telepon atau email.");
        if (!Enum.IsDefined(p.Category)) v.Add(prefix + ".category", "Kategori tidak dikenal.");
        if (ContainsControl(p.Name) || ContainsControl(p.Institution) || ContainsControl(p.Position))
            v.Add(prefix + ".name", "Isian tidak boleh berisi karakter kendali.");
        return v;
    }

    private static void ValidateDetails(Validator v, string prefix, EventDetails d)
    {
        v.Text(prefix + ".title", "Judul acara", d.Title, 200, 3)
            .Text(prefix + ".description", "Deskripsi", d.Description, 4000, required: false)
            .Text(prefix + ".organisingUnit", "Unit penyelenggara", d.OrganisingUnit, 200, required: false)
            .Text(prefix + ".venue", "Tempat", d.Venue, 300, required: false)
            .HttpUrl(prefix + ".onlineLink", "Tautan daring", d.OnlineLink);
        if (!Enum.IsDefined(d.Type)) v.Add(prefix + ".type", "Jenis acara tidak dikenal.");
        if (d.Days is not { Count: > 0 }) v.Add(prefix + ".days", "Isi sekurang-kurangnya satu tanggal acara.");
        else
        {
            if (d.Days.Count > MaxDays) v.Add(prefix + ".days", $"Paling banyak {MaxDays} hari.");
            if (d.Days.Distinct().Count() != d.Days.Count) v.Add(prefix + ".days", "Tanggal acara tidak boleh berulang.");
            if (d.Days.Any(x => x.Year is < 2000 or > 2100)) v.Add(prefix + ".days", "Tanggal acara tidak wajar.");
        }
        if (d.Capacity is { } c) v.Range(prefix + ".capacity", "Kapasitas", c, 1, MaxCapacity);
        if (string.IsNullOrWhiteSpace(d.Venue) && string.IsNullOrWhiteSpace(d.OnlineLink))
            v.Add(prefix + ".venue", "Isi tempat atau tautan daring.");
        if (d.InvitedCategories is { } cats && cats.Any(x => !Enum.IsDefined(x))) v.Add(prefix + ".invitedCategories", "Kategori tidak dikenal.");
    }

    private static void ValidateRundown(Validator v, string prefix, IReadOnlyList<RundownItem>? items, int days)
    {
        if (items is null) return;
        v.Count(prefix, "Susunan acara", items, MaxRundownItems);
        for (var i = 0; i < items.Count; i++)
        {
            var r = items[i];
            var f = $"{prefix}[{i}]";
            v.Text(f + ".item", "Mata acara", r.Item, 200)
                .Text(f + ".speaker", "Narasumber", r.Speaker, 150, required: false)
                .Text(f + ".personInCharge", "MC/penanggung jawab", r.PersonInCharge, 150, required: false)
                .Text(f + ".note", "Catatan", r.Note, 500, required: false);
            if (r.Day < 1 || r.Day > Math.Max(days, 1)) v.Add(f + ".day", $"Hari ke- harus antara 1 dan {Math.Max(days, 1)}.");
            if (r.End <= r.Start) v.Add(f + ".end", "Jam selesai harus setelah jam mulai.");
        }
    }

    private static EventState Apply(EventDetails d, EventState s) => s with
    {
        Type = d.Type,
        Title = d.Title.Trim(),
        Description = Clean(d.Description),
        OrganisingUnit = Clean(d.OrganisingUnit),
        Venue = Clean(d.Venue),
        OnlineLink = Clean(d.OnlineLink),
        Days = d.Days.Order().ToList(),
        Capacity = d.Capacity,
        RegistrationOpen = d.RegistrationOpen,
        InvitedCategories = (d.InvitedCategories ?? []).Distinct().ToList(),
        TieBreak = d.TieBreak,
    };

    private static List<RundownItem> SortRundown(IReadOnlyList<RundownItem> items) =>
        items.Select(r => r with { Item = r.Item.Trim(), Speaker = Clean(r.Speaker), PersonInCharge = Clean(r.PersonInCharge), Note = Clean(r.Note) })
            .OrderBy(r => r.Day).ThenBy(r => r.Start).ToList();

    public static IReadOnlyList<RundownItem> RundownFromTemplate(EventTemplate template) =>
        template.Rundown.Select(r => new RundownItem(r.Day, r.Start, r.End, r.Item, null, r.PersonInCharge)).ToList();

    public static ParticipantInput Normalize(ParticipantInput p) => p with
    {
        Name = p.Name.Trim(),
        Institution = Clean(p.Institution),
        Position = Clean(p.Position),
        Phone = Clean(p.Phone),
        Email = Clean(p.Email)?.ToLowerInvariant(),
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool ContainsControl(string? s) => s is not null && s.Any(char.IsControl);

    public static DateTime Wib(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(7);

    [GeneratedRegex("^[A-Z0-9]{8}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+()\-\s]{6,30}$")]
    private static partial Regex PhonePattern();

    private sealed record StateRow(Guid id, int version, string state);

    private sealed record ListRow(Guid id, string state, long participants);

}
