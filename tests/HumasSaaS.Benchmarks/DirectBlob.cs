using System.Globalization;
using System.Net.Http.Headers;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Benchmarks;

/// <summary>One Put Blob request of the whole body straight to Azurite: the floor the API upload is compared with.</summary>
public sealed class DirectBlob
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(10) };
    private readonly SharedKeySigner signer = new(TestEnvironment.BlobAccountName, TestEnvironment.BlobAccountKey);
    private readonly AzureBlobRestClient client;

    public DirectBlob()
    {
        client = new AzureBlobRestClient(new HttpClient(), new BlobStorageOptions
        {
            ServiceUri = new Uri(TestEnvironment.BlobServiceUri),
            AccountName = TestEnvironment.BlobAccountName,
            AccountKey = TestEnvironment.BlobAccountKey,
        });
    }

    public Task CreateContainerAsync(string container) => client.CreateContainerIfNotExistsAsync(container);

    public Task DeleteAsync(string container, string blob) => client.DeleteIfExistsAsync(container, blob);

    public async Task PutBlobAsync(string container, string blob, long length)
    {
        var baseUri = TestEnvironment.BlobServiceUri.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{baseUri}/{container}/{blob}")
        {
            Content = new StreamContent(new GeneratedPdfStream(length), 1 << 20),
        };
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        request.Headers.TryAddWithoutValidation("x-ms-date", DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-ms-version", AzureBlobRestClient.ApiVersion);
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        signer.Authorize(request);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Put Blob failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
