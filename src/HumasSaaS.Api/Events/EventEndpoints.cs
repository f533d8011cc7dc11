using HumasSaaS.Events;
using HumasSaaS.Api.Platform.Uploads;
using System.Text;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace HumasSaaS.Api.Events;

public static class EventEndpoints
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventService>();
        services.AddSingleton<MaterialSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<MaterialSweeper>());
        return services;
    }

    public static void MapEvents(this RouteGroupBuilder api)
    {
        var staff = TenantRole.ProtocolOfficer;
        var g = api.MapGroup("/events").WithTags("Acara");

        g.MapGet("", (DateOnly? from, DateOnly? to, TenantContext t, EventService s, CancellationToken ct) => s.ListAsync(t.TenantId, from, to, ct))
            .RequireTenant().WithName("ListEvents").WithSummary("Daftar acara (opsional rentang tanggal from/to, untuk kalender)");
        g.MapPost("", async (CreateEventRequest r, TenantContext t, EventService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(t.TenantId, r, t.RequiredActor, ct);
            return TypedResults.Created($"/api/v1/events/{created.Id}", created);
        }).RequireTenant(staff).WithName("CreateEvent").WithSummary("Buat acara (draf), opsional dari templat konfigurasi").ProducesValidationProblem();
        g.MapGet("/{id:guid}", (Guid id, TenantContext t, EventService s, CancellationToken ct) => s.GetAsync(t.TenantId, id, ct))
            .RequireTenant().WithName("GetEvent").WithSummary("Satu acara beserta versinya").ProducesProblem(404);
        g.MapPut("/{id:guid}", (Guid id, UpdateEventRequest r, TenantContext t, EventService s, CancellationToken ct) => s.UpdateAsync(t.TenantId, id, r, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("UpdateEvent").WithSummary("Ubah rincian acara (409 bila versi berubah)").ProducesValidationProblem().ProducesProblem(409);
        g.MapPut("/{id:guid}/rundown", (Guid id, ReplaceRundownRequest r, TenantContext t, EventService s, CancellationToken ct) => s.ReplaceRundownAsync(t.TenantId, id, r, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("ReplaceEventRundown").WithSummary("Ganti susunan acara (rundown)").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/publish", (Guid id, VersionRequest r, TenantContext t, EventService s, CancellationToken ct) => s.PublishAsync(t.TenantId, id, r.Version, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("PublishEvent").WithSummary("Draf → dipublikasikan (pendaftaran publik dibuka)").ProducesProblem(409);
        g.MapPost("/{id:guid}/start", (Guid id, VersionRequest r, TenantContext t, EventService s, CancellationToken ct) => s.StartAsync(t.TenantId, id, r.Version, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("StartEvent").WithSummary("Dipublikasikan → berlangsung").ProducesProblem(409);
        g.MapPost("/{id:guid}/close", (Guid id, VersionRequest r, TenantContext t, EventService s, CancellationToken ct) => s.CloseAsync(t.TenantId, id, r.Version, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("CloseEvent").WithSummary("Tutup acara; presensi tidak diterima lagi").ProducesProblem(409);
        g.MapPost("/{id:guid}/cancel", (Guid id, CancelEventRequest r, TenantContext t, EventService s, CancellationToken ct) => s.CancelAsync(t.TenantId, id, r, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("CancelEvent").WithSummary("Batalkan acara dengan alasan").ProducesProblem(409);

        g.MapGet("/{id:guid}/participants", (Guid id, string? search, TenantContext t, EventService s, CancellationToken ct) => s.ParticipantsForStaffAsync(t, id, search, ct))
            .RequireTenant().WithName("ListEventParticipants")
            .WithSummary("Peserta (cari nama/instansi/kode) beserta hari hadir; telepon/email hanya untuk petugas protokol (akses dicatat)");
        g.MapPost("/{id:guid}/invitations", (Guid id, InviteRequest r, TenantContext t, EventService s, CancellationToken ct) => s.InviteAsync(t.TenantId, id, r, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("InviteParticipants").WithSummary("Undang orang (semua atau tidak sama sekali)").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/participants/import", async (Guid id, HttpRequest request, TenantContext t, EventService s, CancellationToken ct) =>
        {
            var csv = await ReadTextAsync(request, ParticipantCsv.MaxBytes, ct);
            return TypedResults.Ok(await s.ImportAsync(t.TenantId, id, csv, t.RequiredActor, ct));
        }).RequireTenant(staff).WithName("ImportParticipants")
          .WithSummary("Impor peserta dari CSV (text/csv; kolom nama, instansi, jabatan, kategori, telepon, email, kehadiran); baris salah dilaporkan")
          .ProducesValidationProblem(); // no Accepts<>: its content-type matcher would answer 415 before the tenant check (404)
        g.MapPut("/{id:guid}/participants/{participantId:guid}/protocol", async (Guid id, Guid participantId, SetProtocolRequest r, TenantContext t, EventService s, CancellationToken ct) =>
        {
            await s.SetProtocolAsync(t.TenantId, id, participantId, r, t.RequiredActor, ct);
            return TypedResults.NoContent();
        }).RequireTenant(staff).WithName("SetParticipantProtocol").WithSummary("Tandai VIP: jabatan (kode tabel tata urutan) dan 'mewakili'").ProducesValidationProblem();

        g.MapPost("/{id:guid}/check-ins", (Guid id, CheckInRequest r, TenantContext t, EventService s, CancellationToken ct) => s.CheckInAsync(t.TenantId, id, r, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("CheckIn").WithSummary("Presensi per hari dengan kode/QR; idempoten (kedua kali: 'sudah hadir')").ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/{id:guid}/walk-ins", (Guid id, WalkInRequest r, TenantContext t, EventService s, CancellationToken ct) => s.WalkInAsync(t.TenantId, id, r, t.RequiredActor, ct))
            .RequireTenant(staff).WithName("WalkIn").WithSummary("Peserta datang langsung: daftar dan presensi sekaligus").ProducesValidationProblem().ProducesProblem(409);
        g.MapGet("/{id:guid}/attendance", (Guid id, TenantContext t, EventService s, CancellationToken ct) => s.AttendanceAsync(t.TenantId, id, ct))
            .RequireTenant().WithName("GetAttendance").WithSummary("Jumlah hadir per hari dan per kategori");
        g.MapGet("/{id:guid}/attendance.csv", async (Guid id, TenantContext t, EventService s, CancellationToken ct) =>
            TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(await s.AttendanceCsvAsync(t.TenantId, id, ct))).ToArray(),
                "text/csv; charset=utf-8", $"daftar-hadir-{id:N}.csv"))
            .RequireTenant().WithName("GetAttendanceCsv").WithSummary("Daftar hadir (CSV)").Produces(200, contentType: "text/csv");

        g.MapGet("/precedence-table", async (TenantContext t, EventService s, CancellationToken ct) => (await s.PrecedenceTableAsync(t.TenantId, ct)).Entries)
            .RequireTenant().WithName("GetPrecedenceTable").WithSummary("Tabel tata urutan (UU 9/2010 Pasal 11) dengan penyesuaian instansi");
        g.MapGet("/{id:guid}/precedence", (Guid id, int? seatsPerRow, TenantContext t, EventService s, CancellationToken ct) => s.PrecedenceAsync(t.TenantId, id, seatsPerRow ?? 7, ct))
            .RequireTenant().WithName("GetEventPrecedence").WithSummary("Urutan VIP dan tata tempat duduk (tengah, kanan lebih dulu)");

        g.MapGet("/{id:guid}/materials", (Guid id, TenantContext t, EventService s, CancellationToken ct) => s.MaterialsAsync(t.TenantId, id, ct))
            .RequireTenant().WithName("ListEventMaterials").WithSummary("Materi acara");
        g.MapPost("/{id:guid}/materials", async (Guid id, HttpRequest request, TenantContext t, EventService s, CancellationToken ct) =>
        {
            var material = await UploadAsync(id, request, t, s, ct);
            return TypedResults.Created($"/api/v1/events/{id}/materials/{material.Id}", material);
        }).RequireTenant(staff).WithName("UploadEventMaterial")
          .WithSummary("Unggah materi (multipart/form-data: title, file; PDF/JPEG/PNG, ≤ 25 MB; dialirkan ke blob storage)")
          .ProducesValidationProblem().ProducesProblem(413);
        g.MapGet("/{id:guid}/materials/{materialId:guid}", async (Guid id, Guid materialId, TenantContext t, EventService s, HttpContext http, CancellationToken ct) =>
        {
            var (material, blob) = await s.DownloadMaterialAsync(t.TenantId, id, materialId, ct);
            http.Response.RegisterForDisposeAsync(blob);
            DownloadHeaders.Apply(http.Response, material.FileName, inline: false);
            return TypedResults.Stream(blob.Content, material.ContentType);
        }).RequireTenant().WithName("DownloadEventMaterial").WithSummary("Unduh materi").Produces(200, null, "application/pdf", "image/jpeg", "image/png");
        g.MapDelete("/{id:guid}/materials/{materialId:guid}", async (Guid id, Guid materialId, TenantContext t, EventService s, CancellationToken ct) =>
        {
            await s.DeleteMaterialAsync(t.TenantId, id, materialId, t.RequiredActor, ct);
            return TypedResults.NoContent();
        }).RequireTenant(staff).WithName("DeleteEventMaterial").WithSummary("Hapus materi");

        var pub = api.MapGroup("/public").WithTags("Acara (publik)");
        pub.MapGet("/events/{id:guid}", (Guid id, TenantContext t, EventService s, CancellationToken ct) => s.PublicEventAsync(t.TenantId, id, ct))
            .RequireTenantPublic().AllowAnonymous().WithName("GetPublicEvent").WithSummary("Acara yang dipublikasikan, tanpa masuk");
        pub.MapPost("/events/{id:guid}/registrations", async (Guid id, PublicRegistrationRequest r, TenantContext t, EventService s, CancellationToken ct) =>
        {
            var created = await s.RegisterPublicAsync(t.TenantId, id, r, ct);
            return TypedResults.Created($"/api/v1/public/tickets/{created.Id}", created);
        }).RequireTenantPublic().RequirePublicFormLimit("event_registration").AllowAnonymous().WithName("RegisterPublic")
          .WithSummary("Pendaftaran publik (tanpa masuk): nama, instansi, jabatan, kategori, telepon/email, luring/daring")
          .ProducesValidationProblem().ProducesProblem(409).WithMetadata(new RequestSizeLimitMetadata(16 * 1024));
        pub.MapGet("/tickets/{ticketId:guid}", (Guid ticketId, TenantContext t, EventService s, CancellationToken ct) => s.TicketAsync(t.TenantId, ticketId, ct))
            .RequireTenantPublic().AllowAnonymous().WithName("GetTicket").WithSummary("Tiket peserta (kode unik)");
        pub.MapGet("/tickets/{ticketId:guid}/qr.png", async (Guid ticketId, TenantContext t, EventService s, CancellationToken ct) =>
            TypedResults.File(EventService.QrPng((await s.TicketAsync(t.TenantId, ticketId, ct)).Code), "image/png"))
            .RequireTenantPublic().AllowAnonymous().WithName("GetTicketQr").WithSummary("Kode QR tiket (PNG)").Produces(200, contentType: "image/png");
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            throw new DomainRuleException("Berkas terlalu besar", $"Berkas CSV paling besar {maxBytes / 1024 / 1024} MB.", 413);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new DomainRuleException("Berkas terlalu besar", $"Berkas CSV paling besar {maxBytes / 1024 / 1024} MB.", 413);
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Berkas CSV harus berkode UTF-8."] });
        }
    }

    /// <summary>Streams the file part of a multipart request straight to blob storage (never buffered whole).</summary>
    private static async Task<Material> UploadAsync(Guid id, HttpRequest request, TenantContext t, EventService s, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Kirim sebagai multipart/form-data dengan bagian 'title' lalu 'file'."] });
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = EventService.MaxMaterialBytes + 64 * 1024;
        var reader = new MultipartReader(boundary, request.Body);
        string? title = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                return await s.UploadMaterialAsync(t.TenantId, id, string.IsNullOrWhiteSpace(title) ? fileName : title, fileName, section.Body, t.RequiredActor, ct);
            }
            if (disposition.Name.Value == "title")
            {
                using var sr = new StreamReader(section.Body);
                var buffer = new char[201];
                var n = await sr.ReadBlockAsync(buffer, ct);
                title = new string(buffer, 0, n);
            }
        }
        throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Berkas belum dipilih."] });
    }
}

/// <summary>Caps the body of small public requests.</summary>
internal sealed class RequestSizeLimitMetadata(long? max) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => max;
}
