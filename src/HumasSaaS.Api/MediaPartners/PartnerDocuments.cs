using HumasSaaS.MediaPartners;
using HumasSaaS.Api.Configuration;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Http;
using HumasSaaS.Api.Platform.Tenancy;
using HumasSaaS.Api.Platform.Uploads;
using HumasSaaS.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace HumasSaaS.Api.MediaPartners;

public sealed record UploadOutcome(bool Created, PartnerDocument Document, int PartnerVersion, PartnerStatus Status);

/// <summary>
/// Document storage for media partners: streamed block upload into the tenant's container with SHA-256
/// and magic-byte sniffing, metadata only after the blob is committed (blob deleted when the row cannot be written),
/// downloads authorised per request and streamed through the API, server-side copy for reuse, and the sweeper.
/// </summary>
public sealed class PartnerDocuments(Db db, IBlobStore blobs, TenantDirectory directory, MediaPartnerGrains partners, ILogger<PartnerDocuments> logger, UploadGuard guard)
{
    public const string BlobPrefix = "media-partners/";

    public static string ContainerFor(Guid tenantId) => BlobNames.TenantContainer(tenantId);

    /// <summary>The content type for the first bytes, if it is one of <paramref name="accepted"/>; otherwise null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head, IReadOnlyList<AcceptedFormat> accepted) =>
        FileSignatures.Detect(head) is { } type && Accepts(type, accepted) ? type : null;

    private static bool Accepts(string contentType, IReadOnlyList<AcceptedFormat> accepted) =>
        accepted.Any(f => contentType == f switch { AcceptedFormat.Pdf => FileSignatures.Pdf, AcceptedFormat.Jpeg => FileSignatures.Jpeg, _ => FileSignatures.Png });

    public async Task<UploadOutcome> UploadAsync(HttpContext http, Guid tenantId, VendorIdentity vendor, string itemCode, string? fileName,
        DateOnly? validUntil, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is { Length: > 100 } || idempotencyKey?.Trim().Length == 0)
            throw Invalid("Idempotency-Key", "Idempotency-Key 1–100 karakter.");
        if (fileName is { Length: > 200 }) throw Invalid("fileName", "Nama berkas paling banyak 200 karakter.");
        if (validUntil is { } vu && vu < IndonesiaDate.Today) throw Invalid("validUntil", "Tanggal berlaku sampai tidak boleh sudah lewat.");

        var partner = await partners.RequireByCompanyAsync(tenantId, vendor.Company.Id, ct);
        var partnerId = partner.Id;
        var grain = partners.Grain(tenantId, partnerId);
        var (item, replay) = await grain.PrepareUpload(itemCode, idempotencyKey);
        if (replay is not null) return Replay(partner, replay, itemCode);

        var maxBytes = (long)item.MaxSizeMb * 1024 * 1024;
        if (http.Request.ContentLength is > 0 and var declared && declared > maxBytes) throw TooLarge(item);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes + 1;

        var container = ContainerFor(tenantId);
        var blobName = $"{BlobPrefix}{partnerId:N}/{itemCode}/{Guid.NewGuid():N}";
        BlobUploadResult uploaded;
        try
        {
            await blobs.CreateContainerIfNotExistsAsync(container, ct);
            uploaded = await guard.UploadAsync(container, blobName, http.Request.Body, new BlobUploadOptions
            {
                MaxBytes = maxBytes,
                HeadLength = FileSignatures.HeadLength,
                IfNoneMatchAny = true,
                DetectContentType = head => Sniff(head.Span, item.AcceptedFormats),
            }, new UploadAudit(tenantId, MediaPartner.EntityType, partnerId, vendor.Actor, fileName, itemCode), ct);
        }
        catch (BlobContentRejectedException e) when (e.Reason == "empty")
        {
            throw new DomainRuleException("Berkas kosong", "Berkas yang dikirim kosong (0 byte). Pilih berkas yang benar lalu unggah lagi.", 400);
        }
        catch (BlobContentRejectedException)
        {
            throw new DomainRuleException("Jenis berkas tidak diterima",
                $"Isi berkas bukan {string.Join(" atau ", item.AcceptedFormats.Select(MediaPartnerLabels.FormatName))}. " +
                "Jenis berkas diperiksa dari isinya, bukan dari nama atau ekstensinya.", 415);
        }
        catch (BlobTooLargeException)
        {
            throw TooLarge(item);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            throw TooLarge(item);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException || e is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or sent less than it announced). The store never commits after a failed read; delete
            // anyway, without the request's token, so no path can leave a blob without a row.
            await DeleteQuietlyAsync(container, blobName);
            throw new DomainRuleException("Unggahan terputus",
                "Koneksi terputus sebelum berkas selesai dikirim; tidak ada yang disimpan. Silakan unggah ulang.", 400);
        }

        try
        {
            var cleanName = CleanFileName(fileName, itemCode, uploaded.ContentType);
            // The grain serialises writers of this partner, so no retry loop: a replay of the key returns the earlier document.
            var outcome = await grain.AttachDocuments([new DocumentAttachment(itemCode, blobName, cleanName, uploaded.ContentType, uploaded.Length,
                uploaded.Sha256Hex, idempotencyKey, null, validUntil)], IndonesiaDate.Today, vendor.Actor);
            if (!outcome.Created) await DeleteQuietlyAsync(container, blobName);
            return new UploadOutcome(outcome.Created, outcome.Documents[0], outcome.Version, outcome.Status);
        }
        catch
        {
            await DeleteQuietlyAsync(container, blobName);
            throw;
        }
    }

    private static UploadOutcome Replay(MediaPartner partner, PartnerDocument existing, string itemCode) =>
        existing.ItemCode == itemCode
            ? new UploadOutcome(false, existing, partner.Version, partner.State.Status)
            : throw new DomainRuleException("Idempotency-Key sudah dipakai",
                "Idempotency-Key ini sudah dipakai untuk dokumen lain. Gunakan kunci baru untuk setiap unggahan.", 422);

    /// <summary>
    /// Streams one stored document; the caller has already authorised the row (RLS + partner/company check). Inline (the
    /// staff viewer) only under a sandbox CSP, otherwise as a download (<see cref="DownloadHeaders"/>).
    /// </summary>
    public async Task<IResult> StreamAsync(HttpContext http, Guid tenantId, PartnerDocument doc, CancellationToken ct, bool inline = false)
    {
        var download = await blobs.GetAsync(ContainerFor(tenantId), doc.BlobName, ct)
                       ?? throw new NotFoundException("Berkas dokumen tidak ditemukan di penyimpanan.");
        http.Response.RegisterForDisposeAsync(download);
        DownloadHeaders.Apply(http.Response, doc.FileName, inline);
        return Results.Stream(download.Content, doc.ContentType);
    }

    /// <summary>
    /// Register once, apply to many: copies the company's current documents from its partner in another tenant into
    /// this tenant's container (server-side copy, never a shared blob) and attaches them here.
    /// </summary>
    public async Task<IReadOnlyList<PartnerDocument>> ReuseAsync(Guid targetTenantId, VendorIdentity vendor, ReuseDocumentsRequest request, CancellationToken ct)
    {
        var source = await directory.FindBySlugAsync(request.SourceTenant?.Trim().ToLowerInvariant() ?? "", ct);
        if (source is null || source.Id == targetTenantId) throw Invalid("sourceTenant", "Instansi asal tidak ditemukan atau sama dengan instansi ini.");
        // The vendor's own partnership in the source tenant, read through that tenant's grain (the company is the caller).
        var sourcePartner = await partners.FindByCompanyAsync(source.Id, vendor.Company.Id, ct)
                            ?? throw Invalid("sourceTenant", "Perusahaan Anda belum pernah mendaftar di instansi asal.");
        var sourceDocs = sourcePartner.CurrentDocuments.Where(d => request.ItemCodes is null || request.ItemCodes.Contains(d.ItemCode)).ToList();

        var partner = await partners.RequireByCompanyAsync(targetTenantId, vendor.Company.Id, ct);
        partner.EnsureDocumentsEditable();
        var partnerId = partner.Id;
        DocumentRequirement[] items = [.. partner.Checklist(await partners.ConfigurationAsync(targetTenantId, ct))];
        // Only what this tenant's checklist asks for, in a format and size it accepts.
        var candidates = sourceDocs.Where(d => items.FirstOrDefault(i => i.Code == d.ItemCode) is { } item
                                               && d.Length <= (long)item.MaxSizeMb * 1024 * 1024
                                               && Accepts(d.ContentType, item.AcceptedFormats)).ToList();
        if (candidates.Count == 0) return [];

        var container = ContainerFor(targetTenantId);
        await blobs.CreateContainerIfNotExistsAsync(container, ct);
        var copied = new List<(PartnerDocument Source, string Blob)>();
        try
        {
            foreach (var doc in candidates)
            {
                var blobName = $"{BlobPrefix}{partnerId:N}/{doc.ItemCode}/{Guid.NewGuid():N}";
                await blobs.CopyAsync(ContainerFor(source.Id), doc.BlobName, container, blobName, ct);
                copied.Add((doc, blobName));
            }
            var outcome = await partners.Grain(targetTenantId, partnerId).AttachDocuments(
                copied.Select(c => new DocumentAttachment(c.Source.ItemCode, c.Blob, c.Source.FileName, c.Source.ContentType, c.Source.Length,
                    c.Source.Sha256, null, "salinan:" + source.Slug, c.Source.ValidUntil)).ToList(), IndonesiaDate.Today, vendor.Actor);
            return outcome.Documents;
        }
        catch
        {
            foreach (var (_, blob) in copied) await DeleteQuietlyAsync(container, blob);
            throw;
        }
    }

    /// <summary>
    /// Deletes document blobs older than <paramref name="minAge"/> that no row references (failed or abandoned uploads).
    /// Safe with several instances: deleting is idempotent and only unreferenced, old blobs are touched.
    /// </summary>
    public async Task<int> SweepAsync(TimeSpan minAge, Guid? onlyTenant = null, CancellationToken ct = default)
    {
        var deleted = 0;
        var cutoff = DateTimeOffset.UtcNow - minAge;
        var tenants = onlyTenant is { } one ? [one] : await AllTenantIdsAsync(ct);
        foreach (var tenantId in tenants)
        {
            var container = ContainerFor(tenantId);
            var old = new List<string>();
            await foreach (var blob in blobs.ListAsync(container, BlobPrefix, ct))
                if (blob.LastModified <= cutoff) old.Add(blob.Name);
            if (old.Count == 0) continue;
            HashSet<string> referenced;
            await using (var tx = await db.BeginTenantAsync(tenantId, ct))
                referenced = (await tx.QueryAsync<string>("SELECT blob_name FROM media_partner_documents WHERE blob_name = ANY(@names)",
                    new { names = old.ToArray() }, ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var name in old.Where(n => !referenced.Contains(n)))
            {
                if (await blobs.DeleteIfExistsAsync(container, name, ct)) deleted++;
                logger.LogInformation("Swept unreferenced blob {Container}/{Blob}", container, name);
            }
        }
        return deleted;
    }

    public async Task<IReadOnlyList<Guid>> AllTenantIdsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenPlatformAsync(ct);
        return (await Dapper.SqlMapper.QueryAsync<Guid>(connection, new Dapper.CommandDefinition("SELECT id FROM tenants ORDER BY id", cancellationToken: ct))).ToList();
    }

    private async Task DeleteQuietlyAsync(string container, string blobName)
    {
        try
        {
            await blobs.DeleteIfExistsAsync(container, blobName, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete {Container}/{Blob}; the sweeper will remove it", container, blobName);
        }
    }

    private static string CleanFileName(string? fileName, string itemCode, string contentType)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/')).ToArray());
        if (name.Length == 0)
            name = itemCode + FileSignatures.Extension(contentType);
        return name.Length > 200 ? name[..200] : name;
    }

    private static DomainRuleException TooLarge(DocumentRequirement item) =>
        new("Berkas terlalu besar", $"Ukuran berkas untuk '{item.Label}' paling besar {item.MaxSizeMb} MB.", 413);

    private static RequestValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
