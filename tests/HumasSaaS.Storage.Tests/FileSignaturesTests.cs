namespace HumasSaaS.Storage.Tests;

public class FileSignaturesTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, FileSignatures.Pdf)]         // %PDF-1.7
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, FileSignatures.Pdf)]                           // %PDF- and nothing more
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 }, FileSignatures.Jpeg)]        // JFIF
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, FileSignatures.Jpeg)]                                // Exif
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, FileSignatures.Png)]
    public void Recognises_the_accepted_formats_from_their_first_bytes(byte[] head, string expected)
    {
        Assert.Equal(expected, FileSignatures.Detect(head));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 })]                                 // %PDF without the dash
    [InlineData(new byte[] { 0x20, 0x25, 0x50, 0x44, 0x46, 0x2D })]                     // leading space
    [InlineData(new byte[] { 0xFF, 0xD8 })]                                             // JPEG cut short
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A })]               // PNG cut short
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]                                 // MZ (Windows executable)
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 })]                                 // <svg
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E })]                     // <html>
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })]                     // GIF89a: an image, but not accepted
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })]                                 // ZIP / DOCX
    public void Anything_else_is_not_recognised(byte[] head)
    {
        Assert.Null(FileSignatures.Detect(head));
    }

    [Fact]
    public void HeadLength_covers_the_longest_signature()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(FileSignatures.HeadLength, png.Length);
        Assert.Null(FileSignatures.Detect(png.AsSpan(0, FileSignatures.HeadLength - 1)));
    }

    [Theory]
    [InlineData(FileSignatures.Pdf, ".pdf")]
    [InlineData(FileSignatures.Jpeg, ".jpg")]
    [InlineData(FileSignatures.Png, ".png")]
    [InlineData("text/html", ".bin")]
    public void Extension_per_type(string contentType, string extension)
    {
        Assert.Equal(extension, FileSignatures.Extension(contentType));
    }
}
