using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.StudyVisits;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HumasSaaS.Api.Pages.Konsol.Banding;

/// <summary>Another tenant's shared profile as a member of this tenant sees it (platform-shared sections only).</summary>
public sealed class ProfilModel(TenantContext tenant, SharedConfigurations shared) : PageModel
{
    public SharedProfile Profile { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken ct) => Profile = await shared.ForTenantAsync(tenant.TenantId, slug, ct);
}
