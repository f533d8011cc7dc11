namespace HumasSaaS.Grains;

/// <summary>The persisted state of one event grain.</summary>
[GenerateSerializer, Alias("humas.EventGrainState")]
public sealed class EventGrainState
{
    [Id(0)] public EventState? Event { get; set; }
    [Id(1)] public int Version { get; set; }
    [Id(2)] public string? SourceKey { get; set; }
    [Id(3)] public List<ProjectionBatch> Pending { get; set; } = [];
}

[GenerateSerializer, Alias("humas.EventSnapshot")]
public sealed record EventSnapshot(
    [property: Id(0)] Guid Id, [property: Id(1)] int Version, [property: Id(2)] EventState State, [property: Id(3)] int ParticipantCount);

[GenerateSerializer]
public enum EventStatusChange { Publish, Start, Close, Cancel }

/// <summary>The outcome for one person added: the participant, or why they were refused.</summary>
[GenerateSerializer, Alias("humas.ParticipantOutcome")]
public sealed record ParticipantOutcome([property: Id(0)] ParticipantCreated? Created, [property: Id(1)] string? Error);

/// <summary>A material whose blob is committed, to record on the event.</summary>
[GenerateSerializer, Alias("humas.MaterialRecord")]
public sealed record MaterialRecord(
    [property: Id(0)] Guid Id, [property: Id(1)] string Title, [property: Id(2)] string FileName, [property: Id(3)] string BlobName,
    [property: Id(4)] string ContentType, [property: Id(5)] long Length, [property: Id(6)] string Sha256);

/// <summary>
/// One event of one tenant (key <c>{tenantId:N}/{eventId:N}</c>). It owns the event's state and is the only writer of its
/// participants, check-ins and materials. Check-ins are taken from memory and committed in batches.
/// </summary>
[Alias("humas.IEventGrain")]
public interface IEventGrain : IGrainWithStringKey, ITenantScopedGrain
{
    [Alias("Get")] Task<EventSnapshot?> Get();

    /// <summary>
    /// Creates the event and invites <paramref name="invite"/> (all or nothing). With a <paramref name="sourceKey"/> (e.g. the
    /// study visit it schedules) a repeated call returns the event already made, finishing the invitation if it was cut off.
    /// </summary>
    [Alias("Create")] Task<EventSnapshot> Create(EventDetails details, IReadOnlyList<RundownItem> rundown, Actor actor, string? sourceKey = null,
        IReadOnlyList<ParticipantInput>? invite = null);

    [Alias("ChangeDetails")] Task<EventSnapshot> ChangeDetails(int expectedVersion, EventDetails details, Actor actor);

    [Alias("ReplaceRundown")] Task<EventSnapshot> ReplaceRundown(int expectedVersion, IReadOnlyList<RundownItem> items, Actor actor);

    [Alias("ChangeStatus")] Task<EventSnapshot> ChangeStatus(int expectedVersion, EventStatusChange change, string? reason, Actor actor);

    /// <summary>Adds people within capacity; with <paramref name="allOrNothing"/> one refusal leaves nothing written.</summary>
    [Alias("AddParticipants")] Task<IReadOnlyList<ParticipantOutcome>> AddParticipants(
        IReadOnlyList<ParticipantInput> people, ParticipantSource source, bool allOrNothing, DateOnly today, Actor actor);

    [Alias("SetProtocol")] Task SetProtocol(Guid participantId, SetProtocolRequest request, Actor actor);

    [Alias("CheckIn"), Orleans.Concurrency.AlwaysInterleave]
    Task<CheckInResult> CheckIn(string code, int day, CheckInMethod method, DateOnly today, Actor actor);

    [Alias("WalkIn")] Task<CheckInResult> WalkIn(ParticipantInput person, int day, DateOnly today, Actor actor);

    [Alias("AddMaterial")] Task<Material> AddMaterial(MaterialRecord material, Actor actor);

    /// <summary>Removes a material; returns its blob name (the caller deletes the blob), or null when there was none.</summary>
    [Alias("RemoveMaterial")] Task<string?> RemoveMaterial(Guid materialId, Actor actor);

    [Alias("EnsureAcceptsMaterials")] Task EnsureAcceptsMaterials();
}
