using HumasSaaS.Storage;

namespace HumasSaaS.Api.Platform.Uploads;

/// <summary>
/// Wraps an upload's body for the blob store: every byte read also goes to the malware scan and to a spool (256 KiB in memory, then a
/// temporary file). When the body ends, the read that would report the end waits for the scanner's verdict and runs the
/// hostile-file checks on the spool; a refusal is thrown from that read, so the store never commits the blob.
/// </summary>
internal sealed class ScanningUploadStream(Stream body, IMalwareScan scan, HostileFileLimits limits) : Stream
{
    private const int InMemoryBytes = 256 * 1024;
    private Stream _spool = new MemoryStream();
    private bool _ended;
    private long _length;

    /// <summary>True once the whole body was read, scanned clean and passed the hostile-file checks.</summary>
    public bool Verified { get; private set; }

    public long BytesRead => _length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_ended) return 0;
        var n = await body.ReadAsync(buffer, ct);
        if (n > 0)
        {
            _length += n;
            await scan.WriteAsync(buffer[..n], ct);
            await SpoolAsync(buffer[..n], ct);
            return n;
        }
        _ended = true;

        // The scanner works on its copy while the structure checks read the spool.
        var verdict = scan.CompleteAsync(ct);
        HostileFinding? finding;
        try
        {
            finding = Inspect();
        }
        catch
        {
            await verdict.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        var malware = await verdict;
        if (malware.Infected) throw new UploadRefusedException(malware.Signature, null, _length);
        if (finding is not null) throw new UploadRefusedException(null, finding, _length);
        Verified = true;
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private HostileFinding? Inspect()
    {
        _spool.Position = 0;
        Span<byte> head = stackalloc byte[FileSignatures.HeadLength];
        var headLength = _spool.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var type = FileSignatures.Detect(head[..headLength]);
        if (type is null) return null; // the store refuses it by its type
        _spool.Position = 0;
        return HostileFiles.Inspect(_spool, type, limits);
    }

    private async ValueTask SpoolAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (_spool is MemoryStream memory && memory.Length + data.Length > InMemoryBytes)
        {
            var file = new FileStream(Path.Combine(Path.GetTempPath(), "humas-upload-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
                FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            memory.Position = 0;
            await memory.CopyToAsync(file, ct);
            _spool = file;
            await memory.DisposeAsync();
        }
        await _spool.WriteAsync(data, ct);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _spool.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _spool.DisposeAsync();
        await base.DisposeAsync();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Uploads are read asynchronously.");
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Thrown from the upload's last read: malware found (<see cref="Signature"/>) or a hostile file (<see cref="Finding"/>).</summary>
internal sealed class UploadRefusedException(string? signature, HostileFinding? finding, long length)
    : Exception(signature is not null ? "Malware found: " + signature : "Hostile file: " + finding?.Reason)
{
    public string? Signature => signature;
    public HostileFinding? Finding => finding;
    public long Length => length;
}
