using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Dapper;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HumasSaaS.Api.Platform.Accounts;

public sealed record ApiTokenInfo(Guid Id, string Name, TenantRole Role, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>
/// Per-tenant tokens for integrations. The caller sees the secret once; only its SHA-256 is stored.
/// Format: <c>hms_{id:N}_{secret}</c>, so the row is found by id and the secret compared in constant time.
/// </summary>
public sealed class ApiTokens(Db db, CredentialCache cache)
{
    private const string Prefix = "hms_";

    public async Task<(ApiTokenInfo Info, string Token)> CreateAsync(Guid tenantId, string name, TenantRole role, TimeSpan lifetime, Guid createdBy, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var info = await tx.Connection.QuerySingleAsync<TokenRow>(new CommandDefinition(
            """
            INSERT INTO api_tokens (id, tenant_id, name, role, secret_hash, created_by, expires_at)
            VALUES (@id, @tenantId, @name, @role, @hash, @createdBy, now() + @lifetime)
            RETURNING id, name, role, created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt
            """,
            new { id, tenantId, name, role = TenantRoles.ToText(role), hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), createdBy, lifetime },
            tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (info.ToInfo(), $"{Prefix}{id:N}_{secret}");
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(Guid tenantId, CancellationToken ct = default)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var rows = await tx.Connection.QueryAsync<TokenRow>(new CommandDefinition(
            """
            SELECT id, name, role, created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt
            FROM api_tokens WHERE tenant_id = @tenantId ORDER BY created_at DESC
            """, new { tenantId }, tx.Transaction, cancellationToken: ct));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    public async Task<bool> RevokeAsync(Guid tenantId, Guid id, CancellationToken ct = default)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        var revoked = await tx.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }, ct) == 1;
        await tx.CommitAsync(ct);
        cache.ForgetToken(id); // at once on this instance; other instances within CredentialCache.Bound
        return revoked;
    }

    /// <summary>
    /// The token's tenant, role and name when it is valid now; null when unknown, expired or revoked. A verdict is
    /// reused for at most <see cref="CredentialCache.Bound"/>, so revocation elsewhere takes effect within that bound.
    /// </summary>
    public async Task<(Guid Id, Guid TenantId, TenantRole Role, string Name)?> ValidateAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length < Prefix.Length + 34
            || token[Prefix.Length + 32] != '_' || !Guid.TryParseExact(token.AsSpan(Prefix.Length, 32), "N", out var id))
            return null;
        var presented = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token[(Prefix.Length + 33)..]));
        if (cache.FindToken(id, presented) is { } known) return (id, known.TenantId, known.Role, known.Name);

        // The definer function compares the stored SHA-256 with the presented one and touches last_used_at at most once a minute.
        var row = await db.OnPlatformConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<(Guid TenantId, string Name, string Role, DateTime ExpiresAt)?>(
            new CommandDefinition("SELECT tenant_id, name, role, expires_at FROM app_verify_api_token(@id, @presented)", new { id, presented }, cancellationToken: ct)), ct);
        if (row is not { } valid) return null; // refusals are not cached: random ids cannot fill the memory
        var role = TenantRoles.Parse(valid.Role);
        cache.RememberToken(id, presented, new CachedToken(valid.TenantId, role, valid.Name, valid.ExpiresAt));
        return (id, valid.TenantId, role, valid.Name);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record TokenRow(Guid Id, string Name, string Role, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt)
    {
        public ApiTokenInfo ToInfo() => new(Id, Name, TenantRoles.Parse(Role), CreatedAt, ExpiresAt, RevokedAt, LastUsedAt);
    }
}

public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var valid = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (valid is not { } token) return AuthenticateResult.Fail("Token API tidak dikenal, kedaluwarsa, atau dicabut.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "Token API: " + token.Name),
            new Claim(AccountClaims.TokenId, token.Id.ToString()),
            new Claim(AccountClaims.TokenTenantId, token.TenantId.ToString()),
            new Claim(AccountClaims.TokenRole, TenantRoles.ToText(token.Role)),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Http.Problems.WriteAsync(Context, 401, "Perlu masuk", "Token API tidak dikenal, kedaluwarsa, atau dicabut.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Http.Problems.WriteAsync(Context, 403, "Akses ditolak", "Token ini tidak mengizinkan tindakan ini.");
}
