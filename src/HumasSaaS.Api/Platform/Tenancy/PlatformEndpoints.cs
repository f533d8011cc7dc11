using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.Platform.Tenancy;

public sealed record TenantResponse(Guid Id, string Slug, string OfficialName, TenantKind Kind, string Province, string OfficeUnitName, TenantStatus Status, DateTime CreatedAt)
{
    public static TenantResponse From(Tenant t) => new(t.Id, t.Slug, t.OfficialName, t.Kind, t.Province, t.OfficeUnitName, t.Status, t.CreatedAt);
}

/// <summary>Platform operators run the tenant directory: list, onboard, suspend, reactivate.</summary>
public static class PlatformEndpoints
{
    public static void MapPlatform(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/platform/tenants").WithTags("Platform: direktori instansi")
            .RequireAuthorization(AuthSchemes.PlatformOperatorPolicy);

        group.MapGet("", async (TenantDirectory directory, CancellationToken ct) =>
                TypedResults.Ok((await directory.ListAsync(ct)).Select(TenantResponse.From)))
            .WithName("ListTenants").WithSummary("Semua instansi di platform");

        group.MapPost("", async (OnboardTenantRequest request, TenantOnboarding onboarding, HttpContext http, CancellationToken ct) =>
            {
                var tenant = await onboarding.OnboardAsync(request, http.User.UserId(), ct);
                return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Slug}", TenantResponse.From(tenant));
            })
            .WithName("OnboardTenant").WithSummary("Daftarkan instansi baru beserta admin pertamanya")
            .ProducesValidationProblem().ProducesProblem(409);

        group.MapPost("/{slug}/suspend", (string slug, TenantDirectory directory, CancellationToken ct) =>
                SetStatus(slug, TenantStatus.Suspended, directory, ct))
            .WithName("SuspendTenant").WithSummary("Bekukan instansi: semua aksesnya menjadi 404").Produces<TenantResponse>();

        group.MapPost("/{slug}/activate", (string slug, TenantDirectory directory, CancellationToken ct) =>
                SetStatus(slug, TenantStatus.Active, directory, ct))
            .WithName("ActivateTenant").WithSummary("Aktifkan kembali instansi").Produces<TenantResponse>();
    }

    private static async Task<IResult> SetStatus(string slug, TenantStatus status, TenantDirectory directory, CancellationToken ct)
    {
        if (!await directory.SetStatusAsync(slug, status, ct)) throw new NotFoundException("Instansi tidak ditemukan.");
        return TypedResults.Ok(TenantResponse.From((await directory.FindBySlugAsync(slug, ct))!));
    }
}
