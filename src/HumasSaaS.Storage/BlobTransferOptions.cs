namespace HumasSaaS.Storage;

/// <summary>How <see cref="AzureBlobStore"/> moves bytes: block size, parallel blocks per upload, memory for all uploads.</summary>
public sealed class BlobTransferOptions
{
    /// <summary>Size of each staged block; also the unit of upload memory.</summary>
    public int BlockSizeBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blocks of one upload being staged at the same time.</summary>
    public int MaxConcurrencyPerUpload { get; init; } = 4;

    /// <summary>
    /// Upload buffers held by all uploads of the process together (rounded down to whole blocks, at least one). An upload
    /// waits for a free block before reading more, so many large parallel uploads slow down instead of exhausting memory.
    /// </summary>
    public long MaxBufferedBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Page size hint for listing (1..5000).</summary>
    public int ListPageSize { get; init; } = 5000;
}
