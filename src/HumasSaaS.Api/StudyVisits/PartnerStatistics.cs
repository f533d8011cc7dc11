using HumasSaaS.Api.Platform.Database;

namespace HumasSaaS.Api.StudyVisits;

public sealed record PartnerCount(string Grade, string MediaType, int Count);

/// <summary>Anonymised figures a tenant may share: verified partners by grade and media type, median days to verification.</summary>
public sealed record PartnerStatistics(IReadOnlyList<PartnerCount> VerifiedPartners, double? MedianDaysToVerification);

/// <summary>
/// Source of the anonymised media-partner figures, read inside the sharing tenant's transaction. Returns null when
/// the figures are not available (the media partner registry is not part of this build yet).
/// </summary>
public interface IPartnerStatisticsSource
{
    Task<PartnerStatistics?> GetAsync(TenantTransaction tx, CancellationToken ct);
}

/// <summary>Placeholder until the media partner registry (migration 0003) provides a query: "not available".</summary>
public sealed class UnavailablePartnerStatistics : IPartnerStatisticsSource
{
    public Task<PartnerStatistics?> GetAsync(TenantTransaction tx, CancellationToken ct) => Task.FromResult<PartnerStatistics?>(null);
}
