using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Benchmarks;

/// <summary>
/// The same bytes uploaded straight to the same Azurite with the SDK (its own parallel block upload, same block size and
/// parallelism as the API's store): the floor the API upload is compared with.
/// </summary>
public sealed class DirectBlob
{
    private readonly BlobServiceClient service = BlobStorageRegistration.CreateServiceClient(
        new Uri(TestEnvironment.BlobServiceUri), TestEnvironment.BlobAccountName, TestEnvironment.BlobAccountKey);

    public BlobServiceClient Service => service;

    public Task CreateContainerAsync(string container) => service.GetBlobContainerClient(container).CreateIfNotExistsAsync();

    public Task DeleteContainerAsync(string container) => service.GetBlobContainerClient(container).DeleteIfExistsAsync();

    public async Task UploadAsync(string container, string blob, long length)
    {
        var transfer = new BlobTransferOptions();
        await service.GetBlobContainerClient(container).GetBlobClient(blob).UploadAsync(new GeneratedPdfStream(length), new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = transfer.BlockSizeBytes,
                MaximumTransferSize = transfer.BlockSizeBytes,
                MaximumConcurrency = transfer.MaxConcurrencyPerUpload,
            },
        });
    }
}
