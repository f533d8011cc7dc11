using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HumasSaaS.Storage.Tests;

/// <summary>Reads the real storage endpoint from the environment; tests fail (never pass silently) without it.</summary>
internal static class TestEnv
{
    private static readonly string[] Names = ["Blob__ServiceUri", "Blob__AccountName", "Blob__AccountKey"];

    public sealed record Endpoint(Uri ServiceUri, string AccountName, string AccountKey);

    public static Endpoint Options(string? accountKey = null, Uri? serviceUri = null)
    {
        var missing = Names.Where(n => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(n))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "HumasSaaS.Storage.Tests run against a real Azurite (or Azure) blob endpoint and cannot run without it. " +
                $"Missing environment variable(s): {string.Join(", ", missing)}. Start Azurite, e.g. " +
                "AZURITE_ACCOUNTS=\"humasdev:<base64 key>\" npx azurite-blob --blobHost 127.0.0.1 --blobPort 10199 --loose --skipApiVersionCheck --disableTelemetry, " +
                "then export Blob__ServiceUri=http://127.0.0.1:10199/humasdev Blob__AccountName=humasdev Blob__AccountKey=<base64 key>.");
        }
        return new Endpoint(
            serviceUri ?? new Uri(Environment.GetEnvironmentVariable("Blob__ServiceUri")!),
            Environment.GetEnvironmentVariable("Blob__AccountName")!,
            accountKey ?? Environment.GetEnvironmentVariable("Blob__AccountKey")!);
    }

    /// <summary>The store as the app builds it (SDK client with the pinned service version), over <paramref name="http"/>.</summary>
    public static AzureBlobStore Store(HttpClient http, int? blockSize = null, int? listPageSize = null, string? accountKey = null,
        Uri? serviceUri = null, TimeProvider? time = null, int? concurrency = null)
    {
        var e = Options(accountKey, serviceUri);
        var defaults = new BlobTransferOptions();
        return new AzureBlobStore(BlobStorageRegistration.CreateServiceClient(e.ServiceUri, e.AccountName, e.AccountKey, http),
            new BlobTransferOptions
            {
                BlockSizeBytes = blockSize ?? defaults.BlockSizeBytes,
                ListPageSize = listPageSize ?? defaults.ListPageSize,
                MaxConcurrencyPerUpload = concurrency ?? defaults.MaxConcurrencyPerUpload,
            }, time);
    }

    public static string NewContainerName() => "test-" + Guid.NewGuid().ToString("N");

    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>Records every request that goes to the real server (no mocking: the requests are passed on unchanged).</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<(HttpMethod Method, Uri Uri)> Requests { get; } = new();

    /// <summary>Called for every request before it is sent (e.g. to cancel the caller at a precise moment).</summary>
    public Action<HttpRequestMessage>? OnRequest { get; set; }

    /// <summary>Block uploads (Put Block) currently on the wire, and the most seen at once.</summary>
    public int BlocksInFlight => _blocksInFlight;
    public int PeakBlocksInFlight => _peakBlocksInFlight;
    private int _blocksInFlight;
    private int _peakBlocksInFlight;

    /// <summary>Added before each Put Block is sent, so that parallel sends overlap visibly.</summary>
    public TimeSpan BlockDelay { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.Method, request.RequestUri!));
        OnRequest?.Invoke(request);
        if (!request.RequestUri!.Query.Contains("comp=block&", StringComparison.Ordinal))
            return await base.SendAsync(request, cancellationToken);
        var now = Interlocked.Increment(ref _blocksInFlight);
        int peak;
        while ((peak = Volatile.Read(ref _peakBlocksInFlight)) < now && Interlocked.CompareExchange(ref _peakBlocksInFlight, now, peak) != peak) { }
        try
        {
            if (BlockDelay > TimeSpan.Zero) await Task.Delay(BlockDelay, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _blocksInFlight);
        }
    }

    public int Count(string queryPart) => Requests.Count(r => r.Uri.Query.Contains(queryPart, StringComparison.Ordinal));
}

/// <summary>A client plus the containers it created; deletes them afterwards.</summary>
internal sealed class StoreScope : IAsyncDisposable
{
    private readonly List<string> _containers = [];

    public StoreScope(int? blockSize = null, int? listPageSize = null)
    {
        Handler = new RecordingHandler();
        Http = new HttpClient(Handler);
        Store = TestEnv.Store(Http, blockSize, listPageSize);
    }

    public RecordingHandler Handler { get; }
    public HttpClient Http { get; }
    public AzureBlobStore Store { get; }

    public async Task<string> NewContainerAsync()
    {
        var name = TestEnv.NewContainerName();
        await Store.CreateContainerIfNotExistsAsync(name);
        _containers.Add(name);
        return name;
    }

    public async Task<byte[]?> ReadAllAsync(string container, string blob)
    {
        await using var download = await Store.GetAsync(container, blob);
        if (download is null) return null;
        using var ms = new MemoryStream();
        await download.Content.CopyToAsync(ms);
        Assert.Equal(download.Length, ms.Length);
        return ms.ToArray();
    }

    public async Task<List<BlobItem>> ListAllAsync(string container, string? prefix = null)
    {
        var items = new List<BlobItem>();
        await foreach (var item in Store.ListAsync(container, prefix)) items.Add(item);
        return items;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _containers)
        {
            try { await Store.DeleteContainerIfExistsAsync(c); } catch (BlobStorageException) { }
        }
        Http.Dispose();
    }
}

internal static class Data
{
    public static byte[] Random(int length)
    {
        var bytes = new byte[length];
        System.Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static byte[] Png(int length)
    {
        var bytes = Random(length);
        PngSignature.CopyTo(bytes, 0);
        return bytes;
    }

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string? DetectPng(ReadOnlyMemory<byte> head)
        => head.Span.StartsWith(PngSignature) ? "image/png" : null;

    public static BlobUploadOptions PngOnly(long maxBytes = long.MaxValue, bool ifNoneMatchAny = false)
        => new() { DetectContentType = DetectPng, MaxBytes = maxBytes, IfNoneMatchAny = ifNoneMatchAny };

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}

/// <summary>A readable, non-seekable stream of unknown length (like a request body): subclasses supply Read(Span).</summary>
internal abstract class ForwardOnlyReadStream : Stream
{
    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A non-seekable stream that hands out its data in small, odd-sized reads (like a request body).</summary>
internal class TrickleStream(byte[] data, int maxChunk = 7_777) : ForwardOnlyReadStream
{
    private int _position;

    public long BytesRead => _position;
    public Action? OnEndOfStream { get; init; }
    public long? ThrowAfter { get; init; }

    public override int Read(Span<byte> buffer)
    {
        if (ThrowAfter is { } limit && _position >= limit) throw new IOException("Simulated client disconnect.");
        var n = Math.Min(Math.Min(buffer.Length, maxChunk), data.Length - _position);
        if (ThrowAfter is { } l) n = (int)Math.Min(n, Math.Max(1, l - _position));
        if (n <= 0)
        {
            OnEndOfStream?.Invoke();
            return 0;
        }
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

}

/// <summary>Deterministic pseudo-random bytes of a given length, generated on the fly (no backing array).</summary>
internal sealed class GeneratedStream(long length) : ForwardOnlyReadStream
{
    private long _position;
    private ulong _state = 0x9E3779B97F4A7C15;

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            if ((_position + i) % 8 == 0)
            {
                _state ^= _state << 13; _state ^= _state >> 7; _state ^= _state << 17;
            }
            buffer[i] = (byte)(_state >> (int)((_position + i) % 8 * 8));
        }
        if (_position == 0 && n >= Data.PngSignature.Length) Data.PngSignature.CopyTo(buffer);
        _position += n;
        return n;
    }

}

/// <summary>A clock fixed at a given instant (for SAS expiry tests).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
