using System.Collections.Concurrent;
using System.Security.Cryptography;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Platform.Accounts;

public sealed class CredentialCacheOptions
{
    /// <summary>How long a verified token or a checked security stamp is trusted without asking PostgreSQL again.</summary>
    public int Seconds { get; set; } = 5;
}

public sealed record CachedToken(Guid TenantId, TenantRole Role, string Name, DateTime ExpiresAtUtc);

public sealed record CachedUser(Guid SecurityStamp, bool IsPlatformOperator);

/// <summary>
/// Per instance, short-lived: API token verdicts (by id and the SHA-256 of the presented secret) and users'
/// security stamps. Revoking a token or changing a password takes effect at once on the instance that did it and
/// within <see cref="Bound"/> on every other instance. Expired tokens are never served from here.
/// </summary>
public sealed class CredentialCache(Microsoft.Extensions.Options.IOptions<CredentialCacheOptions> options, TimeProvider time)
{
    private const int SweepAbove = 50_000;
    private readonly ConcurrentDictionary<Guid, (byte[] Hash, CachedToken Token, long Until)> tokens = new();
    private readonly ConcurrentDictionary<Guid, (CachedUser User, long Until)> users = new();

    public TimeSpan Bound => TimeSpan.FromSeconds(options.Value.Seconds);

    private long Now => time.GetTimestamp();
    private long Later => Now + (long)(Bound.TotalSeconds * time.TimestampFrequency);

    public CachedToken? FindToken(Guid id, byte[] presentedHash)
    {
        if (!tokens.TryGetValue(id, out var entry)) return null;
        if (entry.Until < Now || entry.Token.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            tokens.TryRemove(id, out _);
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(entry.Hash, presentedHash) ? entry.Token : null;
    }

    public void RememberToken(Guid id, byte[] presentedHash, CachedToken token)
    {
        if (options.Value.Seconds <= 0) return;
        Sweep(tokens, e => e.Until);
        tokens[id] = (presentedHash, token, Later);
    }

    public void ForgetToken(Guid id) => tokens.TryRemove(id, out _);

    public CachedUser? FindUser(Guid id) =>
        users.TryGetValue(id, out var entry) && entry.Until >= Now ? entry.User : null;

    public void RememberUser(Guid id, CachedUser user)
    {
        if (options.Value.Seconds <= 0) return;
        Sweep(users, e => e.Until);
        users[id] = (user, Later);
    }

    public void ForgetUser(Guid id) => users.TryRemove(id, out _);

    private void Sweep<T>(ConcurrentDictionary<Guid, T> map, Func<T, long> until)
    {
        if (map.Count < SweepAbove) return;
        var now = Now;
        foreach (var (key, value) in map)
            if (until(value) < now) map.TryRemove(key, out _);
    }
}
