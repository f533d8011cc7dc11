using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace HumasSaaS.Storage;

/// <summary>
/// A small Azure Blob Storage REST client (Shared Key auth, x-ms-version 2021-08-06) built on the BCL only.
/// Works against Azure (<c>https://ACCOUNT.blob.core.windows.net</c>) and Azurite (<c>http://host:port/ACCOUNT</c>).
/// </summary>
public sealed class AzureBlobRestClient : IBlobStore
{
    public const string ApiVersion = "2021-08-06";

    /// <summary>Azure allows at most 50,000 committed blocks per block blob.</summary>
    private const int MaxBlocks = 50_000;

    /// <summary>Azure allows blocks of at most 4000 MiB.</summary>
    private const int MaxBlockSize = int.MaxValue - 1024 * 1024;

    private static readonly TimeSpan SasClockSkew = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly BlobStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly SharedKeySigner _signer;
    private readonly string _baseUrl;

    public AzureBlobRestClient(HttpClient httpClient, BlobStorageOptions options)
        : this(httpClient, options, TimeProvider.System)
    {
    }

    /// <param name="timeProvider">Clock used for x-ms-date and SAS start/expiry.</param>
    public AzureBlobRestClient(HttpClient httpClient, BlobStorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!options.ServiceUri.IsAbsoluteUri || (options.ServiceUri.Scheme != Uri.UriSchemeHttp && options.ServiceUri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("ServiceUri must be an absolute http(s) URI.", nameof(options));
        if (!string.IsNullOrEmpty(options.ServiceUri.Query) || !string.IsNullOrEmpty(options.ServiceUri.Fragment))
            throw new ArgumentException("ServiceUri must not have a query or fragment.", nameof(options));
        if (string.IsNullOrWhiteSpace(options.AccountName) || options.AccountName.Any(c => !char.IsAsciiLetterOrDigit(c)))
            throw new ArgumentException("AccountName must be letters and digits.", nameof(options));
        if (options.BlockSizeBytes is < 1 or > MaxBlockSize)
            throw new ArgumentException($"BlockSizeBytes must be between 1 and {MaxBlockSize}.", nameof(options));
        if (options.ListPageSize is < 1 or > 5000)
            throw new ArgumentException("ListPageSize must be between 1 and 5000.", nameof(options));

        _http = httpClient;
        _options = options;
        _time = timeProvider;
        _signer = new SharedKeySigner(options.AccountName, options.AccountKey);
        // Path-style endpoints (Azurite: http://127.0.0.1:10000/ACCOUNT) keep their "/ACCOUNT" path; the Shared Key
        // canonicalized resource is "/ACCOUNT" + the request path, so it names the account twice there and once for
        // https://ACCOUNT.blob.core.windows.net.
        _baseUrl = options.ServiceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    // ------------------------------------------------------------------ containers

    public async Task CreateContainerIfNotExistsAsync(string container, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, ContainerUri(container, "restype=container")),
            idempotent: true, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created) return;
        if (response.StatusCode == HttpStatusCode.Conflict && ErrorCodeOf(response) == "ContainerAlreadyExists") return;
        throw await ErrorAsync(response, $"Create container '{container}'", ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the container and everything in it (not part of <see cref="IBlobStore"/>); false when it did not exist.</summary>
    public async Task<bool> DeleteContainerIfExistsAsync(string container, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, ContainerUri(container, "restype=container")),
            idempotent: true, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted) return true;
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        throw await ErrorAsync(response, $"Delete container '{container}'", ct).ConfigureAwait(false);
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
        if (options.HeadLength is < 1 or > MaxBlockSize) throw new ArgumentException("HeadLength must be positive.", nameof(options));

        var blobUri = BlobUri(container, blobName);
        // The first chunk must hold the head so that detection happens before any block is sent.
        var bufferSize = Math.Max(_options.BlockSizeBytes, options.HeadLength);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            // A random per-upload prefix keeps concurrent uploads to the same name from mixing their uncommitted blocks;
            // every id has the same length, as Azure requires.
            var uploadId = Guid.NewGuid().ToString("N");
            var blockIds = new List<string>();
            long total = 0;
            string? contentType = null;

            while (true)
            {
                var (filled, endOfStream) = await FillAsync(content, buffer.AsMemory(0, bufferSize), total, options.MaxBytes, ct).ConfigureAwait(false);
                total += filled;

                if (contentType is null)
                {
                    if (filled == 0) throw new BlobContentRejectedException("empty");
                    var head = buffer.AsMemory(0, Math.Min(options.HeadLength, filled));
                    contentType = NormalizeContentType(options.DetectContentType(head))
                                  ?? throw new BlobContentRejectedException("unrecognized content type");
                    if (options.IfNoneMatchAny)
                        await ThrowIfExistsAsync(container, blobName, blobUri, ct).ConfigureAwait(false);
                }

                if (filled > 0)
                {
                    if (blockIds.Count == MaxBlocks)
                        throw new BlobStorageException($"The content needs more than {MaxBlocks} blocks; increase BlockSizeBytes.");
                    sha.AppendData(buffer, 0, filled);
                    var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(
                        uploadId + "-" + blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)));
                    await PutBlockAsync(blobUri, blockId, buffer, filled, ct).ConfigureAwait(false);
                    blockIds.Add(blockId);
                }

                if (endOfStream) break;
            }

            await PutBlockListAsync(container, blobName, blobUri, blockIds, contentType, options.IfNoneMatchAny, ct).ConfigureAwait(false);
            return new BlobUploadResult(total, Convert.ToHexStringLower(sha.GetHashAndReset()), contentType);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
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

    private async Task ThrowIfExistsAsync(string container, string blobName, Uri blobUri, CancellationToken ct)
    {
        // Fail fast instead of sending the whole stream; the commit's If-None-Match: * is what guarantees it.
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, blobUri), idempotent: true, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) throw new BlobAlreadyExistsException(container, blobName, HttpStatusCode.Conflict, "BlobAlreadyExists");
        if (response.StatusCode == HttpStatusCode.NotFound) return;
        throw await ErrorAsync(response, $"Get properties of '{container}/{blobName}'", ct).ConfigureAwait(false);
    }

    private async Task PutBlockAsync(Uri blobUri, string blockId, byte[] buffer, int count, CancellationToken ct)
    {
        var uri = new Uri(blobUri.AbsoluteUri + "?comp=block&blockid=" + Uri.EscapeDataString(blockId));
        var md5 = MD5.HashData(buffer.AsSpan(0, count));
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent(buffer, 0, count) };
            request.Content.Headers.ContentLength = count;
            request.Content.Headers.ContentMD5 = md5;
            return request;
        }, idempotent: true, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw await ErrorAsync(response, "Put Block", ct).ConfigureAwait(false);
    }

    private async Task PutBlockListAsync(string container, string blobName, Uri blobUri, List<string> blockIds, string contentType, bool ifNoneMatchAny, CancellationToken ct)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds) xml.Append("<Latest>").Append(id).Append("</Latest>");
        xml.Append("</BlockList>");
        var body = Encoding.UTF8.GetBytes(xml.ToString());
        var uri = new Uri(blobUri.AbsoluteUri + "?comp=blocklist");
        // Not retried: a retry after a lost answer would report a spurious conflict with If-None-Match.
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", contentType);
            if (ifNoneMatchAny) request.Headers.TryAddWithoutValidation("If-None-Match", "*");
            return request;
        }, idempotent: false, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created) return;
        if (ifNoneMatchAny && response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
            throw new BlobAlreadyExistsException(container, blobName, response.StatusCode, ErrorCodeOf(response));
        throw await ErrorAsync(response, $"Put Block List '{container}/{blobName}'", ct).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ read / delete / copy

    public async Task<BlobDownload?> GetAsync(string container, string blobName, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        var uri = BlobUri(container, blobName);
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), idempotent: true, ct).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                return null;
            }
            if (response.StatusCode != HttpStatusCode.OK)
                throw await ErrorAsync(response, $"Get Blob '{container}/{blobName}'", ct).ConfigureAwait(false);

            var headers = response.Content.Headers;
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return new BlobDownload(
                stream,
                headers.ContentType?.ToString() ?? "application/octet-stream",
                headers.ContentLength ?? -1,
                response,
                response.Headers.ETag?.ToString(),
                headers.LastModified);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        var uri = BlobUri(container, blobName);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, uri);
            request.Headers.TryAddWithoutValidation("x-ms-delete-snapshots", "include");
            return request;
        }, idempotent: true, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted) return true;
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        throw await ErrorAsync(response, $"Delete Blob '{container}/{blobName}'", ct).ConfigureAwait(false);
    }

    public async Task CopyAsync(string sourceContainer, string sourceBlob, string destinationContainer, string destinationBlob, CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(sourceContainer);
        BlobNames.ValidateBlobName(sourceBlob);
        BlobNames.ValidateContainerName(destinationContainer);
        BlobNames.ValidateBlobName(destinationBlob);

        // The source is in this account, so the destination request's Shared Key authorises it: no SAS is needed (one
        // could expire during a pending copy, and Azurite validates a SAS'd source by calling the URL itself, which
        // fails when its host name does not resolve from the emulator).
        var source = BlobUri(sourceContainer, sourceBlob);
        var destinationUri = BlobUri(destinationContainer, destinationBlob);
        string? copyId;
        string? status;
        using (var response = await SendAsync(() =>
               {
                   var request = new HttpRequestMessage(HttpMethod.Put, destinationUri);
                   request.Headers.TryAddWithoutValidation("x-ms-copy-source", source.AbsoluteUri);
                   return request;
               }, idempotent: true, ct).ConfigureAwait(false))
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw await ErrorAsync(response, $"Copy Blob '{sourceContainer}/{sourceBlob}' to '{destinationContainer}/{destinationBlob}'", ct).ConfigureAwait(false);
            copyId = HeaderOf(response, "x-ms-copy-id");
            status = HeaderOf(response, "x-ms-copy-status");
        }

        var delay = TimeSpan.FromMilliseconds(100);
        while (status == "pending")
        {
            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, destinationUri), idempotent: true, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw await ErrorAsync(response, $"Get properties of copy destination '{destinationContainer}/{destinationBlob}'", ct).ConfigureAwait(false);
            var currentId = HeaderOf(response, "x-ms-copy-id");
            if (copyId is not null && currentId != copyId)
                throw new BlobStorageException($"Copy to '{destinationContainer}/{destinationBlob}' was superseded by another copy or write.");
            status = HeaderOf(response, "x-ms-copy-status");
            if (status == "failed" || status == "aborted")
                throw new BlobStorageException($"Copy to '{destinationContainer}/{destinationBlob}' {status}: {HeaderOf(response, "x-ms-copy-status-description")}");
        }
        if (status != "success")
            throw new BlobStorageException($"Copy to '{destinationContainer}/{destinationBlob}' ended with status '{status}'.");
    }

    // ------------------------------------------------------------------ list

    public async IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        BlobNames.ValidateContainerName(container);
        string? marker = null;
        do
        {
            var query = new StringBuilder("restype=container&comp=list&maxresults=")
                .Append(_options.ListPageSize.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(prefix)) query.Append("&prefix=").Append(Uri.EscapeDataString(prefix));
            if (!string.IsNullOrEmpty(marker)) query.Append("&marker=").Append(Uri.EscapeDataString(marker));
            var uri = ContainerUri(container, query.ToString());

            XDocument page;
            using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), idempotent: true, ct).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound && ErrorCodeOf(response) is null or "ContainerNotFound")
                    yield break;
                if (response.StatusCode != HttpStatusCode.OK)
                    throw await ErrorAsync(response, $"List Blobs '{container}'", ct).ConfigureAwait(false);
                await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                page = await XDocument.LoadAsync(stream, LoadOptions.None, ct).ConfigureAwait(false);
            }

            var root = page.Root ?? throw new BlobStorageException("List Blobs returned an empty document.");
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var nameElement = blob.Element("Name");
                if (nameElement is null) continue;
                var name = (string?)nameElement.Attribute("Encoded") == "true"
                    ? Uri.UnescapeDataString(nameElement.Value)
                    : nameElement.Value;
                var properties = blob.Element("Properties");
                var length = long.TryParse(properties?.Element("Content-Length")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0;
                var lastModified = DateTimeOffset.TryParse(properties?.Element("Last-Modified")?.Value, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var lm) ? lm : default;
                var contentType = properties?.Element("Content-Type")?.Value;
                yield return new BlobItem(name, length, lastModified, string.IsNullOrEmpty(contentType) ? null : contentType);
            }
            marker = root.Element("NextMarker")?.Value;
        } while (!string.IsNullOrEmpty(marker));
    }

    // ------------------------------------------------------------------ SAS

    public Uri CreateReadSasUri(string container, string blobName, TimeSpan lifetime, string? contentDisposition = null)
    {
        BlobNames.ValidateContainerName(container);
        BlobNames.ValidateBlobName(blobName);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "The SAS lifetime must be positive.");
        if (contentDisposition is not null && contentDisposition.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException("contentDisposition must be printable ASCII (use RFC 5987 filename* for other characters).", nameof(contentDisposition));

        var now = _time.GetUtcNow();
        var start = FormatSasTime(now - SasClockSkew);
        var expiry = FormatSasTime(now + lifetime);
        const string permissions = "r";
        const string resource = "b";
        var canonicalResource = "/blob/" + _options.AccountName + "/" + container + "/" + blobName;

        // Service SAS string-to-sign for version 2020-12-06 and later.
        var stringToSign = string.Join('\n',
            permissions,
            start,
            expiry,
            canonicalResource,
            "", // signedIdentifier
            "", // signedIP
            "", // signedProtocol: empty allows http (Azurite) and https
            ApiVersion,
            resource,
            "", // signedSnapshotTime
            "", // signedEncryptionScope
            "", // rscc
            contentDisposition ?? "", // rscd
            "", // rsce
            "", // rscl
            ""); // rsct
        var signature = _signer.Sign(stringToSign);

        var query = new StringBuilder()
            .Append("sv=").Append(Uri.EscapeDataString(ApiVersion))
            .Append("&st=").Append(Uri.EscapeDataString(start))
            .Append("&se=").Append(Uri.EscapeDataString(expiry))
            .Append("&sr=").Append(resource)
            .Append("&sp=").Append(permissions);
        if (contentDisposition is not null) query.Append("&rscd=").Append(Uri.EscapeDataString(contentDisposition));
        query.Append("&sig=").Append(Uri.EscapeDataString(signature));
        return new Uri(BlobUrl(container, blobName) + "?" + query);
    }

    private static string FormatSasTime(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ health

    public async Task<bool> IsReachableAsync(CancellationToken ct = default)
    {
        try
        {
            using var response = await SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl + "/?restype=service&comp=properties")),
                idempotent: false, ct).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false; // HttpClient.Timeout
        }
    }

    // ------------------------------------------------------------------ plumbing

    private Uri ContainerUri(string container, string query) => new(_baseUrl + "/" + container + "?" + query);

    private Uri BlobUri(string container, string blobName) => new(BlobUrl(container, blobName));

    /// <summary>The escaped blob URL as a string (Uri.ToString() would unescape it).</summary>
    private string BlobUrl(string container, string blobName) => _baseUrl + "/" + container + "/" + BlobNames.EscapePath(blobName);

    /// <summary>
    /// Builds, dates, signs and sends a request. Idempotent requests are retried (fresh message, new date) on network
    /// errors and 500/502/503/504. The caller owns the response.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, bool idempotent, CancellationToken ct)
    {
        var attempts = idempotent ? 3 : 1;
        for (var attempt = 1; ; attempt++)
        {
            using var request = createRequest();
            request.Headers.TryAddWithoutValidation("x-ms-date", _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
            _signer.Authorize(request);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
                await Task.Delay(Backoff(attempt), _time, ct).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (attempt < attempts && !ct.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), _time, ct).ConfigureAwait(false);
                continue;
            }
            if (attempt < attempts && response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                    or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                response.Dispose();
                await Task.Delay(Backoff(attempt), _time, ct).ConfigureAwait(false);
                continue;
            }
            return response;
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(4, attempt - 1));

    private static string? HeaderOf(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? ErrorCodeOf(HttpResponseMessage response) => HeaderOf(response, "x-ms-error-code");

    private static async Task<BlobStorageException> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken ct)
    {
        var code = ErrorCodeOf(response);
        string? message = null;
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (body.Length > 0)
            {
                try
                {
                    var root = XDocument.Parse(body).Root;
                    message = root?.Element("Message")?.Value;
                    code ??= root?.Element("Code")?.Value;
                }
                catch (System.Xml.XmlException)
                {
                    message = body.Length > 500 ? body[..500] : body;
                }
            }
        }
        catch (HttpRequestException)
        {
            // the status and error code are what matter
        }
        var text = $"{operation} failed: {(int)response.StatusCode} {response.ReasonPhrase}" +
                   (code is null ? "" : $" ({code})") +
                   (string.IsNullOrWhiteSpace(message) ? "" : ": " + message.Trim().Split('\n')[0]);
        return new BlobStorageException(text, response.StatusCode, code);
    }
}
