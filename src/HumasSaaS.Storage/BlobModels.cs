namespace HumasSaaS.Storage;

public sealed class BlobUploadOptions
{
    /// <summary>Upload fails with <see cref="BlobTooLargeException"/> as soon as more than this many bytes were read.</summary>
    public long MaxBytes { get; init; } = long.MaxValue;

    /// <summary>How many leading bytes (at most) are handed to <see cref="DetectContentType"/>.</summary>
    public int HeadLength { get; init; } = 16;

    /// <summary>
    /// Receives the first min(HeadLength, total) bytes; returns the content type to store, or null to reject the upload.
    /// The memory is only valid during the call (it is a pooled buffer): do not keep a reference to it.
    /// </summary>
    public required Func<ReadOnlyMemory<byte>, string?> DetectContentType { get; init; }

    /// <summary>Commit with <c>If-None-Match: *</c>: never overwrite an existing blob.</summary>
    public bool IfNoneMatchAny { get; init; }
}

public sealed record BlobUploadResult(long Length, string Sha256Hex, string ContentType);

public sealed record BlobItem(string Name, long Length, DateTimeOffset LastModified, string? ContentType);

/// <summary>An open blob download. Dispose it to release the HTTP connection.</summary>
public sealed class BlobDownload : IAsyncDisposable, IDisposable
{
    private readonly IDisposable? _owner;
    private int _disposed;

    /// <param name="content">The blob's bytes.</param>
    /// <param name="contentType">The stored content type.</param>
    /// <param name="length">The blob's length in bytes.</param>
    /// <param name="owner">Disposed together with <paramref name="content"/> (e.g. the HTTP response).</param>
    public BlobDownload(Stream content, string contentType, long length, IDisposable? owner = null,
        string? eTag = null, DateTimeOffset? lastModified = null)
    {
        Content = content;
        ContentType = contentType;
        Length = length;
        _owner = owner;
        ETag = eTag;
        LastModified = lastModified;
    }

    public Stream Content { get; }
    public string ContentType { get; }
    public long Length { get; }
    public string? ETag { get; }
    public DateTimeOffset? LastModified { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Content.Dispose();
        _owner?.Dispose();
    }
}
