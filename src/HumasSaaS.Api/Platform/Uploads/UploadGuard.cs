using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Database;
using HumasSaaS.Domain;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Storage;

namespace HumasSaaS.Api.Platform.Uploads;

/// <summary>Whose upload it is, for the audit event of a refusal.</summary>
public sealed record UploadAudit(Guid TenantId, string EntityType, Guid EntityId, Actor Actor, string? FileName, string What);

/// <summary>
/// The one way an uploaded file reaches blob storage: streamed through <see cref="IBlobStore.UploadAsync"/> while the
/// malware scanner reads the same bytes, and refused before the blob is committed when the scanner finds something
/// (422 + audit event), when the file is hostile (422 + audit event, <see cref="HostileFiles"/>), or when there is no
/// verdict (scanner down, timeout: <see cref="MalwareScannerUnavailableException"/>, 503). The caller writes its row
/// only after this returns, so a file is never visible before it was scanned.
/// </summary>
public sealed class UploadGuard(IBlobStore blobs, IMalwareScanner scanner, HostileFileLimits limits, Db db, ILogger<UploadGuard> logger)
{
    public const string RefusedAction = "upload_refused";

    public async Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream body, BlobUploadOptions options,
        UploadAudit audit, CancellationToken ct)
    {
        await using var scan = await scanner.StartAsync(ct);
        await using var scanning = new ScanningUploadStream(body, scan, limits);
        try
        {
            var result = await blobs.UploadAsync(container, blobName, scanning, options, ct);
            if (scanning.Verified) return result;
            // Not reachable with the store's contract (it commits only after reading to the end); fail closed anyway.
            throw new MalwareScannerUnavailableException("The blob store finished before the upload was scanned to its end.");
        }
        catch (UploadRefusedException refused)
        {
            await DeleteQuietlyAsync(container, blobName);
            logger.LogWarning("Upload refused for {EntityType} {EntityId}: {Reason}", audit.EntityType, audit.EntityId, refused.Message);
            await WriteAuditAsync(audit, refused);
            throw UploadRefusals.Problem(refused.Signature, refused.Finding);
        }
        catch (MalwareScannerUnavailableException e)
        {
            await DeleteQuietlyAsync(container, blobName);
            logger.LogWarning(e, "Upload refused unscanned for {EntityType} {EntityId}", audit.EntityType, audit.EntityId);
            throw;
        }
    }

    private async Task WriteAuditAsync(UploadAudit audit, UploadRefusedException refused)
    {
        await using var tx = await db.BeginTenantAsync(audit.TenantId, CancellationToken.None);
        await AuditLog.WriteAsync(tx, audit.EntityType, audit.EntityId, RefusedAction, audit.Actor, UploadRefusals.Note(refused.Signature, refused.Finding),
            new
            {
                reason = refused.Signature is not null ? "malware" : UploadRefusals.ReasonCode(refused.Finding!.Reason),
                signature = refused.Signature,
                item = audit.What,
                fileName = audit.FileName,
                length = refused.Length,
            }, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    private async Task DeleteQuietlyAsync(string container, string blobName)
    {
        try
        {
            await blobs.DeleteIfExistsAsync(container, blobName, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete refused upload {Container}/{Blob}", container, blobName);
        }
    }
}

/// <summary>What a person reads when an upload is refused (Bahasa Indonesia).</summary>
public static class UploadRefusals
{
    public const string MalwareTitle = "Berkas mengandung malware";
    public const string HostileTitle = "Berkas ditolak demi keamanan";
    public const string UnavailableTitle = "Pemindai berkas sedang tidak tersedia";
    public const string UnavailableDetail =
        "Pemindai antivirus sedang tidak dapat dihubungi, jadi berkas belum dapat diperiksa. Berkas tidak disimpan; silakan unggah lagi dalam beberapa saat.";

    public static DomainRuleException Problem(string? signature, HostileFinding? finding) =>
        signature is not null
            ? signature.StartsWith("Heuristics.Limits.Exceeded", StringComparison.Ordinal)
                ? new DomainRuleException(HostileTitle,
                    "Berkas ini terlalu rumit untuk diperiksa tuntas oleh pemindai antivirus, jadi tidak diterima. Simpan ulang sebagai berkas yang lebih sederhana lalu unggah lagi.", 422)
                : new DomainRuleException(MalwareTitle,
                    $"Pemindai antivirus menemukan malware dalam berkas ini (terdeteksi sebagai {signature}). Berkas ditolak dan tidak disimpan.", 422)
            : new DomainRuleException(HostileTitle, Detail(finding!), 422);

    public static string Note(string? signature, HostileFinding? finding) =>
        signature is not null ? $"Malware terdeteksi: {signature}" : Detail(finding!);

    public static string Detail(HostileFinding finding) => finding.Reason switch
    {
        HostileFileReason.PdfEncrypted =>
            "PDF ini terenkripsi atau dilindungi kata sandi, jadi isinya tidak dapat diperiksa. Simpan ulang tanpa kata sandi lalu unggah lagi.",
        HostileFileReason.PdfJavaScript =>
            "PDF ini berisi JavaScript (kode yang dapat berjalan saat berkas dibuka). Cetak ulang sebagai PDF biasa lalu unggah lagi.",
        HostileFileReason.PdfOpenAction =>
            "PDF ini menjalankan tindakan otomatis saat dibuka. Cetak ulang sebagai PDF biasa lalu unggah lagi.",
        HostileFileReason.PdfLaunch =>
            "PDF ini berisi perintah untuk menjalankan program atau membuka berkas lain di komputer pembaca. Cetak ulang sebagai PDF biasa lalu unggah lagi.",
        HostileFileReason.PdfEmbeddedFile =>
            "PDF ini menyisipkan berkas lain di dalamnya. Unggah dokumennya saja, tanpa lampiran tersemat.",
        HostileFileReason.PdfUnreadable =>
            "Berkas ini tidak dapat dibaca sebagai PDF yang utuh (rusak, terpotong, atau strukturnya tidak lazim). Simpan ulang sebagai PDF lalu unggah lagi.",
        HostileFileReason.ImageTooManyPixels =>
            string.Create(Indonesian, $"Gambar terlalu besar: {finding.Width:N0} × {finding.Height:N0} piksel ({finding.Width * finding.Height / 1_000_000.0:0.#} megapiksel); paling besar 40 megapiksel. Perkecil gambar lalu unggah lagi."),
        HostileFileReason.ImageSizeMismatch =>
            "Ukuran gambar yang tertulis di dalam berkas tidak sesuai dengan isinya. Simpan ulang gambar dengan aplikasi pengolah gambar lalu unggah lagi.",
        HostileFileReason.ImageUnreadable =>
            "Berkas gambar ini rusak atau tidak lengkap. Simpan ulang gambar lalu unggah lagi.",
        _ => "Berkas ini ditolak oleh pemeriksaan keamanan.",
    };

    private static readonly System.Globalization.CultureInfo Indonesian = System.Globalization.CultureInfo.GetCultureInfo("id-ID");

    public static string ReasonCode(HostileFileReason reason) => reason switch
    {
        HostileFileReason.PdfEncrypted => "pdf_encrypted",
        HostileFileReason.PdfJavaScript => "pdf_javascript",
        HostileFileReason.PdfOpenAction => "pdf_open_action",
        HostileFileReason.PdfLaunch => "pdf_launch",
        HostileFileReason.PdfEmbeddedFile => "pdf_embedded_file",
        HostileFileReason.PdfUnreadable => "pdf_unreadable",
        HostileFileReason.ImageTooManyPixels => "image_too_many_pixels",
        HostileFileReason.ImageSizeMismatch => "image_size_mismatch",
        _ => "image_unreadable",
    };
}

public static class UploadScanningRegistration
{
    /// <summary>
    /// Registers the scanner (<c>Clamd:*</c>) and the guard. Outside Development a missing <c>Clamd:Endpoint</c> stops
    /// the start: an instance that would have to refuse every upload (or, worse, accept them unscanned) must not run.
    /// </summary>
    public static IServiceCollection AddUploadScanning(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        var options = config.GetSection("Clamd").Get<ClamdOptions>() ?? new ClamdOptions();
        if (ClamdScanner.ParseEndpoint(options.Endpoint) is null && !environment.IsDevelopment())
            throw new InvalidOperationException(
                "Clamd:Endpoint is not set (e.g. Clamd__Endpoint=tcp://127.0.0.1:3310): uploads cannot be scanned for malware, so the app does not start.");
        services.AddSingleton(options);
        services.AddSingleton(new HostileFileLimits());
        services.AddSingleton<IMalwareScanner, ClamdScanner>();
        services.AddSingleton<UploadGuard>();
        return services;
    }
}
