namespace HumasSaaS.Storage;

/// <summary>Connection settings for an Azure Blob Storage account (or Azurite).</summary>
public sealed class BlobStorageOptions
{
    /// <summary>
    /// The blob service endpoint. Production: <c>https://ACCOUNT.blob.core.windows.net</c>.
    /// Azurite (path-style): <c>http://127.0.0.1:10000/ACCOUNT</c>.
    /// </summary>
    public required Uri ServiceUri { get; init; }

    public required string AccountName { get; init; }

    /// <summary>Base64 account key (Shared Key).</summary>
    public required string AccountKey { get; init; }

    /// <summary>Size of each Put Block request; also the only upload buffer held in memory.</summary>
    public int BlockSizeBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>maxresults used for each List Blobs page (1..5000).</summary>
    public int ListPageSize { get; init; } = 5000;
}
