using System.Text.Json;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.Configuration;

public sealed record ConfigurationResponse(int Version, TenantConfigurationState Configuration);

public sealed record ReplaceSectionRequest(int Version, JsonElement Value, string? Note = null);

public static class ConfigurationEndpoints
{
    public static void MapConfiguration(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/configuration").WithTags("Konfigurasi instansi");

        group.MapGet("", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var configuration = await TenantConfiguration.LoadAsync(tx, ct);
            return TypedResults.Ok(new ConfigurationResponse(configuration.Version, configuration.State));
        }).RequireTenant().WithName("GetConfiguration").WithSummary("Konfigurasi instansi saat ini, per bagian");

        group.MapGet("/history", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(await TenantConfiguration.HistoryAsync(tx, ct));
        }).RequireTenant().WithName("GetConfigurationHistory").WithSummary("Riwayat versi: penulis, catatan, asal adopsi");

        group.MapGet("/versions/{version:int}", async (int version, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var state = await TenantConfiguration.VersionAsync(tx, version, ct) ?? throw new NotFoundException($"Versi {version} tidak ada.");
            return TypedResults.Ok(new ConfigurationResponse(version, state));
        }).RequireTenant().WithName("GetConfigurationVersion").WithSummary("Konfigurasi pada satu versi");

        group.MapPut("/sections/{section}", async (string section, ReplaceSectionRequest request, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var configuration = await TenantConfiguration.LoadAsync(tx, ct);
            configuration.ReplaceSection(section, request.Value);
            await configuration.SaveAsync(tx, request.Version, tenant.RequiredActor, request.Note, null, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(new ConfigurationResponse(configuration.Version, configuration.State));
        }).RequireTenant(TenantRole.TenantAdmin).WithName("ReplaceConfigurationSection")
          .WithSummary("Ganti satu bagian konfigurasi; membuat versi baru (409 bila versi sudah berubah)")
          .ProducesValidationProblem().ProducesProblem(409);
    }
}
