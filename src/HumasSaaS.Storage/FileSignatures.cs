namespace HumasSaaS.Storage;

/// <summary>
/// The one magic-byte check for uploaded documents: the type comes from the first bytes, never from the file name or
/// the client's Content-Type. Only the formats the product accepts are recognised.
/// </summary>
public static class FileSignatures
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeadLength = 8;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type of <paramref name="head"/> (PDF, JPEG or PNG), or null when it is none of them.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(PdfMagic) ? Pdf
        : head.StartsWith(JpegMagic) ? Jpeg
        : head.StartsWith(PngMagic) ? Png
        : null;

    /// <summary>The usual file extension for a detected type (".bin" for anything else).</summary>
    public static string Extension(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        _ => ".bin",
    };
}
