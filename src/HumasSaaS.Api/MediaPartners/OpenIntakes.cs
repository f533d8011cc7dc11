using HumasSaaS.MediaPartners;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.MediaPartners;

public sealed record OpenIntake(string Slug, string TenantName, string Province, string PeriodLabel, DateOnly Closes);

/// <summary>The public directory for media companies: active tenants whose media partner registration is open today.</summary>
public sealed class OpenIntakes(TenantDirectory directory, Db db)
{
    public async Task<IReadOnlyList<OpenIntake>> ListAsync(CancellationToken ct = default)
    {
        var today = IndonesiaDate.Today;
        var result = new List<OpenIntake>();
        foreach (var tenant in (await directory.ListAsync(ct)).Where(t => t.Status == TenantStatus.Active))
        {
            await using var tx = await db.BeginTenantAsync(tenant.Id, ct);
            TenantConfiguration config;
            try { config = await TenantConfiguration.LoadAsync(tx, ct); }
            catch (NotFoundException) { continue; } // a tenant still being set up
            if (MediaPartner.OpenRegistration(config.State, today) is { } period)
                result.Add(new OpenIntake(tenant.Slug, tenant.OfficialName, tenant.Province, period.Label, period.RegistrationCloses));
        }
        return result.OrderBy(i => i.TenantName, StringComparer.Ordinal).ToList();
    }
}
