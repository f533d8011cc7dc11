using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HumasSaaS.Tests.Infrastructure;

/// <summary>
/// Real, small PDF, PNG and JPEG files built at run time (valid structure, cross-reference offsets and checksums), plus
/// the variants the hostile-file checks must refuse, and the EICAR anti-virus test file. Nothing hostile is committed
/// as a file: the EICAR string is only assembled here, in memory.
/// </summary>
public static class SampleFiles
{
    /// <summary>The 68-byte EICAR test file (eicar.org), built from two parts so the repository never holds it whole.</summary>
    public static byte[] Eicar() =>
        Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*");

    // ------------------------------------------------------------------ PDF

    /// <summary>
    /// A one-page PDF 1.4 with a classic cross-reference table. <paramref name="catalogExtra"/> goes into the catalog,
    /// <paramref name="extraObjects"/> become objects 5, 6, …, <paramref name="trailerExtra"/> goes into the trailer.
    /// </summary>
    public static byte[] Pdf(string catalogExtra = "", string trailerExtra = "", params string[] extraObjects)
    {
        const string content = "BT /F1 18 Tf 72 760 Td (Dokumen uji HumasSaaS) Tj ET";
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        };
        objects.AddRange(extraObjects);
        return Assemble(objects.Select(o => Encoding.Latin1.GetBytes(o)).ToList(), trailerExtra);
    }

    /// <summary>
    /// A PDF 1.5 whose object 6 lives compressed inside an object stream (object 5), referenced from the catalog only by
    /// an innocuous key: what it holds is invisible to a plain byte search.
    /// </summary>
    public static byte[] PdfWithObjectStream(string hiddenObject)
    {
        var header = "6 0 ";
        var body = Encoding.Latin1.GetBytes(header + hiddenObject);
        var compressed = Deflate(body);
        var objStm = Encoding.Latin1.GetBytes($"<< /Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n")
            .Concat(compressed).Concat("\nendstream"u8.ToArray()).ToArray();
        const string content = "BT ET";
        var objects = new List<byte[]>
        {
            "<< /Type /Catalog /Pages 2 0 R /PieceInfo 6 0 R >>"u8.ToArray(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"u8.ToArray(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"u8.ToArray(),
            Encoding.Latin1.GetBytes($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
            objStm,
        };
        return Assemble(objects, "", version: "1.5");
    }

    private static byte[] Assemble(List<byte[]> objects, string trailerExtra, string version = "1.4")
    {
        using var pdf = new MemoryStream();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        Write($"%PDF-{version}\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n");
            pdf.Write(objects[i]);
            Write("\nendobj\n");
        }
        var xref = pdf.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    // ------------------------------------------------------------------ PNG

    /// <summary>
    /// An 8-bit grey PNG declaring <paramref name="width"/> × <paramref name="height"/> whose image data holds
    /// <paramref name="dataWidth"/> × <paramref name="dataHeight"/> pixels (the same unless a mismatch is wanted).
    /// </summary>
    public static byte[] Png(int width, int height, int? dataWidth = null, int? dataHeight = null)
    {
        int dw = dataWidth ?? width, dh = dataHeight ?? height;
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + dw];
            var patterned = (long)dw * dh <= 1_000_000; // large images stay mid-grey, so they compress to almost nothing
            for (var y = 0; y < dh; y++)
            {
                for (var x = 0; x < dw && patterned; x++) row[1 + x] = (byte)((x * 7 + y * 13) & 0xFF);
                z.Write(row);
            }
        }
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // grey
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        png.Write(four);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc32(typed));
        png.Write(four);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    // ------------------------------------------------------------------ JPEG

    /// <summary>
    /// A baseline grey JPEG of <paramref name="width"/> × <paramref name="height"/> (every block mid-grey, with one-code
    /// Huffman tables), with Exif pixel dimensions when given.
    /// </summary>
    public static byte[] Jpeg(int width, int height, int? exifWidth = null, int? exifHeight = null)
    {
        using var jpg = new MemoryStream();
        jpg.Write([0xFF, 0xD8]);
        Segment(jpg, 0xE0, "JFIF\0"u8.ToArray().Concat(new byte[] { 1, 1, 0, 0, 1, 0, 1, 0, 0 }).ToArray());
        if (exifWidth is { } ew && exifHeight is { } eh) Segment(jpg, 0xE1, Exif(ew, eh));
        Segment(jpg, 0xDB, new byte[] { 0 }.Concat(Enumerable.Repeat((byte)1, 64)).ToArray());
        Segment(jpg, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        var oneCode = new byte[16];
        oneCode[0] = 1; // one code of length 1
        Segment(jpg, 0xC4, new byte[] { 0x00 }.Concat(oneCode).Concat(new byte[] { 0 }).ToArray()); // DC: category 0
        Segment(jpg, 0xC4, new byte[] { 0x10 }.Concat(oneCode).Concat(new byte[] { 0 }).ToArray()); // AC: end of block
        Segment(jpg, 0xDA, [1, 1, 0x00, 0, 63, 0]);
        // Each 8×8 block is two 1-bit codes (DC 0, end of block); the last byte is padded with 1-bits.
        var bits = 2L * ((width + 7) / 8) * ((height + 7) / 8);
        jpg.Write(new byte[bits / 8]);
        if (bits % 8 != 0) jpg.WriteByte((byte)(0xFF >> (int)(bits % 8)));
        jpg.Write([0xFF, 0xD9]);
        return jpg.ToArray();
    }

    private static void Segment(Stream jpg, byte marker, byte[] body)
    {
        jpg.Write([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
        jpg.Write(body);
    }

    /// <summary>"Exif\0\0" + a little-endian TIFF header, IFD0 with the Exif IFD pointer, Exif IFD with PixelX/YDimension.</summary>
    private static byte[] Exif(int width, int height)
    {
        var tiff = new byte[8 + 2 + 12 + 4 + 2 + 24 + 4];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        Entry(tiff.AsSpan(10), 0x8769, 4, 26); // Exif IFD at offset 26
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(26), 2);
        Entry(tiff.AsSpan(28), 0xA002, 4, (uint)width);
        Entry(tiff.AsSpan(40), 0xA003, 4, (uint)height);
        return "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();

        static void Entry(Span<byte> at, ushort tag, ushort type, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
        }
    }
}
