using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Tenants;

public sealed record TenantProfileState(
    string DisplayName,
    string OfficeUnitName,
    string? HeadOfOffice,
    string? Address,
    string? Email,
    string? Phone,
    string? Website,
    string? LegalBasis,
    IReadOnlyList<string> Links);

/// <summary>What a tenant admin may change about the office; the whole profile is replaced at once.</summary>
public sealed record TenantProfileChange(
    string DisplayName,
    string OfficeUnitName,
    string? HeadOfOffice,
    string? Address,
    string? Email,
    string? Phone,
    string? Website,
    string? LegalBasis,
    IReadOnlyList<string>? Links);

public sealed record UpdateTenantProfileRequest(int Version, TenantProfileChange Profile);

public sealed record TenantProfileResponse(int Version, TenantProfileState Profile);

/// <summary>The tenant's own profile: the first entity, and the model for every entity after it.</summary>
public sealed class TenantProfile
{
    public const string EntityType = "tenant_profile";
    public const int MaxLinks = 20;
    public static readonly EntityStore<TenantProfileState> Store = new("tenant_profiles", EntityType);

    private TenantProfile(Guid tenantId, TenantProfileState state, int version)
    {
        TenantId = tenantId;
        State = state;
        Version = version;
    }

    public Guid TenantId { get; }
    public TenantProfileState State { get; private set; }
    public int Version { get; private set; }

    public static TenantProfileState Initial(Tenant tenant) =>
        new(tenant.OfficialName, tenant.OfficeUnitName, null, null, null, null, null, null, []);

    public static async Task<TenantProfile> LoadAsync(TenantTransaction tx, CancellationToken ct)
    {
        var stored = await Store.LoadAsync(tx, tx.TenantId, ct: ct) ?? throw new NotFoundException("Profil instansi belum ada.");
        return new TenantProfile(tx.TenantId, stored.State, stored.Version);
    }

    public static Task CreateAsync(TenantTransaction tx, Tenant tenant, Guid? actor, CancellationToken ct) =>
        Store.InsertAsync(tx, tenant.Id, Initial(tenant), actor, ct);

    public void Change(TenantProfileChange change)
    {
        var v = new Validator()
            .Text("profile.displayName", "Nama tampilan", change.DisplayName, 200, 3)
            .Text("profile.officeUnitName", "Nama unit kerja", change.OfficeUnitName, 200, 3)
            .Text("profile.headOfOffice", "Nama kepala unit", change.HeadOfOffice, 150, required: false)
            .Text("profile.address", "Alamat", change.Address, 500, required: false)
            .Email("profile.email", change.Email, required: false)
            .Text("profile.phone", "Telepon", change.Phone, 30, required: false)
            .HttpUrl("profile.website", "Situs web", change.Website)
            .Text("profile.legalBasis", "Dasar hukum", change.LegalBasis, 300, required: false)
            .Count("profile.links", "Tautan", change.Links, MaxLinks);
        var links = change.Links ?? [];
        for (var i = 0; i < links.Count; i++) v.HttpUrl($"profile.links[{i}]", "Tautan", links[i], required: true);
        v.ThrowIfInvalid();

        State = new TenantProfileState(change.DisplayName.Trim(), change.OfficeUnitName.Trim(), Clean(change.HeadOfOffice), Clean(change.Address),
            Clean(change.Email), Clean(change.Phone), Clean(change.Website), Clean(change.LegalBasis),
            links.Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList());
    }

    public async Task SaveAsync(TenantTransaction tx, int expectedVersion, Actor actor, CancellationToken ct)
    {
        var saved = await Store.SaveAsync(tx, TenantId, State, expectedVersion, actor.UserId, ct);
        Version = saved.Version;
        await AuditLog.WriteAsync(tx, EntityType, TenantId, "profile_changed", actor, data: new { version = Version }, ct: ct);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class TenantProfileEndpoints
{
    public static void MapTenantProfile(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/profile").WithTags("Profil instansi");

        group.MapGet("", async (TenantContext tenant, Db db, HttpContext http, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var profile = await TenantProfile.LoadAsync(tx, ct);
            http.Response.Headers.ETag = $"\"{profile.Version}\"";
            return TypedResults.Ok(new TenantProfileResponse(profile.Version, profile.State));
        }).RequireTenant().WithName("GetTenantProfile").WithSummary("Profil instansi (unit humas) beserta versinya");

        group.MapPut("", async (UpdateTenantProfileRequest request, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var profile = await TenantProfile.LoadAsync(tx, ct);
            profile.Change(request.Profile);
            await profile.SaveAsync(tx, request.Version, tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(new TenantProfileResponse(profile.Version, profile.State));
        }).RequireTenant(TenantRole.TenantAdmin).WithName("UpdateTenantProfile")
          .WithSummary("Ubah profil instansi; gagal 409 bila versi sudah berubah")
          .ProducesProblem(409).ProducesValidationProblem();
    }
}
