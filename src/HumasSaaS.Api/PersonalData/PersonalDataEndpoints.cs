using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumasSaaS.Api.PersonalData;

/// <summary>Retention settings, the retention pass on demand, and the register of data subjects' requests (tenant admins only).</summary>
public static class PersonalDataEndpoints
{
    public static IServiceCollection AddPersonalData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RetentionJobOptions>().BindConfiguration("PersonalData:Retention");
        services.AddSingleton<RetentionSettings>();
        services.AddSingleton<ParticipantData>();
        services.AddSingleton<JournalistData>();
        services.AddSingleton<PersonalDataRequests>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }

    public static void MapPersonalData(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/personal-data").WithTags("Data pribadi (UU 27/2022)").RequireTenant(TenantRole.TenantAdmin);
        g.MapGet("/retention", ListRetentionAsync).WithName("ListRetentionSettings")
            .WithSummary("Masa retensi per jenis data pribadi, dengan bawaan dan dasar hukumnya");
        g.MapPut("/retention/{kind}", SetRetentionAsync).WithName("SetRetention")
            .WithSummary("Ubah masa retensi satu jenis data (participant_contacts, journalist_identity, rejected_applications)")
            .ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/retention/run", RunRetentionAsync).WithName("RunRetention")
            .WithSummary("Jalankan penghapusan data yang melewati masa retensi sekarang (biasanya berjalan otomatis)").ProducesProblem(409);
        g.MapGet("/requests", ListRequestsAsync).WithName("ListPersonalDataRequests").WithSummary("Register permintaan subjek data");
        g.MapPost("/requests", RecordRequestAsync).WithName("RecordPersonalDataRequest")
            .WithSummary("Catat permintaan penghapusan atau salinan data dari wartawan atau peserta").ProducesValidationProblem().ProducesProblem(404);
        g.MapGet("/requests/{id:guid}", GetRequestAsync).WithName("GetPersonalDataRequest").WithSummary("Satu permintaan subjek data").ProducesProblem(404);
        g.MapPost("/requests/{id:guid}/decision", DecideRequestAsync).WithName("DecidePersonalDataRequest")
            .WithSummary("Putuskan permintaan (selesai atau ditolak) dengan dasar hukumnya; penghapusan dijalankan saat selesai")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/requests/{id:guid}/export", ExportAsync).WithName("ExportPersonalData")
            .WithSummary("Salinan data pribadi subjek untuk permintaan salinan data (JSON)").ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<IReadOnlyList<RetentionSetting>>> ListRetentionAsync(TenantContext tenant, RetentionSettings settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.ListAsync(tenant.TenantId, ct));

    private static async Task<Ok<RetentionSetting>> SetRetentionAsync(string kind, SetRetentionRequest request, TenantContext tenant,
        RetentionSettings settings, CancellationToken ct)
    {
        var known = RetentionPolicy.Defaults.FirstOrDefault(d => RetentionPolicy.Text(d.Kind) == kind)
            ?? throw new NotFoundException("Jenis data pribadi tidak dikenal.");
        return TypedResults.Ok(await settings.SetAsync(tenant.TenantId, known.Kind, request.RetentionDays, tenant.RequiredActor, ct));
    }

    private static async Task<Ok<RetentionRun>> RunRetentionAsync(TenantContext tenant, RetentionJob job, CancellationToken ct) =>
        TypedResults.Ok(await job.RunForTenantAsync(tenant.TenantId, ct)
            ?? throw new DomainRuleException("Sedang berjalan", "Penghapusan data untuk instansi ini sedang dijalankan. Coba lagi sebentar lagi."));

    private static async Task<Ok<IReadOnlyList<PersonalDataRequest>>> ListRequestsAsync(TenantContext tenant, PersonalDataRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.ListAsync(tenant.TenantId, ct));

    private static async Task<Created<PersonalDataRequest>> RecordRequestAsync(RecordRequest request, TenantContext tenant, PersonalDataRequests requests,
        CancellationToken ct)
    {
        var created = await requests.RecordAsync(tenant.TenantId, request, tenant.RequiredActor, ct);
        return TypedResults.Created($"/api/v1/personal-data/requests/{created.Id}", created);
    }

    private static async Task<Ok<PersonalDataRequest>> GetRequestAsync(Guid id, TenantContext tenant, PersonalDataRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.GetAsync(tenant.TenantId, id, ct));

    private static async Task<Ok<PersonalDataRequest>> DecideRequestAsync(Guid id, DecideRequest decision, TenantContext tenant, PersonalDataRequests requests,
        CancellationToken ct) =>
        TypedResults.Ok(await requests.DecideAsync(tenant.TenantId, id, decision, tenant.RequiredActor, ct));

    private static async Task<Ok<object>> ExportAsync(Guid id, TenantContext tenant, PersonalDataRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.ExportAsync(tenant.TenantId, id, tenant.RequiredActor, ct));
}
