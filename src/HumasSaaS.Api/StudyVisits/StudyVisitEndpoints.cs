using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Events;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;

namespace HumasSaaS.Api.StudyVisits;

public sealed record ConfigurationDiffResponse(int From, int To, ConfigurationDiffResult Diff);

public sealed record SharingResponse(IReadOnlyList<SectionSharing> Sections);

public sealed record SetSharingRequest(string Scope);

public sealed record CreateShareLinkRequest(string Label, int ValidDays = 14);

public sealed record OutgoingVisitRequest(string HostTenant, VisitRequestInput Request);

public sealed record VisitCreated(Guid Id, string Status, string Reference);

/// <param name="Venue">Where the event takes place; defaults to the host office.</param>
public sealed record AcceptVisitRequest(int Version, DateOnly ScheduledStart, DateOnly ScheduledEnd, string? Note = null, string? Venue = null);

public sealed record DeclineVisitRequest(int Version, string Reason);

public sealed record VisitOutcomeRequest(int Version, string Takeaways, IReadOnlyList<string>? Topics = null, string? FollowUps = null);

/// <summary>A visit as one tenant sees it: Direction is "incoming" for the host, "outgoing" for the visiting tenant.</summary>
public sealed record VisitResponse(Guid Id, int Version, string Direction, StudyVisitState Visit);

public static class StudyVisitEndpoints
{
    public static IServiceCollection AddStudyVisits(this IServiceCollection services)
    {
        services.AddSingleton<IPartnerStatisticsSource, MediaPartnerStatistics>();
        services.AddSingleton<SharedConfigurations>();
        services.AddSingleton<ConfigurationAdoption>();
        return services;
    }

    public static void MapStudyVisits(this RouteGroupBuilder api)
    {
        MapConfigurationExtras(api.MapGroup("/configuration").WithTags("Konfigurasi instansi"));
        MapShared(api);
        MapVisits(api);
    }

    private static void MapConfigurationExtras(RouteGroupBuilder group)
    {
        group.MapGet("/diff", async (int from, int to, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var a = await TenantConfiguration.VersionAsync(tx, from, ct) ?? throw new NotFoundException($"Versi {from} tidak ada.");
            var b = await TenantConfiguration.VersionAsync(tx, to, ct) ?? throw new NotFoundException($"Versi {to} tidak ada.");
            return TypedResults.Ok(new ConfigurationDiffResponse(from, to, ConfigurationDiff.Compare(a, b)));
        }).RequireTenant().WithName("DiffConfigurationVersions")
          .WithSummary("Perbedaan terstruktur antara dua versi konfigurasi sendiri (here = from, there = to)");

        group.MapGet("/sharing", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(new SharingResponse(await ConfigurationSharing.GetAsync(tx, ct)));
        }).RequireTenant().WithName("GetConfigurationSharing").WithSummary("Pengaturan berbagi per bagian (private, link, platform)");

        group.MapPut("/sharing/{section}", async (string section, SetSharingRequest request, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            var scope = ConfigurationSharing.ParseScope(request.Scope);
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            await ConfigurationSharing.SetAsync(tx, section, scope, tenant.RequiredActor, ct);
            var result = await ConfigurationSharing.GetAsync(tx, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(new SharingResponse(result));
        }).RequireTenant(TenantRole.TenantAdmin).WithName("SetConfigurationSharing")
          .WithSummary("Atur siapa yang boleh melihat satu bagian; tidak membuat versi konfigurasi baru").ProducesValidationProblem();

        group.MapGet("/share-links", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(await ConfigurationSharing.ListLinksAsync(tx, ct));
        }).RequireTenant(TenantRole.TenantAdmin).WithName("ListShareLinks").WithSummary("Tautan berbagi (tanpa tokennya)");

        group.MapPost("/share-links", async (CreateShareLinkRequest request, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var link = await ConfigurationSharing.CreateLinkAsync(tx, request.Label, request.ValidDays, tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created(link.Path, link);
        }).RequireTenant(TenantRole.TenantAdmin).WithName("CreateShareLink")
          .WithSummary("Buat tautan baca-saja yang kedaluwarsa; token hanya ditampilkan sekali").ProducesValidationProblem();

        group.MapPost("/share-links/{id:guid}/revoke", async (Guid id, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            await ConfigurationSharing.RevokeLinkAsync(tx, id, tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
            return TypedResults.NoContent();
        }).RequireTenant(TenantRole.TenantAdmin).WithName("RevokeShareLink").WithSummary("Cabut tautan berbagi");

        group.MapGet("/compare", async (string tenants, TenantContext tenant, SharedConfigurations shared, CancellationToken ct) =>
            TypedResults.Ok(await CompareAsync(tenants, tenant, shared, ct)))
          .RequireTenant().WithName("CompareConfigurations")
          .WithSummary("Bandingkan 2–5 instansi (slug dipisah koma; instansi sendiri dan yang membagikan): berdampingan + diff terstruktur");

        group.MapGet("/compare.csv", async (string tenants, TenantContext tenant, SharedConfigurations shared, CancellationToken ct) =>
        {
            var comparison = await CompareAsync(tenants, tenant, shared, ct);
            return TypedResults.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(ConfigurationComparison.ToCsv(comparison))).ToArray(),
                "text/csv; charset=utf-8", "perbandingan-konfigurasi.csv");
        }).RequireTenant().WithName("CompareConfigurationsCsv").WithSummary("Perbandingan yang sama sebagai CSV").Produces(200, contentType: "text/csv");

        group.MapPost("/adopt", async (AdoptRequest request, TenantContext tenant, ConfigurationAdoption adoption, CancellationToken ct) =>
        {
            var configuration = await adoption.AdoptAsync(tenant.TenantId, tenant.RequiredActor, request, ct);
            return TypedResults.Ok(new ConfigurationResponse(configuration.Version, configuration.State));
        }).RequireTenant(TenantRole.TenantAdmin).WithName("AdoptConfigurationItems")
          .WithSummary("Adopsi butir dari konfigurasi yang dibagikan instansi lain: versi baru dengan asal-usul (409 bila versi berubah)")
          .ProducesValidationProblem().ProducesProblem(409);
    }

    public static async Task<Comparison> CompareAsync(string tenants, TenantContext tenant, SharedConfigurations shared, CancellationToken ct)
    {
        var slugs = tenants.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (slugs.Count is < 2 or > 5)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["tenants"] = ["Pilih 2 sampai 5 instansi untuk dibandingkan."] });
        var profiles = new List<SharedProfile>();
        foreach (var slug in slugs) profiles.Add(await shared.ForTenantAsync(tenant.TenantId, slug, ct));
        return ConfigurationComparison.Build(profiles);
    }

    private static void MapShared(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/shared-configurations").WithTags("Studi banding");
        group.MapGet("", async (TenantContext tenant, SharedConfigurations shared, CancellationToken ct) =>
            TypedResults.Ok(await shared.ListAsync(tenant.TenantId, ct)))
          .RequireTenant().WithName("ListSharedConfigurations").WithSummary("Instansi yang membagikan konfigurasinya ke platform");

        group.MapGet("/{slug}", async (string slug, TenantContext tenant, SharedConfigurations shared, CancellationToken ct) =>
            TypedResults.Ok(await shared.ForTenantAsync(tenant.TenantId, slug, ct)))
          .RequireTenant().WithName("GetSharedConfiguration").WithSummary("Profil bersama satu instansi: hanya bagian yang dibagikan");

        // Public: a share link needs no account and no tenant membership; the token is the only credential.
        api.MapGet("/shared-links/{token}", async (string token, SharedConfigurations shared, CancellationToken ct) =>
            await shared.ForLinkAsync(token, ct) is { } profile ? Results.Ok(profile) : throw new NotFoundException("Tautan tidak berlaku, kedaluwarsa, atau telah dicabut."))
          .AllowAnonymousByDesign("the share link token is the credential").WithTags("Studi banding").WithName("GetSharedLinkProfile")
          .WithSummary("Profil baca-saja lewat tautan berbagi (tanpa akun)").Produces<SharedProfile>().ProducesProblem(404);
    }

    private static void MapVisits(RouteGroupBuilder api)
    {
        api.MapPost("/visit-requests", async (VisitRequestInput request, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            var visit = await StudyVisit.RequestAsync(tx, tenant.RequiredTenant.OfficialName, request, null, null,
                new Actor(null, "Formulir publik: " + request.ContactName), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created((string?)null, new VisitCreated(visit.Id, "requested", Reference(visit.Id)));
        }).RequireTenantPublic().RequirePublicFormLimit("visit_request").AllowAnonymous().WithTags("Studi banding").WithName("SubmitPublicVisitRequest")
          .WithSummary("Formulir publik permohonan kunjungan studi banding ke instansi ini").ProducesValidationProblem();

        var group = api.MapGroup("/study-visits").WithTags("Studi banding");
        group.MapPost("/outgoing", async (OutgoingVisitRequest request, TenantContext tenant, TenantDirectory directory, Db db, CancellationToken ct) =>
        {
            var host = await directory.FindBySlugAsync(request.HostTenant, ct);
            if (host is not { Status: TenantStatus.Active })
                throw new RequestValidationException(new Dictionary<string, string[]> { ["hostTenant"] = ["Instansi tujuan tidak ditemukan."] });
            await using var tx = await db.BeginTenantAsync(host.Id, ct);
            var visit = await StudyVisit.RequestAsync(tx, host.OfficialName, request.Request, tenant.TenantId, tenant.RequiredTenant.OfficialName,
                tenant.RequiredActor, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/study-visits/{visit.Id}", new VisitCreated(visit.Id, "requested", Reference(visit.Id)));
        }).RequireTenant(TenantRole.TenantAdmin, TenantRole.ProtocolOfficer).WithName("RequestOutgoingVisit")
          .WithSummary("Ajukan kunjungan ke instansi lain di platform; catatan terlihat oleh kedua instansi").ProducesValidationProblem();

        group.MapGet("", async (TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok((await StudyVisit.ListAsync(tx, null, ct)).Select(v => ToResponse(v, tenant.TenantId)).ToList());
        }).RequireTenant().WithName("ListStudyVisits").WithSummary("Kunjungan masuk (tuan rumah) dan keluar (tamu)");

        group.MapGet("/{id:guid}", async (Guid id, TenantContext tenant, Db db, CancellationToken ct) =>
        {
            await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
            return TypedResults.Ok(ToResponse(await StudyVisit.LoadAsync(tx, id, ct), tenant.TenantId));
        }).RequireTenant().WithName("GetStudyVisit").WithSummary("Satu catatan kunjungan");

        group.MapPost("/{id:guid}/accept", (Guid id, AcceptVisitRequest r, TenantContext tenant, Db db, EventService events, CancellationToken ct) =>
            ChangeAsync(id, r.Version, "visit_accepted", (tx, v) => StudyVisitScheduling.AcceptAsync(tx, v, r.Version, r.ScheduledStart, r.ScheduledEnd, r.Note, r.Venue, tenant.RequiredActor, events, ct), tenant, db, ct))
          .RequireTenant(TenantRole.TenantAdmin, TenantRole.ProtocolOfficer).WithName("AcceptStudyVisit")
          .WithSummary("Terima dan jadwalkan sebagai acara bertipe studi banding (delegasi diundang sebagai peserta)").Produces<VisitResponse>().ProducesProblem(409);

        group.MapPost("/{id:guid}/decline", (Guid id, DeclineVisitRequest r, TenantContext tenant, Db db, CancellationToken ct) =>
            ChangeAsync(id, r.Version, "visit_declined", Sync(v => v.Decline(r.Reason)), tenant, db, ct))
          .RequireTenant(TenantRole.TenantAdmin, TenantRole.ProtocolOfficer).WithName("DeclineStudyVisit").WithSummary("Tolak permohonan kunjungan").Produces<VisitResponse>();

        group.MapPost("/{id:guid}/outcome", (Guid id, VisitOutcomeRequest r, TenantContext tenant, Db db, CancellationToken ct) =>
            ChangeAsync(id, r.Version, "visit_outcome_recorded", Sync(v => v.RecordOutcome(r.Topics ?? [], r.Takeaways, r.FollowUps, tenant.RequiredActor)), tenant, db, ct))
          .RequireTenant(TenantRole.TenantAdmin, TenantRole.ProtocolOfficer).WithName("RecordStudyVisitOutcome")
          .WithSummary("Catat hasil kunjungan: topik, pembelajaran, tindak lanjut").Produces<VisitResponse>();
    }

    private static Func<TenantTransaction, StudyVisit, Task> Sync(Action<StudyVisit> change) => (_, v) =>
    {
        change(v);
        return Task.CompletedTask;
    };

    private static async Task<IResult> ChangeAsync(Guid id, int version, string action, Func<TenantTransaction, StudyVisit, Task> change, TenantContext tenant, Db db, CancellationToken ct)
    {
        await using var tx = await db.BeginTenantAsync(tenant.TenantId, ct);
        var visit = await StudyVisit.LoadAsync(tx, id, ct);
        if (!visit.IsHost(tenant.TenantId))
            throw new DomainRuleException("Akses ditolak", "Hanya instansi tuan rumah yang dapat mengubah catatan kunjungan.", 403);
        await change(tx, visit);
        await visit.SaveAsync(tx, version, tenant.RequiredActor, action, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ToResponse(visit, tenant.TenantId));
    }

    public static VisitResponse ToResponse(StudyVisit visit, Guid tenantId) =>
        new(visit.Id, visit.Version, visit.IsHost(tenantId) ? "incoming" : "outgoing", visit.State);

    public static string Reference(Guid id) => "SB-" + id.ToString("N")[..8].ToUpperInvariant();
}
