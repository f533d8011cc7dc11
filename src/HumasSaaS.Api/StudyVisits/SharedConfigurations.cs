using System.Text.Json.Nodes;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.StudyVisits;

public sealed record SharedTenantSummary(string Slug, string Name, string Province, IReadOnlyList<string> Sections);

/// <summary>What one reader may see of one tenant's configuration: only the sections in <see cref="Sections"/>.</summary>
public sealed record SharedProfile(
    [property: System.Text.Json.Serialization.JsonIgnore] Guid TenantId, string Slug, string Name, string Province, string OfficeUnitName, int Version, bool Own,
    IReadOnlyList<string> Sections, JsonObject Configuration, PartnerStatistics? Statistics, bool StatisticsShared);

/// <summary>
/// The one place where a tenant's configuration is read for someone else (another tenant or a link holder).
/// It opens a transaction as the source tenant (RLS confines it to that tenant), reads the source's own sharing
/// settings there, and returns only the sections those settings open to the reader. Private sections never leave.
/// </summary>
public sealed class SharedConfigurations(Db db, TenantDirectory directory, IPartnerStatisticsSource statistics)
{
    /// <summary>Tenants that share at least one section with the platform (the reader's own tenant excluded).</summary>
    public async Task<IReadOnlyList<SharedTenantSummary>> ListAsync(Guid readerTenantId, CancellationToken ct)
    {
        IReadOnlyList<(Guid TenantId, string Section)> rows;
        await using (var tx = await db.BeginTenantAsync(readerTenantId, ct))
            rows = await ConfigurationSharing.PlatformSharedAsync(tx, ct);
        var result = new List<SharedTenantSummary>();
        foreach (var group in rows.Where(r => r.TenantId != readerTenantId).GroupBy(r => r.TenantId))
        {
            if (await directory.FindByIdAsync(group.Key, ct) is not { Status: TenantStatus.Active } tenant) continue;
            result.Add(new SharedTenantSummary(tenant.Slug, tenant.OfficialName, tenant.Province,
                [.. ConfigurationSharing.ShareableSections.Where(s => group.Any(r => r.Section == s))]));
        }
        return result.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The profile of <paramref name="slug"/> as a member of <paramref name="readerTenantId"/> sees it: everything of
    /// its own tenant, the platform-shared sections of another. A tenant sharing nothing is "not found".
    /// </summary>
    public async Task<SharedProfile> ForTenantAsync(Guid readerTenantId, string slug, CancellationToken ct)
    {
        var tenant = await directory.FindBySlugAsync(slug, ct);
        if (tenant is not { Status: TenantStatus.Active }) throw NotShared();
        var own = tenant.Id == readerTenantId;
        var profile = await ReadAsync(tenant, own ? null : SharingScope.Platform, ct);
        if (!own && profile.Sections.Count == 0 && !profile.StatisticsShared) throw NotShared();
        return profile;
    }

    /// <summary>The profile a share link opens, or null when the token is unknown, expired or revoked.</summary>
    public async Task<SharedProfile?> ForLinkAsync(string token, CancellationToken ct)
    {
        if (ConfigurationSharing.ParseToken(token) is not { } parsed) return null;
        var tenant = await directory.FindByIdAsync(parsed.TenantId, ct);
        if (tenant is not { Status: TenantStatus.Active }) return null;
        await using (var tx = await db.BeginTenantAsync(tenant.Id, ct))
        {
            if (!await ConfigurationSharing.IsActiveLinkAsync(tx, parsed.Secret, ct)) return null;
        }
        return await ReadAsync(tenant, SharingScope.Link, ct);
    }

    /// <summary>Reads the source's configuration; <paramref name="audience"/> null means the tenant itself (all sections).</summary>
    private async Task<SharedProfile> ReadAsync(Tenant tenant, SharingScope? audience, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.Id, ct);
        var configuration = await TenantConfiguration.LoadAsync(tx, ct);
        var visible = audience is { } a ? await ConfigurationSharing.VisibleSectionsAsync(tx, a, ct) : ConfigurationSharing.ShareableSections;
        var sections = visible.Where(s => s != ConfigurationSharing.Statistics).ToList();
        var statisticsShared = visible.Contains(ConfigurationSharing.Statistics);
        var stats = statisticsShared ? await statistics.GetAsync(tx, ct) : null;
        return new SharedProfile(tenant.Id, tenant.Slug, tenant.OfficialName, tenant.Province, tenant.OfficeUnitName, configuration.Version, audience is null,
            sections, ConfigurationSharing.Only(ConfigurationDiff.ToJson(configuration.State), sections), stats, statisticsShared);
    }

    private static NotFoundException NotShared() =>
        new("Instansi tidak ditemukan atau tidak membagikan konfigurasinya.");
}
