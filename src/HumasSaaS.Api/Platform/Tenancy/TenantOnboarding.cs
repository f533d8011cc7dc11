using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Tenants;
using Npgsql;

namespace HumasSaaS.Api.Platform.Tenancy;

public sealed record TenantAdminSeed(string Email, string DisplayName, string Password);

public sealed record OnboardTenantRequest(
    string Slug, string OfficialName, TenantKind Kind, string Province, string OfficeUnitName, TenantAdminSeed? Admin);

/// <summary>Creates a tenant with its profile entity and first admin in one transaction.</summary>
public sealed class TenantOnboarding(Db db, UserAccounts accounts)
{
    public static void Validate(OnboardTenantRequest request)
    {
        var v = new Validator()
            .Text("slug", "Slug", request.Slug, 50, 3)
            .Pattern("slug", "Slug", request.Slug, Validator.SlugPattern, "huruf kecil, angka dan tanda hubung, 3–50 karakter")
            .Text("officialName", "Nama resmi", request.OfficialName, 200, 3)
            .Text("province", "Provinsi", request.Province, 100, 3)
            .Text("officeUnitName", "Nama unit kerja", request.OfficeUnitName, 200, 3);
        if (!Enum.IsDefined(request.Kind)) v.Add("kind", "Jenis instansi harus kabupaten, kota atau provinsi.");
        if (request.Admin is { } admin)
        {
            v.Email("admin.email", admin.Email).Text("admin.displayName", "Nama admin", admin.DisplayName, 150);
            UserAccounts.ValidatePassword(v, "admin.password", admin.Password);
        }
        v.ThrowIfInvalid();
    }

    public async Task<Tenant> OnboardAsync(OnboardTenantRequest request, Guid? actor, CancellationToken ct = default)
    {
        Validate(request);
        var tenant = new Tenant(Guid.CreateVersion7(), request.Slug, request.OfficialName.Trim(), request.Kind, request.Province.Trim(),
            request.OfficeUnitName.Trim(), TenantStatus.Active, DateTime.UtcNow);
        await using var tx = await db.BeginTenantAsync(tenant.Id, ct);
        try
        {
            await TenantDirectory.InsertAsync(tx.Connection, tx.Transaction, tenant, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DomainRuleException("Slug sudah dipakai", $"Slug '{request.Slug}' sudah dipakai instansi lain.");
        }
        await TenantProfile.CreateAsync(tx, tenant, actor, ct);
        await TenantConfiguration.EnsureCreatedAsync(tx, tenant.OfficeUnitName, new Actor(actor, "Sistem (pendaftaran instansi)"), ct);
        if (request.Admin is { } admin)
        {
            var user = await accounts.FindByEmailAsync(tx.Connection, tx.Transaction, admin.Email, ct)
                       ?? await accounts.CreateAsync(tx.Connection, tx.Transaction, admin.Email, admin.DisplayName, admin.Password, false, ct);
            await UserAccounts.AddMembershipAsync(tx.Connection, tx.Transaction, tenant.Id, user.Id, TenantRole.TenantAdmin, ct);
        }
        await tx.CommitAsync(ct);
        return tenant;
    }
}
