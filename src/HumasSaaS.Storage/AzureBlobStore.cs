using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using SdkUploadOptions = Azure.Storage.Blobs.Models.BlobUploadOptions;

namespace HumasSaaS.Storage;

/// <summary>
/// <see cref="IBlobStore"/> on the Azure.Storage.Blobs SDK. Uploads read the source stream in order (type detection,
/// SHA-256 and the size limit see every byte before it is sent) and stage up to
/// <see cref="BlobTransferOptions.MaxConcurrencyPerUpload"/> blocks at once; a process-wide budget of
/// <see cref="BlobTransferOptions.MaxBufferedBytes"/> bounds the memory of all uploads together.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private const int MaxBlocks = 50_000;
    private static readonly TimeSpan SasClockSkew = TimeSpan.FromMinutes(5);

    private readonly BlobServiceClient _service;
    private readonly BlobTransferOptions _transfer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _bufferBudget;

    public AzureBlobStore(BlobServiceClient service, BlobTransferOptions? transfer = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
        _transfer = transfer ?? new BlobTransferOptions();
        if (_transfer.BlockSizeBytes < 1) throw new ArgumentException("BlockSizeBytes must be positive.", nameof(transfer));
        if (_transfer.MaxConcurrencyPerUpload < 1) throw new ArgumentException("MaxConcurrencyPerUpload must be positive.", nameof(transfer));
        _time = time ?? TimeProvider.System;
        var slots = (int)Math.Max(1, Math.Min(int.MaxValue, _transfer.MaxBufferedBytes / _transfer.BlockSizeBytes));
        _bufferBudget = new SemaphoreSlim(slots, slots);
    }

    public BlobServiceClient ServiceClient => _service;

    // ------------------------------------------------------------------ containers

    public async Task CreateContainerIfNotExistsAsync(string container, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        try
        {
            await _service.GetBlobContainerClient(container).CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Translate(e, $"Create container '{container}'");
        }
    }

    /// <summary>Deletes the container and everything in it (not part of <see cref="IBlobStore"/>); false when it did not exist.</summary>
    public async Task<bool> DeleteContainerIfExistsAsync(string container, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        return (await _service.GetBlobContainerClient(container).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
    }

    // ------------------------------------------------------------------ upload

    public async Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions options, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.DetectContentType);
        if (options.MaxBytes < 0) throw new ArgumentException("MaxBytes must not be negative.", nameof(options));
        if (options.HeadLength < 1) throw new ArgumentException("HeadLength must be positive.", nameof(options));

        var blob = _service.GetBlobContainerClient(container).GetBlockBlobClient(blobName);
        var blockSize = Math.Max(_transfer.BlockSizeBytes, options.HeadLength);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // A random per-upload prefix keeps concurrent uploads to the same name from mixing their uncommitted blocks;
        // every id has the same length, as Azure requires.
        var uploadId = Guid.NewGuid().ToString("N");
        var blockIds = new List<string>();
        var inFlight = new List<Task>();
        using var stageFailed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long total = 0;
        string? contentType = null;
        var conditions = options.IfNoneMatchAny ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null;

        try
        {
            while (true)
            {
                await _bufferBudget.WaitAsync(ct).ConfigureAwait(false);
                byte[]? buffer = ArrayPool<byte>.Shared.Rent(blockSize);
                try
                {
                    var (filled, endOfStream) = await FillAsync(content, buffer.AsMemory(0, blockSize), total, options.MaxBytes, ct).ConfigureAwait(false);
                    total += filled;

                    if (contentType is null)
                    {
                        if (filled == 0) throw new BlobContentRejectedException("empty");
                        contentType = NormalizeContentType(options.DetectContentType(buffer.AsMemory(0, Math.Min(options.HeadLength, filled))))
                                      ?? throw new BlobContentRejectedException("unrecognized content type");
                        // Fail fast instead of reading the whole body; the commit's If-None-Match: * is what guarantees it.
                        if (options.IfNoneMatchAny && await ExistsAsync(blob, ct).ConfigureAwait(false))
                            throw new BlobAlreadyExistsException(container, blobName, HttpStatusCode.Conflict, "BlobAlreadyExists");

                        if (endOfStream)
                        {
                            // Everything fits in one block: one Put Blob instead of Put Block + Put Block List.
                            sha.AppendData(buffer, 0, filled);
                            using var single = new MemoryStream(buffer, 0, filled, writable: false);
                            await CommitAsync(() => blob.UploadAsync(single, new SdkUploadOptions
                            {
                                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                                Conditions = conditions,
                            }, CancellationToken.None), container, blobName).ConfigureAwait(false);
                            return new BlobUploadResult(total, Convert.ToHexStringLower(sha.GetHashAndReset()), contentType);
                        }
                    }

                    if (filled > 0)
                    {
                        if (blockIds.Count == MaxBlocks)
                            throw new BlobStorageException($"The content needs more than {MaxBlocks} blocks; increase BlockSizeBytes.");
                        sha.AppendData(buffer, 0, filled);
                        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(
                            uploadId + "-" + blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)));
                        blockIds.Add(blockId);
                        inFlight.Add(StageAsync(blob, blockId, buffer, filled, stageFailed));
                        buffer = null; // owned by the staging task now
                    }

                    if (endOfStream) break;
                }
                finally
                {
                    if (buffer is not null)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        _bufferBudget.Release();
                    }
                }

                inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
                if (inFlight.Count >= _transfer.MaxConcurrencyPerUpload)
                    await Task.WhenAny(inFlight).Unwrap().ConfigureAwait(false);
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
            // The whole body has been read: from here on the outcome must not depend on the caller going away. A commit
            // cancelled half-way could still be applied by the service and leave a blob that nobody knows about.
            await CommitAsync(() => blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = conditions,
            }, CancellationToken.None), container, blobName).ConfigureAwait(false);
            return new BlobUploadResult(total, Convert.ToHexStringLower(sha.GetHashAndReset()), contentType!);
        }
        catch
        {
            await stageFailed.CancelAsync().ConfigureAwait(false);
            try { await Task.WhenAll(inFlight).ConfigureAwait(false); } catch { /* the first failure is what is reported */ }
            throw;
        }
    }

    private async Task StageAsync(BlockBlobClient blob, string blockId, byte[] buffer, int count, CancellationTokenSource failed)
    {
        try
        {
            using var body = new MemoryStream(buffer, 0, count, writable: false);
            await blob.StageBlockAsync(blockId, body, new BlockBlobStageBlockOptions(), failed.Token).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw Translate(e, "Put Block");
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _bufferBudget.Release();
        }
    }

    private static async Task<bool> ExistsAsync(BlockBlobClient blob, CancellationToken ct)
    {
        try
        {
            return (await blob.ExistsAsync(ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e)
        {
            throw Translate(e, $"Get properties of '{blob.BlobContainerName}/{blob.Name}'");
        }
    }

    private static async Task CommitAsync(Func<Task> commit, string container, string blobName)
    {
        try
        {
            await commit().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new BlobAlreadyExistsException(container, blobName, (HttpStatusCode)e.Status, e.ErrorCode);
        }
        catch (RequestFailedException e)
        {
            throw Translate(e, $"Commit '{container}/{blobName}'");
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends, enforcing <paramref name="maxBytes"/> after every read.</summary>
    private static async Task<(int Filled, bool EndOfStream)> FillAsync(Stream content, Memory<byte> buffer, long readBefore, long maxBytes, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await content.ReadAsync(buffer[filled..], ct).ConfigureAwait(false);
            if (n == 0) return (filled, true);
            filled += n;
            if (readBefore + filled > maxBytes) throw new BlobTooLargeException(maxBytes);
        }
        return (filled, false);
    }

    private static string? NormalizeContentType(string? contentType)
    {
        if (contentType is null) return null;
        contentType = contentType.Trim();
        if (contentType.Length == 0) return null;
        if (contentType.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException($"DetectContentType returned an invalid content type '{contentType}'.");
        return contentType;
    }

    // ------------------------------------------------------------------ read / delete / copy

    public async Task<BlobDownload?> GetAsync(string container, string blobName, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        try
        {
            var result = (await _service.GetBlobContainerClient(container).GetBlobClient(blobName)
                .DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
            var details = result.Details;
            return new BlobDownload(result.Content, details.ContentType ?? "application/octet-stream", details.ContentLength,
                result, details.ETag.ToString("H"), details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw Translate(e, $"Get Blob '{container}/{blobName}'");
        }
    }

    public async Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        try
        {
            return (await _service.GetBlobContainerClient(container).GetBlobClient(blobName)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e)
        {
            throw Translate(e, $"Delete Blob '{container}/{blobName}'");
        }
    }

    public async Task CopyAsync(string sourceContainer, string sourceBlob, string destinationContainer, string destinationBlob, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(sourceContainer);
        BlobNames.ValidateBlobName(sourceBlob);
        BlobNames.ValidateContainerName(destinationContainer);
        BlobNames.ValidateBlobName(destinationBlob);
        var source = _service.GetBlobContainerClient(sourceContainer).GetBlobClient(sourceBlob);
        var destination = _service.GetBlobContainerClient(destinationContainer).GetBlobClient(destinationBlob);
        // With the account key the destination request authorises a source in the same account. With a token
        // credential (managed identity) the source needs its own read grant: a short user-delegation SAS.
        var sourceUri = _service.CanGenerateAccountSasUri
            ? source.Uri
            : await CreateReadSasUriAsync(sourceContainer, sourceBlob, TimeSpan.FromHours(1), null, ct).ConfigureAwait(false);
        try
        {
            var operation = await destination.StartCopyFromUriAsync(sourceUri, cancellationToken: ct).ConfigureAwait(false);
            await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            var properties = (await destination.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
            if (properties.CopyStatus != CopyStatus.Success)
                throw new BlobStorageException($"Copy to '{destinationContainer}/{destinationBlob}' ended with status '{properties.CopyStatus}': {properties.CopyStatusDescription}");
        }
        catch (RequestFailedException e)
        {
            throw Translate(e, $"Copy '{sourceContainer}/{sourceBlob}' to '{destinationContainer}/{destinationBlob}'");
        }
    }

    // ------------------------------------------------------------------ list

    public async IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        var pages = _service.GetBlobContainerClient(container)
            .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct)
            .AsPages(pageSizeHint: _transfer.ListPageSize)
            .GetAsyncEnumerator(ct);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                Page<Azure.Storage.Blobs.Models.BlobItem>? page = null;
                try
                {
                    if (await pages.MoveNextAsync().ConfigureAwait(false)) page = pages.Current;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // no container: nothing to list
                }
                catch (RequestFailedException e)
                {
                    throw Translate(e, $"List Blobs '{container}'");
                }
                if (page is null) yield break;
                foreach (var item in page.Values)
                {
                    var p = item.Properties;
                    yield return new BlobItem(item.Name, p.ContentLength ?? 0, p.LastModified ?? default,
                        string.IsNullOrEmpty(p.ContentType) ? null : p.ContentType);
                }
            }
        }
    }

    // ------------------------------------------------------------------ SAS

    public async Task<Uri> CreateReadSasUriAsync(string container, string blobName, TimeSpan lifetime, string? contentDisposition = null, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "The SAS lifetime must be positive.");
        if (contentDisposition is not null && contentDisposition.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException("contentDisposition must be printable ASCII (use RFC 5987 filename* for other characters).", nameof(contentDisposition));

        var now = _time.GetUtcNow();
        var sas = new BlobSasBuilder
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - SasClockSkew,
            ExpiresOn = now + lifetime,
            ContentDisposition = contentDisposition,
        };
        sas.SetPermissions(BlobSasPermissions.Read);
        var blob = _service.GetBlobContainerClient(container).GetBlobClient(blobName);
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas);

        // Token credential (managed identity): a user-delegation SAS, signed with a key the service hands out.
        var key = (await _service.GetUserDelegationKeyAsync(sas.StartsOn, sas.ExpiresOn, ct).ConfigureAwait(false)).Value;
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, _service.AccountName) }.ToUri();
    }

    // ------------------------------------------------------------------ health

    public async Task<bool> IsReachableAsync(CancellationToken ct = default)
    {
        try
        {
            await _service.GetPropertiesAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
        catch (AggregateException)
        {
            return false; // retries exhausted on network errors
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false; // network timeout
        }
    }

    private static BlobStorageException Translate(RequestFailedException e, string operation) =>
        new($"{operation} failed: {e.Status} ({e.ErrorCode}): {e.Message.Split('\n')[0]}",
            e.Status == 0 ? null : (HttpStatusCode)e.Status, e.ErrorCode, e);
}
