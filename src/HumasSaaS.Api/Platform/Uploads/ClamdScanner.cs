using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HumasSaaS.Api.Platform.Uploads;

/// <summary>Settings <c>Clamd:*</c>.</summary>
public sealed class ClamdOptions
{
    /// <summary><c>tcp://host:port</c> or <c>unix:/path/to/clamd.sock</c>. Empty: no scanner, every upload is refused
    /// (and outside Development the app refuses to start).</summary>
    public string? Endpoint { get; set; }

    public double ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Longest wait for clamd to take a chunk or, after the last chunk, to answer.</summary>
    public double ScanTimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// clamd's INSTREAM command (clamd(8)): <c>zINSTREAM\0</c>, then chunks as a 4-byte big-endian length and the bytes,
/// then a zero length; the answer is <c>stream: OK</c> or <c>stream: NAME FOUND</c>, NUL-terminated. One connection
/// per file. clamd's StreamMaxLength must be at least the largest upload (the local config sets it), otherwise clamd
/// closes the stream and the upload is refused as unscanned, never accepted.
/// </summary>
public sealed class ClamdScanner(ClamdOptions options) : IMalwareScanner
{
    public async Task<IMalwareScan> StartAsync(CancellationToken ct)
    {
        var endPoint = ParseEndpoint(options.Endpoint)
                       ?? throw new MalwareScannerUnavailableException("No malware scanner is configured (Clamd:Endpoint).");
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connect.CancelAfter(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds));
                try
                {
                    await socket.ConnectAsync(endPoint, connect.Token);
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw new MalwareScannerUnavailableException($"clamd at {options.Endpoint} did not accept a connection in time.", e);
                }
            }
            var scan = new ClamdScan(new NetworkStream(socket, ownsSocket: true), TimeSpan.FromSeconds(options.ScanTimeoutSeconds), options.Endpoint!);
            await scan.BeginAsync(ct);
            return scan;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new MalwareScannerUnavailableException($"clamd at {options.Endpoint} is unreachable: {e.SocketErrorCode}.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static EndPoint? ParseEndpoint(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        endpoint = endpoint.Trim();
        if (endpoint.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
            return new UnixDomainSocketEndPoint(endpoint["unix:".Length..].TrimStart('/').Insert(0, "/"));
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == "tcp" && uri.Port > 0)
            return new DnsEndPoint(uri.Host, uri.Port);
        throw new InvalidOperationException($"Clamd:Endpoint '{endpoint}' is neither tcp://host:port nor unix:/path.");
    }

    private sealed class ClamdScan(NetworkStream stream, TimeSpan timeout, string endpoint) : IMalwareScan
    {
        // Reads from the request body are often a few KiB; they are gathered into chunks of this size per write.
        private const int ChunkBytes = 256 * 1024;
        private byte[]? _pending = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        private int _filled;

        public Task BeginAsync(CancellationToken ct) => WithTimeoutAsync(t => stream.WriteAsync("zINSTREAM\0"u8.ToArray(), t), ct);

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
        {
            var pending = _pending ?? throw new ObjectDisposedException(nameof(ClamdScan));
            while (!data.IsEmpty)
            {
                var n = Math.Min(ChunkBytes - _filled, data.Length);
                data.Span[..n].CopyTo(pending.AsSpan(4 + _filled));
                _filled += n;
                data = data[n..];
                if (_filled == ChunkBytes) await FlushAsync(ct);
            }
        }

        public async Task<MalwareVerdict> CompleteAsync(CancellationToken ct)
        {
            await FlushAsync(ct);
            await WithTimeoutAsync(t => stream.WriteAsync(new byte[4], t), ct);
            var reply = await ReadReplyAsync(ct);
            // "stream: OK" / "stream: Eicar-Signature FOUND"; anything else (size limit exceeded, errors) is no verdict.
            if (reply == "stream: OK") return MalwareVerdict.Clean;
            if (reply.StartsWith("stream: ", StringComparison.Ordinal) && reply.EndsWith(" FOUND", StringComparison.Ordinal))
                return new MalwareVerdict(reply["stream: ".Length..^" FOUND".Length].Trim());
            throw new MalwareScannerUnavailableException($"clamd at {endpoint} gave no verdict: '{reply}'.");
        }

        private async Task FlushAsync(CancellationToken ct)
        {
            if (_filled == 0) return;
            var pending = _pending!;
            BinaryPrimitives.WriteUInt32BigEndian(pending, (uint)_filled);
            var length = 4 + _filled;
            _filled = 0;
            await WithTimeoutAsync(t => stream.WriteAsync(pending.AsMemory(0, length), t), ct);
        }

        private async Task<string> ReadReplyAsync(CancellationToken ct)
        {
            var reply = new List<byte>();
            var buffer = new byte[256];
            while (reply.Count < 4096)
            {
                var n = 0;
                await WithTimeoutAsync(async t => { n = await stream.ReadAsync(buffer, t); }, ct);
                if (n == 0) break;
                var nul = Array.IndexOf(buffer, (byte)0, 0, n);
                reply.AddRange(buffer.AsSpan(0, nul < 0 ? n : nul));
                if (nul >= 0) break;
            }
            return Encoding.ASCII.GetString(reply.ToArray()).Trim();
        }

        /// <summary>Runs one socket operation under the scan timeout; a timeout or a broken connection means no verdict.</summary>
        private async Task WithTimeoutAsync(Func<CancellationToken, ValueTask> operation, CancellationToken ct)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                await operation(cts.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new MalwareScannerUnavailableException($"clamd at {endpoint} did not answer within {timeout.TotalSeconds:0.#} s.", e);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                throw new MalwareScannerUnavailableException($"The connection to clamd at {endpoint} broke off.", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (Interlocked.Exchange(ref _pending, null) is { } pending) ArrayPool<byte>.Shared.Return(pending);
        }
    }
}
