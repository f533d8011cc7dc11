using HumasSaaS.Api.Platform.Database;

namespace HumasSaaS.Api.StudyVisits;

/// <summary>One cell of the shared figures; <see cref="Count"/> is null when fewer than <see cref="SmallCounts.Minimum"/> (suppressed).</summary>
public sealed record PartnerCount(string Grade, string MediaType, int? Count);

/// <summary>
/// Small-count suppression for anonymised figures (UU 27/2022: aggregates must not single out a person or company):
/// a count below 5 is never published, nor is a median computed over fewer than 5 cases.
/// </summary>
public static class SmallCounts
{
    public const int Minimum = 5;

    public static int? Suppress(long count) => count >= Minimum ? (int)count : null;

    public static string Label(int? count) => count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"kurang dari {Minimum}";
}

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
            """, new { tenant = tx.TenantId }, ct)).Select(r => new PartnerCount(r.Grade, r.MediaType, SmallCounts.Suppress(r.Count))).ToList();
        var median = await tx.ExecuteScalarAsync<double?>(
            $"""
            SELECT CASE WHEN count(*) < {SmallCounts.Minimum} THEN NULL ELSE percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM
                       (state -> 'decision' ->> 'decidedAt')::timestamptz - (state ->> 'submittedAt')::timestamptz) / 86400.0) END
            FROM media_partners
            WHERE tenant_id = @tenant AND status = 'verified' AND state ->> 'submittedAt' IS NOT NULL AND state -> 'decision' ->> 'decidedAt' IS NOT NULL
            """, new { tenant = tx.TenantId }, ct);
        return new PartnerStatistics(counts, median is { } m ? Math.Round(m, 1) : null);
    }
}
