using HumasSaaS.MediaPartners;
using Dapper;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using Npgsql;

namespace HumasSaaS.Api.MediaPartners;

public sealed record MediaCompany(Guid Id, string Name);

/// <summary>The signed-in vendor: a person (users table) acting for the one media company they belong to.</summary>
public sealed record VendorIdentity(Guid UserId, string Email, string DisplayName, MediaCompany Company)
{
    public Actor Actor => new(UserId, $"{DisplayName} ({Company.Name})");
}

/// <summary>
/// Media companies are platform-level organisations with their own vendor accounts in the shared
/// users table; a company membership (not a tenant membership) says which company a vendor acts for.
/// </summary>
public sealed class MediaCompanies(Db db, UserAccounts accounts)
{
    public async Task<(UserAccount User, MediaCompany Company)> SignUpAsync(VendorSignUpRequest request, CancellationToken ct)
    {
        var v = new Validator().Email("email", request.Email)
            .Text("displayName", "Nama Anda", request.DisplayName, 150, 2)
            .Text("companyName", "Nama perusahaan", request.CompanyName, 200, 3);
        UserAccounts.ValidatePassword(v, "password", request.Password);
        v.ThrowIfInvalid();

        await using var connection = await db.OpenPlatformAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await accounts.FindByEmailAsync(connection, tx, request.Email, ct) is not null)
            throw new DomainRuleException("Email sudah terdaftar", "Email ini sudah terdaftar. Silakan masuk dengan akun tersebut.", 409);
        UserAccount user;
        try
        {
            user = await accounts.CreateAsync(connection, tx, request.Email, request.DisplayName, request.Password, false, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DomainRuleException("Email sudah terdaftar", "Email ini sudah terdaftar. Silakan masuk dengan akun tersebut.", 409);
        }
        var company = new MediaCompany(Guid.CreateVersion7(), request.CompanyName.Trim());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO media_companies (id, name, created_by) VALUES (@Id, @Name, @userId);
            INSERT INTO media_company_users (company_id, user_id) VALUES (@Id, @userId);
            """, new { company.Id, company.Name, userId = user.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (user, company);
    }

    /// <summary>The vendor behind this request, or a 401/403 problem. API tokens (tenant staff) are never vendors.</summary>
    public async Task<VendorIdentity> RequireVendorAsync(HttpContext http, CancellationToken ct)
    {
        if (http.User.Identity?.IsAuthenticated != true)
            throw new DomainRuleException("Perlu masuk", "Silakan masuk dengan akun perusahaan media terlebih dahulu.", 401);
        if (http.User.FindFirst(AccountClaims.TokenId) is not null || http.User.UserId() is not { } userId)
            throw new DomainRuleException("Akses ditolak", "Portal vendor hanya untuk akun perusahaan media.", 403);
        return await FindVendorAsync(userId, ct)
               ?? throw new DomainRuleException("Akses ditolak", "Akun ini bukan akun perusahaan media.", 403);
    }

    public async Task<VendorIdentity?> FindVendorAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid CompanyId, string CompanyName, string Email, string DisplayName)>(new CommandDefinition(
            """
            SELECT c.id, c.name, u.email, u.display_name
            FROM media_company_users m JOIN media_companies c ON c.id = m.company_id JOIN users u ON u.id = m.user_id
            WHERE m.user_id = @userId
            """, new { userId }, cancellationToken: ct));
        return row.CompanyId == Guid.Empty ? null : new VendorIdentity(userId, row.Email, row.DisplayName, new MediaCompany(row.CompanyId, row.CompanyName));
    }

    public async Task<IReadOnlyList<VendorApplication>> ApplicationsAsync(Guid companyId, CancellationToken ct)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        return (await connection.QueryAsync<(string Slug, string Name, Guid PartnerId)>(new CommandDefinition(
            """
            SELECT t.slug, t.official_name, a.partner_id FROM media_company_applications a JOIN tenants t ON t.id = a.applied_tenant_id
            WHERE a.company_id = @companyId AND t.status = 'active' ORDER BY t.official_name
            """, new { companyId }, cancellationToken: ct))).Select(r => new VendorApplication(r.Slug, r.Name, r.PartnerId)).ToList();
    }
}
