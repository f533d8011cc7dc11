using System.Security.Cryptography;
using System.Text;

namespace HumasSaaS.Grains;

/// <summary>
/// Keys of tenant-scoped grains: <c>{tenantId:N}/{entityId:N}</c>. Built only from a resolved tenant and a parsed
/// id (never from request text), so a key always names the tenant its data belongs to.
/// </summary>
public static class GrainKeys
{
    public static string For(Guid tenantId, Guid entityId) => $"{tenantId:N}/{entityId:N}";

    public static bool TryParse(string key, out Guid tenantId, out Guid entityId)
    {
        tenantId = entityId = Guid.Empty;
        var slash = key.IndexOf('/');
        return slash == 32 && key.Length == 65
            && Guid.TryParseExact(key.AsSpan(0, 32), "N", out tenantId)
            && Guid.TryParseExact(key.AsSpan(33), "N", out entityId);
    }

    public static (Guid TenantId, Guid EntityId) Parse(string key) =>
        TryParse(key, out var tenantId, out var entityId) ? (tenantId, entityId) : throw new FormatException($"'{key}' is not a tenant grain key.");

    /// <summary>
    /// A stable id derived from names (RFC 9562 version 8, SHA-256 based): the same inputs always give the same id, so
    /// "the partner of this company in this tenant" or "the event of this study visit" always reaches the same grain,
    /// and a retried creation cannot make a second one.
    /// </summary>
    public static Guid DerivedId(string kind, Guid a, Guid b)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"humas:{kind}:{a:N}:{b:N}"), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>The <see cref="Orleans.Runtime.RequestContext"/> entry naming the tenant a call is made for.</summary>
public static class TenantCallContext
{
    public const string Key = "humas.tenant";
}

/// <summary>Marks grains whose key starts with a tenant id; the silo refuses calls made for another tenant.</summary>
public interface ITenantScopedGrain;

/// <summary>A call reached a tenant-scoped grain for a tenant other than the one in its key (or for none).</summary>
[GenerateSerializer, Alias("humas.TenantMismatchException")]
public sealed class TenantMismatchException : Exception
{
    public TenantMismatchException() { }

    public TenantMismatchException(string message) : base(message) { }
}

/// <summary>Grain references for the tenant a request was resolved to; the only way the API reaches a tenant-scoped grain.</summary>
public sealed class TenantGrains(IGrainFactory grains)
{
    public TGrain Get<TGrain>(Guid tenantId, Guid entityId) where TGrain : IGrainWithStringKey, ITenantScopedGrain
    {
        Orleans.Runtime.RequestContext.Set(TenantCallContext.Key, tenantId);
        return grains.GetGrain<TGrain>(GrainKeys.For(tenantId, entityId));
    }
}

/// <summary>
/// PostgreSQL was restarting or unreachable while a grain worked. Thrown in place of the driver's exception, which
/// cannot cross between silos, so the caller can answer 503 wherever the grain lives.
/// </summary>
[GenerateSerializer, Alias("humas.DatabaseUnavailableException")]
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException() { }

    public DatabaseUnavailableException(string message) : base(message) { }
}

/// <summary>A database statement inside a grain failed for a reason other than an outage (a server error, logged by the caller).</summary>
[GenerateSerializer, Alias("humas.DatabaseStatementException")]
public sealed class DatabaseStatementException : Exception
{
    public DatabaseStatementException() { }

    public DatabaseStatementException(string message) : base(message) { }
}
