using System.IO.Compression;

namespace HumasSaaS.Storage;

/// <summary>
/// JPEG and PNG structure checks: the declared size (JPEG frame header, PNG IHDR) must be within the pixel bound and
/// agree with the rest of the file (JPEG: one frame size, the Exif pixel dimensions; PNG: the inflated image data has
/// exactly the length the header implies). Pixels are never decoded.
/// </summary>
internal static class ImageInspector
{
    // ------------------------------------------------------------------ JPEG

    public static HostileFinding? InspectJpeg(RandomAccessBytes src, HostileFileLimits limits)
    {
        if (src[0] != 0xFF || src[1] != 0xD8) return Unreadable;
        long width = 0, height = 0;
        var frames = 0;
        (long X, long Y)? exif = null;
        var sawScan = false;
        long p = 2;
        while (true)
        {
            if (src[p] != 0xFF) return Unreadable;
            while (src[p] == 0xFF) p++; // fill bytes
            var marker = src[p++];
            if (marker < 0) return Unreadable;
            if (marker == 0xD9) return sawScan ? Verdict() : Unreadable; // EOI
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue; // no length
            var length = U16(src, p);
            if (length < 2 || p + length > src.Length) return Unreadable;
            var body = p + 2;
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    var components = src[body + 5];
                    if (components is < 1 or > 4 || length != 8 + 3 * components) return Unreadable;
                    long h = U16(src, body + 1), w = U16(src, body + 3);
                    if (frames > 0 && (w != width || h != height)) return Mismatch(w, h);
                    width = w;
                    height = h;
                    frames++;
                    if (w == 0 || h == 0) return Mismatch(w, h);
                    if (w * h > limits.MaxPixels) return new HostileFinding(HostileFileReason.ImageTooManyPixels, w, h);
                    break;
                case 0xE1 when length > 8 && Matches(src, body, "Exif\0\0"u8):
                    exif ??= ExifPixelDimensions(src, body + 6, p + length);
                    break;
                case 0xDA:
                    if (frames == 0) return Unreadable;
                    sawScan = true;
                    p += length;
                    // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
                    while (true)
                    {
                        var c = src[p];
                        if (c < 0) return Unreadable; // cut off before EOI
                        if (c == 0xFF)
                        {
                            var n = src[p + 1];
                            if (n is 0x00 or (>= 0xD0 and <= 0xD7) or 0xFF) { p += n == 0xFF ? 1 : 2; continue; }
                            break;
                        }
                        p++;
                    }
                    continue;
            }
            p += length;
        }

        HostileFinding? Verdict()
        {
            if (exif is { } e && e.X > 0 && e.Y > 0 && !(e.X == width && e.Y == height) && !(e.X == height && e.Y == width))
                return Mismatch(width, height);
            return null;
        }
    }

    /// <summary>PixelXDimension/PixelYDimension from the Exif sub-IFD, when present and readable.</summary>
    private static (long X, long Y)? ExifPixelDimensions(RandomAccessBytes src, long tiff, long end)
    {
        bool? little = src[tiff] == 'I' && src[tiff + 1] == 'I' ? true : src[tiff] == 'M' && src[tiff + 1] == 'M' ? false : null;
        if (little is not { } le) return null;
        long Read(long at, int bytes)
        {
            if (at < tiff || at + bytes > end) return -1;
            long v = 0;
            for (var i = 0; i < bytes; i++) v = le ? v | (long)src[at + i] << (8 * i) : v << 8 | (long)src[at + i];
            return v;
        }
        long ExifIfd()
        {
            var ifd0 = Read(tiff + 4, 4);
            var count = Read(tiff + ifd0, 2);
            for (var i = 0; i < count && i < 512; i++)
            {
                var entry = tiff + ifd0 + 2 + 12 * i;
                if (Read(entry, 2) == 0x8769) return Read(entry + 8, 4);
            }
            return -1;
        }
        var ifd = ExifIfd();
        if (ifd < 0) return null;
        var n = Read(tiff + ifd, 2);
        long x = 0, y = 0;
        for (var i = 0; i < n && i < 512; i++)
        {
            var entry = tiff + ifd + 2 + 12 * i;
            var tag = Read(entry, 2);
            if (tag is not (0xA002 or 0xA003)) continue;
            var type = Read(entry + 2, 2);
            var value = type == 3 ? Read(entry + 8, 2) : type == 4 ? Read(entry + 8, 4) : -1;
            if (tag == 0xA002) x = value; else y = value;
        }
        return x > 0 && y > 0 ? (x, y) : null;
    }

    // ------------------------------------------------------------------ PNG

    public static HostileFinding? InspectPng(RandomAccessBytes src, HostileFileLimits limits)
    {
        const long signature = 8;
        if (U32(src, signature) != 13 || !Matches(src, signature + 4, "IHDR"u8)) return Unreadable;
        long width = U32(src, signature + 8), height = U32(src, signature + 12);
        int depth = src[signature + 16], colorType = src[signature + 17];
        if (src[signature + 18] != 0 || src[signature + 19] != 0 || src[signature + 20] is not (0 or 1)) return Unreadable;
        var interlaced = src[signature + 20] == 1;
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        var depthOk = colorType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!depthOk) return Unreadable;
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue) return Mismatch(width, height);
        if (width * height > limits.MaxPixels) return new HostileFinding(HostileFileReason.ImageTooManyPixels, width, height);

        var data = new List<(long Start, long Length)>();
        var p = signature;
        var sawEnd = false;
        while (p + 12 <= src.Length)
        {
            var length = U32(src, p);
            if (length > int.MaxValue || p + 12 + length > src.Length) return Unreadable;
            if (Matches(src, p + 4, "IDAT"u8)) data.Add((p + 8, length));
            if (Matches(src, p + 4, "IEND"u8)) { sawEnd = true; break; }
            p += 12 + length;
        }
        if (!sawEnd || data.Count == 0) return Unreadable;

        var bitsPerPixel = (long)channels * depth;
        long expected = 0;
        if (!interlaced) expected = height * (1 + (width * bitsPerPixel + 7) / 8);
        else
        {
            // Adam7: (x start, y start, x step, y step) of the seven passes.
            ReadOnlySpan<int> passes = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
            for (var i = 0; i < passes.Length; i += 4)
            {
                var pw = (width - passes[i] + passes[i + 2] - 1) / passes[i + 2];
                var ph = (height - passes[i + 1] + passes[i + 3] - 1) / passes[i + 3];
                if (pw > 0 && ph > 0) expected += ph * (1 + (pw * bitsPerPixel + 7) / 8);
            }
        }
        try
        {
            using var inflater = new ZLibStream(new ConcatenatedSlices(src, data), CompressionMode.Decompress);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = inflater.Read(buffer)) > 0)
            {
                total += n;
                if (total > expected) return Mismatch(width, height);
            }
            return total == expected ? null : Mismatch(width, height);
        }
        catch (InvalidDataException)
        {
            return Unreadable;
        }
    }

    /// <summary>The IDAT chunks' data, one after the other, as one stream.</summary>
    private sealed class ConcatenatedSlices(RandomAccessBytes src, List<(long Start, long Length)> slices) : Stream
    {
        private int _index;
        private Stream? _current;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_index < slices.Count)
            {
                _current ??= src.Slice(slices[_index].Start, slices[_index].Length);
                var n = _current.Read(buffer);
                if (n > 0) return n;
                _current.Dispose();
                _current = null;
                _index++;
            }
            return 0;
        }

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

    // ------------------------------------------------------------------ helpers

    private static readonly HostileFinding Unreadable = new(HostileFileReason.ImageUnreadable);

    private static HostileFinding Mismatch(long width, long height) => new(HostileFileReason.ImageSizeMismatch, width, height);

    private static int U16(RandomAccessBytes src, long at) => src[at] < 0 || src[at + 1] < 0 ? -1 : src[at] << 8 | src[at + 1];

    private static long U32(RandomAccessBytes src, long at)
    {
        long v = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = src[at + i];
            if (b < 0) return -1;
            v = v << 8 | (uint)b;
        }
        return v;
    }

    private static bool Matches(RandomAccessBytes src, long at, ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++)
            if (src[at + i] != text[i]) return false;
        return true;
    }
}
