using Dapper;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace HumasSaaS.Api.Platform.Accounts;

public sealed record UserAccount(Guid Id, string Email, string DisplayName, bool IsPlatformOperator, Guid SecurityStamp);

public sealed record Membership(Guid TenantId, string Slug, string OfficialName, TenantRole Role);

public enum SignInOutcome { Succeeded, Failed, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, UserAccount? User, DateTime? LockedUntil);

public sealed class LockoutPolicy
{
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>People: platform operators and tenant staff. Passwords hashed with ASP.NET Core Identity's hasher.</summary>
public sealed class UserAccounts(Db db, IPasswordHasher<UserAccount> hasher, Microsoft.Extensions.Options.IOptions<LockoutPolicy> lockout)
{
    // Verified when the email is unknown, so a miss costs the same time as a wrong password.
    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(null!, Guid.NewGuid().ToString());

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static void ValidatePassword(Validator v, string field, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 10)
            v.Add(field, "Kata sandi paling sedikit 10 karakter.");
        else if (password.Length > 200)
            v.Add(field, "Kata sandi paling banyak 200 karakter.");
    }

    public async Task<UserAccount> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string email, string displayName,
        string password, bool isPlatformOperator, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        var account = new UserAccount(id, email.Trim(), displayName.Trim(), isPlatformOperator, Guid.NewGuid());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, email_normalized, display_name, password_hash, is_platform_operator, security_stamp)
            VALUES (@Id, @Email, @normalized, @DisplayName, @hash, @IsPlatformOperator, @SecurityStamp)
            """,
            new { account.Id, account.Email, normalized = Normalize(email), account.DisplayName, hash = hasher.HashPassword(account, password),
                  account.IsPlatformOperator, account.SecurityStamp }, tx, cancellationToken: ct));
        return account;
    }

    public async Task<UserAccount?> FindByEmailAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string email, CancellationToken ct = default) =>
        await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            "SELECT id, email, display_name AS DisplayName, is_platform_operator AS IsPlatformOperator, security_stamp AS SecurityStamp FROM users WHERE email_normalized = @e",
            new { e = Normalize(email) }, tx, cancellationToken: ct));

    public async Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken ct = default)
    {
        return await db.OnPlatformConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            "SELECT id, email, display_name AS DisplayName, is_platform_operator AS IsPlatformOperator, security_stamp AS SecurityStamp FROM users WHERE id = @id",
            new { id }, cancellationToken: ct)), ct);
    }

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct = default)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CredentialRow>(new CommandDefinition(
            """
            SELECT id, email, display_name AS DisplayName, is_platform_operator AS IsPlatformOperator, security_stamp AS SecurityStamp,
                   password_hash AS PasswordHash, lockout_until AS LockoutUntil
            FROM users WHERE email_normalized = @e
            """, new { e = Normalize(email) }, cancellationToken: ct));
        if (row is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInResult(SignInOutcome.Failed, null, null);
        }
        var account = new UserAccount(row.Id, row.Email, row.DisplayName, row.IsPlatformOperator, row.SecurityStamp);
        // The hash is checked even for a locked account, so a locked account costs the same time as any other answer.
        var verdict = hasher.VerifyHashedPassword(account, row.PasswordHash, password);
        if (row.LockoutUntil is { } until && until > DateTime.UtcNow)
            return new SignInResult(SignInOutcome.LockedOut, null, until);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // One atomic statement, so parallel wrong guesses cannot slip past the limit.
            var lockedUntil = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                """
                UPDATE users SET
                    failed_sign_in_count = CASE WHEN failed_sign_in_count + 1 >= @max THEN 0 ELSE failed_sign_in_count + 1 END,
                    lockout_until = CASE WHEN failed_sign_in_count + 1 >= @max THEN now() + @duration ELSE lockout_until END
                WHERE id = @id
                RETURNING CASE WHEN lockout_until > now() THEN lockout_until END
                """, new { id = row.Id, max = lockout.Value.MaxFailedAttempts, duration = lockout.Value.Duration }, cancellationToken: ct));
            return lockedUntil is null
                ? new SignInResult(SignInOutcome.Failed, null, null)
                : new SignInResult(SignInOutcome.LockedOut, null, lockedUntil);
        }
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : null;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_sign_in_count = 0, lockout_until = NULL, password_hash = COALESCE(@rehash, password_hash) WHERE id = @id",
            new { id = row.Id, rehash }, cancellationToken: ct));
        return new SignInResult(SignInOutcome.Succeeded, account, null);
    }

    public async Task<IReadOnlyList<Membership>> MembershipsAsync(Guid userId, CancellationToken ct = default)
    {
        // Crosses tenants, so through the narrow definer function (tenant_memberships is under RLS).
        var rows = await db.OnPlatformConnectionAsync(connection => connection.QueryAsync<(Guid TenantId, string Slug, string OfficialName, string Role)>(new CommandDefinition(
            "SELECT tenant_id, slug, official_name, role FROM app_user_tenants(@userId)", new { userId }, cancellationToken: ct)), ct);
        return rows.Select(r => new Membership(r.TenantId, r.Slug, r.OfficialName, TenantRoles.Parse(r.Role))).ToList();
    }

    public static Task AddMembershipAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid tenantId, Guid userId, TenantRole role, CancellationToken ct = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO tenant_memberships (tenant_id, user_id, role) VALUES (@tenantId, @userId, @role) ON CONFLICT DO NOTHING",
            new { tenantId, userId, role = TenantRoles.ToText(role) }, tx, cancellationToken: ct));

    private sealed record CredentialRow(Guid Id, string Email, string DisplayName, bool IsPlatformOperator, Guid SecurityStamp, string PasswordHash, DateTime? LockoutUntil);
}
