using HumasSaaS.MediaPartners;

namespace HumasSaaS.Api.MediaPartners;

/// <summary>
/// How the API and the pages reach media partner grains: the grain key comes from the resolved tenant and a parsed id
/// (or the company, for a vendor), never from request text.
/// </summary>
public sealed class MediaPartnerGrains(TenantGrains grains, Db db)
{
    /// <summary>A company has one partnership per tenant: its id is derived from both, so a retried application reaches the same grain.</summary>
    public static Guid IdFor(Guid tenantId, Guid companyId) => GrainKeys.DerivedId("media-partner", tenantId, companyId);

    public IMediaPartnerGrain Grain(Guid tenantId, Guid partnerId)
    {
        RequestConnection.Current?.ReturnWhileWaiting();
        return grains.Get<IMediaPartnerGrain>(tenantId, partnerId);
    }

    public async Task<TenantConfigurationState> ConfigurationAsync(Guid tenantId, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenantId, ct);
        return (await TenantConfigurationReader.LoadAsync(tx, ct)).State;
    }

    public static MediaPartner ToPartner(PartnerSnapshot s) => new(s.Id, s.State, s.Version, s.Documents);

    public async Task<MediaPartner?> FindAsync(Guid tenantId, Guid partnerId) =>
        await Grain(tenantId, partnerId).Get() is { } snapshot ? ToPartner(snapshot) : null;

    public async Task<MediaPartner> RequireAsync(Guid tenantId, Guid partnerId) =>
        await FindAsync(tenantId, partnerId) ?? throw new NotFoundException("Media mitra tidak ditemukan.");

    /// <summary>The company's partnership in this tenant, or null when it has not applied here.</summary>
    public async Task<MediaPartner?> FindByCompanyAsync(Guid tenantId, Guid companyId, CancellationToken ct)
    {
        // Partners made before grains owned them have ids of their own; the table knows them.
        Guid? listed;
        await using (var tx = await db.BeginTenantAsync(tenantId, ct))
            listed = await tx.ExecuteScalarAsync<Guid?>("SELECT id FROM media_partners WHERE company_id = @companyId", new { companyId }, ct);
        return await FindAsync(tenantId, listed ?? IdFor(tenantId, companyId));
    }

    public async Task<MediaPartner> RequireByCompanyAsync(Guid tenantId, Guid companyId, CancellationToken ct) =>
        await FindByCompanyAsync(tenantId, companyId, ct)
        ?? throw new NotFoundException("Perusahaan Anda belum mendaftar sebagai media mitra di instansi ini.");

    /// <summary>A company applies to this tenant (only while a registration period is open).</summary>
    public async Task<MediaPartner> ApplyAsync(Guid tenantId, VendorIdentity vendor, MediaPartnerProfile profile, CancellationToken ct)
    {
        if (await FindByCompanyAsync(tenantId, vendor.Company.Id, ct) is not null)
            throw new DomainRuleException("Sudah terdaftar", "Perusahaan Anda sudah mendaftar di instansi ini.", 409);
        var id = IdFor(tenantId, vendor.Company.Id);
        return ToPartner(await Grain(tenantId, id).Apply(vendor.Company.Id, vendor.Company.Name, profile, IndonesiaDate.Today, vendor.Actor));
    }
}
