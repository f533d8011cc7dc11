namespace HumasSaaS.Grains;

/// <summary>One audit row of a change: keyed by the entity's version and its position in that change.</summary>
[GenerateSerializer, Alias("humas.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] int Seq, [property: Id(1)] string Action, [property: Id(2)] Guid? ActorId, [property: Id(3)] string? ActorName,
    [property: Id(4)] string? Note, [property: Id(5)] string? Data, [property: Id(6)] DateTime At);

/// <summary>A notification for the outbox, keyed so it is written once however often the projection runs.</summary>
[GenerateSerializer, Alias("humas.OutboxEntry")]
public sealed record OutboxEntry(
    [property: Id(0)] string DedupeKey, [property: Id(1)] string Kind, [property: Id(2)] Guid? DocumentId, [property: Id(3)] Guid? CompanyId,
    [property: Id(4)] string Subject, [property: Id(5)] string Body);

/// <summary>
/// What one acknowledged change must still write to the SQL tables (the entity row at <see cref="Version"/>, changed child
/// rows, audit, outbox). It is stored in the grain state with the change itself and applied after the state write,
/// again on activation, until done; applying it twice writes nothing new.
/// </summary>
[GenerateSerializer, Alias("humas.ProjectionBatch")]
public sealed record ProjectionBatch(
    [property: Id(0)] int Version, [property: Id(1)] Guid? UpdatedBy, [property: Id(2)] IReadOnlyList<Guid> DocumentIds,
    [property: Id(3)] IReadOnlyList<AuditEntry> Audit, [property: Id(4)] IReadOnlyList<OutboxEntry> Outbox);
