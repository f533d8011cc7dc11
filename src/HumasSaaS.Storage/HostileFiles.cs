namespace HumasSaaS.Storage;

/// <summary>Why an uploaded file was found hostile (the caller words it for people).</summary>
public enum HostileFileReason
{
    PdfEncrypted,
    PdfJavaScript,
    PdfOpenAction,
    PdfLaunch,
    PdfEmbeddedFile,
    PdfUnreadable,
    ImageTooManyPixels,
    ImageSizeMismatch,
    ImageUnreadable,
}

/// <summary>A refusal: the reason, and for images the declared size.</summary>
public sealed record HostileFinding(HostileFileReason Reason, long Width = 0, long Height = 0);

public sealed class HostileFileLimits
{
    /// <summary>Largest image accepted, in pixels (width × height as declared by the file).</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Most bytes a PDF's object streams may inflate to, all together (a decompression bomb is unreadable).</summary>
    public long MaxPdfInflatedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most indirect objects a PDF may hold.</summary>
    public int MaxPdfObjects { get; init; } = 500_000;
}

/// <summary>
/// Structural checks for the formats <see cref="FileSignatures"/> accepts, run on the whole file before it is stored:
/// PDFs that are encrypted, carry JavaScript, an automatic action on opening (other than going to a page), a launch
/// action or embedded files, or that cannot be parsed; JPEG and PNG images over a pixel bound or whose declared size
/// does not match their data. Own parsers, no rendering: nothing in the file is ever executed or decoded to pixels.
/// </summary>
public static class HostileFiles
{
    /// <summary>
    /// Inspects <paramref name="content"/> (seekable, read from its start) as <paramref name="contentType"/>; null when
    /// the file passes or is not a PDF, JPEG or PNG.
    /// </summary>
    public static HostileFinding? Inspect(Stream content, string? contentType, HostileFileLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek) throw new ArgumentException("The content must be seekable.", nameof(content));
        limits ??= new HostileFileLimits();
        var source = new RandomAccessBytes(content);
        try
        {
            return contentType switch
            {
                FileSignatures.Pdf => PdfInspector.Inspect(source, limits),
                FileSignatures.Jpeg => ImageInspector.InspectJpeg(source, limits),
                FileSignatures.Png => ImageInspector.InspectPng(source, limits),
                _ => null,
            };
        }
        catch (Exception e) when (e is not (OutOfMemoryException or IOException or ObjectDisposedException))
        {
            // A file the parsers cannot follow is not known to be safe: refused as unreadable, never a server error.
            return new HostileFinding(contentType == FileSignatures.Pdf ? HostileFileReason.PdfUnreadable : HostileFileReason.ImageUnreadable);
        }
    }
}

/// <summary>Byte access by position over a seekable stream through a small window (the file is never loaded whole).</summary>
internal sealed class RandomAccessBytes
{
    private const int WindowSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly byte[] _window = new byte[WindowSize];
    private long _windowStart = -1;
    private int _windowLength;

    public RandomAccessBytes(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    /// <summary>The byte at <paramref name="position"/>, or -1 outside the file.</summary>
    public int this[long position]
    {
        get
        {
            if (position < 0 || position >= Length) return -1;
            if (position < _windowStart || position >= _windowStart + _windowLength) Load(position);
            return _window[position - _windowStart];
        }
    }

    public byte[] Read(long position, int count)
    {
        var result = new byte[count];
        _stream.Position = position;
        _stream.ReadExactly(result);
        _windowStart = -1;
        return result;
    }

    public Stream Slice(long position, long length)
    {
        _windowStart = -1;
        return new SliceStream(_stream, position, length);
    }

    private void Load(long position)
    {
        _stream.Position = position;
        _windowLength = _stream.ReadAtLeast(_window, (int)Math.Min(WindowSize, Length - position), throwOnEndOfStream: false);
        _windowStart = position;
    }

    /// <summary>A read-only view of part of the underlying stream (for inflating a stream object or image data).</summary>
    internal sealed class SliceStream(Stream inner, long start, long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (n <= 0) return 0;
            inner.Position = start + _position;
            n = inner.Read(buffer[..n]);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
