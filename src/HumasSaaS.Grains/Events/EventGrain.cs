using System.Text.Json;
using HumasSaaS.Database;
using HumasSaaS.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HumasSaaS.Events;

/// <summary>
/// One event. Its own state (details, status, rundown) is the grain's persisted state, projected to the <c>events</c> row
/// with its audit rows. Participants, check-ins and materials are rows only this grain writes (each in one transaction
/// that first applies any pending projection, so the event row they refer to exists). The grain keeps the participant
/// count, the codes and the check-ins in memory: capacity is checked without a lock, and check-ins that arrive together
/// are written by one multi-row statement, each answered only after its commit.
/// </summary>
public sealed class EventGrain(
    [PersistentState("event", GrainStorage.Name)] IPersistentState<EventGrainState> store,
    Db db, IProjectionInterceptor interceptor, ILogger<EventGrain> logger)
    : ProjectedGrain<EventGrainState>(store, db, interceptor, logger), IEventGrain
{
    private EventGrainState S => Store.State;

    protected override List<ProjectionBatch> Pending => S.Pending;

    private Roster? roster;
    private Task<Roster>? rosterLoad;
    private readonly List<PendingCheckIn> queued = [];
    private readonly Dictionary<(Guid Participant, int Day), Task> inFlight = [];
    private Task? flushing;

    /// <summary>An event made before grains owned events exists only as its row: the grain takes the row as its state.</summary>
    protected override async Task OnLoadedAsync(CancellationToken ct)
    {
        if (S.Event is not null) return;
        await using var tx = await Db.BeginTenantAsync(TenantId, ct);
        if (await Event.FindAsync(tx, EntityId, ct) is not { } row) return;
        S.Event = row.State;
        S.Version = row.Version;
    }

    public async Task<EventSnapshot?> Get() => S.Event is null ? null : await SnapshotAsync();

    public async Task<EventSnapshot> Create(EventDetails details, IReadOnlyList<RundownItem> rundown, Actor actor, string? sourceKey = null,
        IReadOnlyList<ParticipantInput>? invite = null)
    {
        if (S.Event is not null)
        {
            if (sourceKey is null || S.SourceKey != sourceKey)
                throw new DomainRuleException("Acara sudah ada", "Acara dengan pengenal ini sudah ada.", 409);
            // A repeated creation (a retry): the invitation may have been cut off after the event was stored.
            if (invite is { Count: > 0 } && (await RosterAsync()).Count == 0) await InviteAllAsync(invite, actor, Today());
            return await SnapshotAsync();
        }
        var state = Event.New(details, rundown);
        S.Event = state;
        S.SourceKey = sourceKey;
        S.Version = 1;
        await CommitAsync(Batch(actor, "event_created", null, JsonSerializer.Serialize(new { state.Title, state.Type }, JsonSerializerOptions.Web)));
        if (invite is { Count: > 0 }) await InviteAllAsync(invite, actor, Today());
        return await SnapshotAsync();
    }

    public async Task<EventSnapshot> ChangeDetails(int expectedVersion, EventDetails details, Actor actor)
    {
        var count = (await RosterAsync()).Count;
        return await ChangeAsync(expectedVersion, actor, "event_changed", null, e => e.ChangeDetails(details, count));
    }

    public Task<EventSnapshot> ReplaceRundown(int expectedVersion, IReadOnlyList<RundownItem> items, Actor actor) =>
        ChangeAsync(expectedVersion, actor, "rundown_changed", null, e => e.ReplaceRundown(items));

    public Task<EventSnapshot> ChangeStatus(int expectedVersion, EventStatusChange change, string? reason, Actor actor) => change switch
    {
        EventStatusChange.Publish => ChangeAsync(expectedVersion, actor, "event_published", null, e => e.Publish()),
        EventStatusChange.Start => ChangeAsync(expectedVersion, actor, "event_started", null, e => e.Start()),
        EventStatusChange.Close => ChangeAsync(expectedVersion, actor, "event_closed", null, e => e.Close()),
        EventStatusChange.Cancel => ChangeAsync(expectedVersion, actor, "event_cancelled", reason, e => e.Cancel(reason ?? "")),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public async Task<IReadOnlyList<ParticipantOutcome>> AddParticipants(
        IReadOnlyList<ParticipantInput> people, ParticipantSource source, bool allOrNothing, DateOnly today, Actor actor)
    {
        var e = Require();
        var r = await RosterAsync();
        var action = source switch { ParticipantSource.Invitation => "participants_invited", ParticipantSource.Import => "participants_imported", _ => null };
        var outcomes = await InTransactionAsync(async tx =>
        {
            var results = await e.AddParticipantsAsync(tx, r.Count, people, source, actor, today, CancellationToken.None);
            var failed = results.Select((o, i) => (o, i)).Where(x => x.o.Error is not null).ToList();
            if (allOrNothing && failed.Count > 0)
                throw new DomainRuleException("Undangan tidak dapat disimpan",
                    string.Join(" ", failed.Take(5).Select(x => $"{people[x.i].Name}: {x.o.Error}")) + " Tidak ada undangan yang disimpan.");
            if (action is not null)
                await AuditLog.WriteAsync(tx, Event.EntityType, EntityId, action, actor, null,
                    new { count = results.Count(o => o.Created is not null), rejected = failed.Count }, CancellationToken.None);
            return results;
        });
        for (var i = 0; i < people.Count; i++)
            if (outcomes[i].Created is { } c) r.Add(c.Id, c.Code, Event.Normalize(people[i]).Name, Event.Normalize(people[i]).Institution);
        return outcomes.Select(o => new ParticipantOutcome(o.Created, o.Error)).ToList();
    }

    public async Task SetProtocol(Guid participantId, SetProtocolRequest request, Actor actor)
    {
        var e = Require();
        await InTransactionAsync(async tx =>
        {
            var table = Precedence.Merge((await TenantConfigurationReader.LoadAsync(tx, CancellationToken.None)).State.PrecedenceOverrides);
            await e.SetProtocolAsync(tx, participantId, request, table, actor, CancellationToken.None);
            return 0;
        });
    }

    // ---------- check-in ----------

    /// <summary>
    /// Interleaves with other check-ins: each is checked against memory (status, day, code, already present), then queued.
    /// One writer drains the queue: everything queued while the previous batch committed goes into the next statement.
    /// </summary>
    public async Task<CheckInResult> CheckIn(string code, int day, CheckInMethod method, DateOnly today, Actor actor)
    {
        var e = Require();
        e.EnsureCheckInAllowed(day, today);
        var normalized = Event.RequireCode(code);
        var r = await RosterAsync();
        if (!r.ByCode.TryGetValue(normalized, out var p)) throw new NotFoundException("Kode peserta tidak dikenal untuk acara ini.");
        var key = (p.Id, day);
        if (inFlight.TryGetValue(key, out var earlier)) await earlier.ContinueWith(_ => { }, TaskScheduler.Current);
        if (r.CheckedIn.TryGetValue(key, out var at)) return Event.Result(p.Id, p.Code, p.Name, p.Institution, true, at, r.Present(day), day);

        var pending = new PendingCheckIn(p, day, method, actor.Name);
        queued.Add(pending);
        inFlight[key] = pending.Done.Task;
        // The grain runs one turn at a time: a finished writer has returned, so a new one starts for this queue.
        if (flushing is null || flushing.IsCompleted) flushing = FlushAsync();
        return await pending.Done.Task;
    }

    private async Task FlushAsync()
    {
        {
            while (queued.Count > 0)
            {
                var batch = queued.ToList();
                queued.Clear();
                try
                {
                    var rows = await InTransactionAsync(tx => tx.QueryAsync<CheckInRow>(
                        """
                        INSERT INTO event_checkins (tenant_id, event_id, participant_id, day, method, checked_in_by)
                        SELECT @tenant, @eventId, u.participant_id, u.day, u.method, u.by
                        FROM unnest(@participants, @days, @methods, @bys) AS u(participant_id, day, method, by)
                        ON CONFLICT DO NOTHING
                        RETURNING participant_id, day, checked_in_at
                        """,
                        new
                        {
                            tenant = TenantId, eventId = EntityId, participants = batch.Select(b => b.Participant.Id).ToArray(),
                            days = batch.Select(b => b.Day).ToArray(), methods = batch.Select(b => EnumText.Of(b.Method)).ToArray(),
                            bys = batch.Select(b => b.By).ToArray(),
                        }, CancellationToken.None));
                    var inserted = rows.ToDictionary(x => (x.participant_id, x.day), x => x.checked_in_at);
                    var r = roster!;
                    foreach (var b in batch)
                    {
                        var key = (b.Participant.Id, b.Day);
                        var p = b.Participant;
                        if (inserted.TryGetValue(key, out var at))
                        {
                            r.MarkPresent(key, at);
                            b.Done.SetResult(Event.Result(p.Id, p.Code, p.Name, p.Institution, false, at, r.Present(b.Day), b.Day));
                        }
                        else
                        {
                            // Recorded already, but not known to this activation: read it and answer as a repeat.
                            var existing = await InTransactionAsync(tx => tx.ExecuteScalarAsync<DateTime>(
                                "SELECT checked_in_at FROM event_checkins WHERE event_id = @eventId AND participant_id = @participant AND day = @day",
                                new { eventId = EntityId, participant = p.Id, day = b.Day }, CancellationToken.None));
                            r.MarkPresent(key, existing);
                            b.Done.SetResult(Event.Result(p.Id, p.Code, p.Name, p.Institution, true, existing, r.Present(b.Day), b.Day));
                        }
                    }
                }
                catch (Exception ex)
                {
                    foreach (var b in batch) b.Done.TrySetException(ex);
                }
                finally
                {
                    foreach (var b in batch) inFlight.Remove((b.Participant.Id, b.Day));
                }
            }
        }
    }

    public async Task<CheckInResult> WalkIn(ParticipantInput person, int day, DateOnly today, Actor actor)
    {
        var e = Require();
        var r = await RosterAsync();
        var (created, normalized, at) = await InTransactionAsync(tx => e.WalkInAsync(tx, r.Count, person, day, actor, today, CancellationToken.None));
        r.Add(created.Id, created.Code, normalized.Name, normalized.Institution);
        r.MarkPresent((created.Id, day), at);
        return Event.Result(created.Id, created.Code, normalized.Name, normalized.Institution, false, at, r.Present(day), day);
    }

    // ---------- materials ----------

    public Task EnsureAcceptsMaterials()
    {
        Require().EnsureAcceptsMaterials();
        return Task.CompletedTask;
    }

    public Task<Material> AddMaterial(MaterialRecord m, Actor actor)
    {
        var e = Require();
        return InTransactionAsync(tx => e.AddMaterialAsync(tx, m.Id, m.Title, m.FileName, m.BlobName, (m.ContentType, m.Length, m.Sha256), actor, CancellationToken.None));
    }

    public Task<string?> RemoveMaterial(Guid materialId, Actor actor)
    {
        var e = Require();
        return InTransactionAsync(tx => e.RemoveMaterialAsync(tx, materialId, actor, CancellationToken.None));
    }

    // ---------- internals ----------

    private async Task<EventSnapshot> ChangeAsync(int expectedVersion, Actor actor, string action, string? note, Action<Event> change)
    {
        var e = Require();
        RequireVersion(Event.EntityType, EntityId, expectedVersion, S.Version);
        change(e);
        S.Event = e.State;
        S.Version++;
        await CommitAsync(Batch(actor, action, note, JsonSerializer.Serialize(new { version = S.Version, status = EnumText.Of(e.State.Status) }, JsonSerializerOptions.Web)));
        return await SnapshotAsync();
    }

    private ProjectionBatch Batch(Actor actor, string action, string? note, string data) =>
        new(S.Version, actor.UserId, [], [new AuditEntry(0, action, actor.UserId, actor.Name, note, data, DateTime.UtcNow)], []);

    private async Task InviteAllAsync(IReadOnlyList<ParticipantInput> people, Actor actor, DateOnly today)
    {
        var outcomes = await AddParticipants(people, ParticipantSource.Invitation, allOrNothing: true, today, actor);
        if (outcomes.FirstOrDefault(o => o.Error is not null) is { Error: { } error })
            throw new DomainRuleException("Peserta tidak dapat diundang", error, 422);
    }

    protected override async Task ProjectAsync(TenantTransaction tx, ProjectionBatch batch, CancellationToken ct)
    {
        await tx.ExecuteAsync(
            """
            INSERT INTO events (tenant_id, id, version, state, updated_at, updated_by)
            VALUES (@tenant, @id, @version, @state::jsonb, now(), @by)
            ON CONFLICT (tenant_id, id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = now(), updated_by = excluded.updated_by
            WHERE events.version < excluded.version
            """,
            new { tenant = TenantId, id = EntityId, version = S.Version, state = JsonSerializer.Serialize(S.Event, EntityJson.Options), by = batch.UpdatedBy }, ct);
        await AuditLog.WriteProjectedAsync(tx, Event.EntityType, EntityId, batch.Version, batch.Audit, ct);
    }

    /// <summary>
    /// A write of child rows: one tenant transaction that first applies any pending projection (the rows refer to the
    /// event row), committed before the caller is answered.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<TenantTransaction, Task<T>> work)
    {
        var batches = Pending.ToList();
        T result;
        await using (var tx = await Db.BeginTenantAsync(TenantId))
        {
            foreach (var b in batches) await ProjectAsync(tx, b, CancellationToken.None);
            result = await work(tx);
            await tx.CommitAsync();
        }
        Pending.RemoveAll(batches.Contains);
        return result;
    }

    private Event Require() =>
        S.Event is { } state ? new Event(EntityId, state, S.Version) : throw new NotFoundException("Acara tidak ditemukan.");

    private async Task<EventSnapshot> SnapshotAsync() => new(EntityId, S.Version, S.Event!, (await RosterAsync()).Count);

    private Task<Roster> RosterAsync()
    {
        if (roster is not null) return Task.FromResult(roster);
        return rosterLoad ??= LoadRosterAsync();
    }

    private async Task<Roster> LoadRosterAsync()
    {
        try
        {
            await using var tx = await Db.BeginTenantAsync(TenantId);
            var people = await tx.QueryAsync<RosterRow>(
                "SELECT id, code, name, institution FROM event_participants WHERE event_id = @id", new { id = EntityId }, CancellationToken.None);
            var checkIns = await tx.QueryAsync<CheckInRow>(
                "SELECT participant_id, day, checked_in_at FROM event_checkins WHERE event_id = @id", new { id = EntityId }, CancellationToken.None);
            var r = new Roster();
            foreach (var p in people) r.Add(p.id, p.code, p.name, p.institution);
            foreach (var c in checkIns) r.MarkPresent((c.participant_id, c.day), c.checked_in_at);
            return roster = r;
        }
        finally
        {
            rosterLoad = null;
        }
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private sealed record RosterRow(Guid id, string code, string name, string? institution);

    private sealed record CheckInRow(Guid participant_id, int day, DateTime checked_in_at);

    private sealed record RosterEntry(Guid Id, string Code, string Name, string? Institution);

    private sealed class PendingCheckIn(RosterEntry participant, int day, CheckInMethod method, string by)
    {
        public RosterEntry Participant => participant;
        public int Day => day;
        public CheckInMethod Method => method;
        public string By => by;
        public TaskCompletionSource<CheckInResult> Done { get; } = new();
    }

    /// <summary>The event's participants and check-ins as this activation knows them (it is their only writer).</summary>
    private sealed class Roster
    {
        public Dictionary<string, RosterEntry> ByCode { get; } = [];
        public Dictionary<(Guid, int), DateTime> CheckedIn { get; } = [];
        private readonly Dictionary<int, int> presentByDay = [];

        public int Count => ByCode.Count;

        public void Add(Guid id, string code, string name, string? institution) => ByCode[code] = new RosterEntry(id, code, name, institution);

        public void MarkPresent((Guid Participant, int Day) key, DateTime at)
        {
            if (CheckedIn.TryAdd(key, at)) presentByDay[key.Day] = Present(key.Day) + 1;
        }

        public int Present(int day) => presentByDay.GetValueOrDefault(day);
    }
}
