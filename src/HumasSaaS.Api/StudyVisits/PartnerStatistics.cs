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

/// <summary>
/// The figures from the media partner registry (migration 0003), read in the sharing tenant's transaction (RLS): counts of
/// verified partners per grade and media type, and the median days from submission to the verification decision.
/// Only aggregates leave: no partner names or ids. When the registry table does not exist, "not available" (null).
/// </summary>
public sealed class MediaPartnerStatistics : IPartnerStatisticsSource
{
    public async Task<PartnerStatistics?> GetAsync(TenantTransaction tx, CancellationToken ct)
    {
        if (await tx.ExecuteScalarAsync<string>("SELECT to_regclass('media_partners')::text", ct: ct) is null) return null;
        var counts = (await tx.QueryAsync<(string Grade, string MediaType, long Count)>(
            """
            SELECT coalesce(state -> 'decision' ->> 'grade', '-'), coalesce(state -> 'profile' ->> 'mediaType', '-'), count(*)
            FROM media_partners WHERE tenant_id = @tenant AND status = 'verified'
            GROUP BY 1, 2 ORDER BY 1, 2
            """, new { tenant = tx.TenantId }, ct)).Select(r => new PartnerCount(r.Grade, r.MediaType, (int)r.Count)).ToList();
        var median = await tx.ExecuteScalarAsync<double?>(
            """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM
                       (state -> 'decision' ->> 'decidedAt')::timestamptz - (state ->> 'submittedAt')::timestamptz) / 86400.0)
            FROM media_partners
            WHERE tenant_id = @tenant AND status = 'verified' AND state ->> 'submittedAt' IS NOT NULL AND state -> 'decision' ->> 'decidedAt' IS NOT NULL
            """, new { tenant = tx.TenantId }, ct);
        return new PartnerStatistics(counts, median is { } m ? Math.Round(m, 1) : null);
    }
}
