using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumasSaaS.Storage;

/// <summary>
/// Connects to Blob Storage the Azure way (<c>AddAzureClients</c>). Settings under <c>Blob</c>:
/// <c>ServiceUri</c> (required), and either <c>AccountName</c> + <c>AccountKey</c> (Azurite, tests) or neither, in
/// which case <see cref="DefaultAzureCredential"/> is used (managed identity in Azure; no key in configuration).
/// </summary>
public static class BlobStorageRegistration
{
    /// <summary>
    /// The service version sent with every request. Pinned to one Azurite 3.35 accepts, so a newer SDK cannot silently
    /// move the wire protocol ahead of the emulator the tests run against.
    /// </summary>
    public const BlobClientOptions.ServiceVersion PinnedServiceVersion = BlobClientOptions.ServiceVersion.V2025_11_05;

    public static IServiceCollection AddHumasBlobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Blob");
        var serviceUri = new Uri(section["ServiceUri"] ?? throw new InvalidOperationException("Blob:ServiceUri is not set."));
        var accountName = section["AccountName"];
        var accountKey = section["AccountKey"];
        var transfer = new BlobTransferOptions();
        section.GetSection("Transfer").Bind(transfer);

        services.AddAzureClients(clients =>
        {
            var builder = string.IsNullOrEmpty(accountKey)
                ? clients.AddBlobServiceClient(serviceUri)
                : clients.AddBlobServiceClient(serviceUri, new StorageSharedKeyCredential(
                    accountName ?? throw new InvalidOperationException("Blob:AccountName is required with Blob:AccountKey."), accountKey));
            builder.WithVersion(PinnedServiceVersion).ConfigureOptions(ConfigureDefaults);
            clients.UseCredential(new DefaultAzureCredential());
        });
        services.AddSingleton(transfer);
        services.AddSingleton<IBlobStore>(sp => new AzureBlobStore(sp.GetRequiredService<BlobServiceClient>(), transfer));
        return services;
    }

    /// <summary>A service client with an account key, as the app configures it (tests, benchmarks, tools).</summary>
    public static BlobServiceClient CreateServiceClient(Uri serviceUri, string accountName, string accountKey, HttpClient? httpClient = null)
    {
        var options = new BlobClientOptions(PinnedServiceVersion);
        ConfigureDefaults(options);
        if (httpClient is not null) options.Transport = new HttpClientTransport(httpClient);
        return new BlobServiceClient(serviceUri, new StorageSharedKeyCredential(accountName, accountKey), options);
    }

    private static void ConfigureDefaults(BlobClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(2);
    }
}
