namespace HumasSaaS.Storage;

public interface IBlobStore
{
    /// <summary>Creates the container (private access) unless it already exists.</summary>
    Task CreateContainerIfNotExistsAsync(string container, CancellationToken ct = default);

    /// <summary>
    /// Streams <paramref name="content"/> in blocks (Put Block, a bounded number in parallel; one Put Blob when it fits one block), holding a bounded number of blocks in memory and computing
    /// SHA-256 on the way. The content type is detected from the first bytes before any block is sent
    /// (null => <see cref="BlobContentRejectedException"/>); an empty stream is rejected ("empty"); reading more than
    /// <see cref="BlobUploadOptions.MaxBytes"/> throws <see cref="BlobTooLargeException"/>. The blob is committed
    /// (Put Block List) only after the whole stream was read, so a failure before that leaves no blob; the commit itself is
    /// not cancelled by <paramref name="ct"/>, so its outcome is always known to the caller.
    /// With <see cref="BlobUploadOptions.IfNoneMatchAny"/> an existing blob is never overwritten
    /// (<see cref="BlobAlreadyExistsException"/>).
    /// </summary>
    Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions options, CancellationToken ct = default);

    /// <summary>Opens the blob for reading; null when the blob (or its container) does not exist.</summary>
    Task<BlobDownload?> GetAsync(string container, string blobName, CancellationToken ct = default);

    /// <summary>Deletes the blob (and its snapshots); false when it did not exist.</summary>
    Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken ct = default);

    /// <summary>Server-side copy within the account; returns once the copy status is "success", throws otherwise.</summary>
    Task CopyAsync(string sourceContainer, string sourceBlob, string destinationContainer, string destinationBlob, CancellationToken ct = default);

    /// <summary>Lists committed blobs (flat), following the service's paging; empty when the container does not exist.</summary>
    IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix = null, CancellationToken ct = default);

    /// <summary>
    /// A read-only (sp=r), single-blob SAS URL: a service SAS signed with the account key, or a user-delegation SAS when
    /// the store connects with a token credential (managed identity).
    /// </summary>
    Task<Uri> CreateReadSasUriAsync(string container, string blobName, TimeSpan lifetime, string? contentDisposition = null, CancellationToken ct = default);

    /// <summary>A cheap authenticated call (Get Blob Service Properties); false on network error or any non-success answer.</summary>
    Task<bool> IsReachableAsync(CancellationToken ct = default);
}
