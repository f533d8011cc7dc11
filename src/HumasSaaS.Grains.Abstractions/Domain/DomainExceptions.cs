namespace HumasSaaS.Domain;

// These exceptions cross silo boundaries (a grain throws, the API turns them into problem details), so Orleans
// serialises them: [GenerateSerializer] with an [Id] per field and a parameterless constructor for the codec.

/// <summary>Bad input found by a command's own checks; becomes a 400 with per-field messages.</summary>
[GenerateSerializer, Alias("humas.RequestValidationException")]
public sealed class RequestValidationException : Exception
{
    public RequestValidationException() { }

    public RequestValidationException(IDictionary<string, string[]> errors)
        : base("Validation failed: " + string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))) =>
        Errors = new Dictionary<string, string[]>(errors);

    [Id(0)] public Dictionary<string, string[]> Errors { get; private set; } = [];
}

/// <summary>A request that is well-formed but breaks a rule of the entity (wrong state, closed window, ...).</summary>
[GenerateSerializer, Alias("humas.DomainRuleException")]
public sealed class DomainRuleException : Exception
{
    public DomainRuleException() { }

    public DomainRuleException(string title, string detail, int status = 409) : base(detail)
    {
        Title = title;
        Status = status;
    }

    [Id(0)] public string Title { get; private set; } = "";
    [Id(1)] public int Status { get; private set; } = 409;
}

[GenerateSerializer, Alias("humas.NotFoundException")]
public sealed class NotFoundException : Exception
{
    public NotFoundException() { }

    public NotFoundException(string detail) : base(detail) { }
}

/// <summary>A write named a version that is no longer current: someone else changed the entity first.</summary>
[GenerateSerializer, Alias("humas.ConcurrencyConflictException")]
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException() { }

    public ConcurrencyConflictException(string entityType, Guid id, int expectedVersion, int? currentVersion)
        : base($"{entityType} {id}: expected version {expectedVersion}, current {currentVersion?.ToString() ?? "none"}")
    {
        EntityType = entityType;
        EntityId = id;
        ExpectedVersion = expectedVersion;
        CurrentVersion = currentVersion;
    }

    [Id(0)] public string EntityType { get; private set; } = "";
    [Id(1)] public Guid EntityId { get; private set; }
    [Id(2)] public int ExpectedVersion { get; private set; }
    [Id(3)] public int? CurrentVersion { get; private set; }
}

/// <summary>Answers that mean "refused, nothing recorded" (as opposed to an outage or a lost answer, whose outcome is unknown).</summary>
public static class DomainRefusals
{
    public static bool Is(Exception exception) =>
        exception is RequestValidationException or DomainRuleException or NotFoundException or ConcurrencyConflictException
            or HumasSaaS.Grains.TenantMismatchException;
}
