using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.Configuration;

/// <summary>Who may read a section: nobody else (default), holders of a share link, or every tenant (and link holders).</summary>
public enum SharingScope { Private, Link, Platform }

public sealed record SectionSharing(string Section, string Label, SharingScope Scope);

public sealed record ShareLinkInfo(Guid Id, string Label, DateTime ExpiresAt, DateTime? RevokedAt, DateTime CreatedAt, bool Active);

/// <summary>A new link; the token is shown once and only its SHA-256 is stored.</summary>
public sealed record CreatedShareLink(Guid Id, string Label, DateTime ExpiresAt, string Token, string Path);

/// <summary>
/// Sharing settings per section (own table, so a change never makes a configuration version) and read-only share
/// links. Everything here runs in the owning tenant's transaction; other tenants read only rows with scope
/// 'platform' (a read-only RLS policy), so every own-settings query filters on the tenant explicitly.
/// </summary>
public static class ConfigurationSharing
{
    public const string Statistics = "statistics";

    public static readonly IReadOnlyList<string> ShareableSections = [.. ConfigurationSection.All, Statistics];

    public static string Label(string section) => section == Statistics ? "Statistik mitra media (anonim)" : ConfigurationSection.Label(section);

    public static string ScopeText(SharingScope scope) => EntityJson.EnumText(scope);

    public static string ScopeLabel(SharingScope scope) => Words.Of(scope);

    public static SharingScope ParseScope(string text) => text switch
    {
        "private" => SharingScope.Private,
        "link" => SharingScope.Link,
        "platform" => SharingScope.Platform,
        _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["scope"] = ["Pilih private, link, atau platform."] }),
    };

    /// <summary>The tenant's own settings for every shareable section (private when never set).</summary>
    public static async Task<IReadOnlyList<SectionSharing>> GetAsync(TenantTransaction tx, CancellationToken ct)
    {
        var rows = (await tx.QueryAsync<(string Section, string Scope)>(
            "SELECT section, scope FROM configuration_sharing WHERE tenant_id = @tenant", new { tenant = tx.TenantId }, ct))
            .ToDictionary(r => r.Section, r => ParseScope(r.Scope));
        return ShareableSections.Select(s => new SectionSharing(s, Label(s), rows.GetValueOrDefault(s, SharingScope.Private))).ToList();
    }

    public static async Task SetAsync(TenantTransaction tx, string section, SharingScope scope, Actor actor, CancellationToken ct)
    {
        if (!ShareableSections.Contains(section)) throw new NotFoundException($"Bagian konfigurasi '{section}' tidak dikenal.");
        await tx.ExecuteAsync(
            """
            INSERT INTO configuration_sharing (tenant_id, section, scope, updated_by) VALUES (@tenant, @section, @scope, @actor)
            ON CONFLICT (tenant_id, section) DO UPDATE SET scope = EXCLUDED.scope, updated_at = now(), updated_by = EXCLUDED.updated_by
            """, new { tenant = tx.TenantId, section, scope = ScopeText(scope), actor = actor.UserId }, ct);
        await AuditLog.WriteAsync(tx, TenantConfiguration.EntityType, tx.TenantId, "sharing_changed", actor, null,
            new { section, scope = ScopeText(scope) }, ct);
    }

    /// <summary>Sections of the transaction's tenant visible to an audience: platform tenants see 'platform', link holders 'link' and 'platform'.</summary>
    public static async Task<IReadOnlyList<string>> VisibleSectionsAsync(TenantTransaction tx, SharingScope audience, CancellationToken ct)
    {
        var all = await GetAsync(tx, ct);
        return all.Where(s => s.Scope != SharingScope.Private && s.Scope >= audience).Select(s => s.Section).ToList();
    }

    /// <summary>Every tenant with at least one section shared with the platform (readable from any tenant through RLS).</summary>
    public static async Task<IReadOnlyList<(Guid TenantId, string Section)>> PlatformSharedAsync(TenantTransaction tx, CancellationToken ct) =>
        (await tx.QueryAsync<(Guid, string)>(
            "SELECT tenant_id, section FROM configuration_sharing WHERE scope = 'platform' ORDER BY tenant_id, section", ct: ct)).ToList();

    // ---- share links ----

    public static async Task<CreatedShareLink> CreateLinkAsync(TenantTransaction tx, string label, int validDays, Actor actor, CancellationToken ct)
    {
        new Validator().Text("label", "Nama tautan", label, 200).Range("validDays", "Masa berlaku (hari)", validDays, 1, 90).ThrowIfInvalid();
        var id = Guid.NewGuid();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = $"{tx.TenantId:N}.{secret}";
        var expiresAt = DateTime.UtcNow.AddDays(validDays);
        await tx.ExecuteAsync(
            """
            INSERT INTO configuration_share_links (tenant_id, id, label, token_hash, expires_at, created_by)
            VALUES (@tenant, @id, @label, @hash, @expiresAt, @actor)
            """, new { tenant = tx.TenantId, id, label = label.Trim(), hash = Hash(secret), expiresAt, actor = actor.UserId }, ct);
        await AuditLog.WriteAsync(tx, TenantConfiguration.EntityType, tx.TenantId, "share_link_created", actor, label, new { id, expiresAt }, ct);
        return new CreatedShareLink(id, label.Trim(), expiresAt, token, "/bagikan/" + token);
    }

    public static async Task<IReadOnlyList<ShareLinkInfo>> ListLinksAsync(TenantTransaction tx, CancellationToken ct) =>
        (await tx.QueryAsync<ShareLinkInfo>(
            """
            SELECT id, label, expires_at AS ExpiresAt, revoked_at AS RevokedAt, created_at AS CreatedAt,
                   (revoked_at IS NULL AND expires_at > now()) AS Active
            FROM configuration_share_links WHERE tenant_id = @tenant ORDER BY created_at DESC
            """, new { tenant = tx.TenantId }, ct)).ToList();

    public static async Task RevokeLinkAsync(TenantTransaction tx, Guid id, Actor actor, CancellationToken ct)
    {
        var changed = await tx.ExecuteAsync(
            "UPDATE configuration_share_links SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = @tenant AND id = @id",
            new { tenant = tx.TenantId, id }, ct);
        if (changed == 0) throw new NotFoundException("Tautan tidak ditemukan.");
        await AuditLog.WriteAsync(tx, TenantConfiguration.EntityType, tx.TenantId, "share_link_revoked", actor, null, new { id }, ct);
    }

    /// <summary>The tenant a token names (not yet checked), or null when the token is malformed.</summary>
    public static (Guid TenantId, string Secret)? ParseToken(string token)
    {
        var dot = token.IndexOf('.');
        if (dot != 32 || !Guid.TryParseExact(token[..dot], "N", out var tenantId)) return null;
        var secret = token[(dot + 1)..];
        return secret.Length is >= 40 and <= 64 ? (tenantId, secret) : null;
    }

    /// <summary>True when the secret matches an active (not expired, not revoked) link of the transaction's tenant.</summary>
    public static async Task<bool> IsActiveLinkAsync(TenantTransaction tx, string secret, CancellationToken ct) =>
        await tx.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM configuration_share_links
                           WHERE tenant_id = @tenant AND token_hash = @hash AND revoked_at IS NULL AND expires_at > now())
            """, new { tenant = tx.TenantId, hash = Hash(secret) }, ct);

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Only the given sections of a configuration document.</summary>
    public static JsonObject Only(JsonObject configuration, IEnumerable<string> sections)
    {
        var result = new JsonObject();
        foreach (var section in sections)
        {
            if (configuration[section] is { } value) result[section] = value.DeepClone();
        }
        return result;
    }
}
