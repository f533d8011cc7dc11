using System.Text;
using HumasSaaS.Api.MediaPartners;
using HumasSaaS.Storage;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Platform;

/// <summary>The structure checks on their own: each hostile PDF and image is refused for its reason, normal files pass.</summary>
public sealed class HostileFileTests
{
    private static HostileFinding? Inspect(byte[] file) =>
        HostileFiles.Inspect(new MemoryStream(file), FileSignatures.Detect(file.AsSpan(0, Math.Min(file.Length, FileSignatures.HeadLength))));

    public static TheoryData<string, byte[]> NormalFiles => new()
    {
        { "PDF 1.4 with an xref table", SampleFiles.Pdf() },
        { "PDF whose opening action only shows page 1", SampleFiles.Pdf("/OpenAction [3 0 R /Fit]") },
        { "PDF opening with a go-to action", SampleFiles.Pdf("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>") },
        { "PDF 1.5 with a clean object stream", SampleFiles.PdfWithObjectStream("<< /Producer (Uji) >>") },
        { "the demo seeder's PDF", DemoMediaPartners.DemoPdf("PT Media Uji - Akta pendirian") },
        { "PNG 4x3", SampleFiles.Png(4, 3) },
        { "PNG at the 40 MP bound", SampleFiles.Png(8000, 5000) },
        { "JPEG 17x9", SampleFiles.Jpeg(17, 9) },
        { "JPEG with matching Exif size", SampleFiles.Jpeg(640, 480, 640, 480) },
        { "JPEG with Exif size of the unrotated photo", SampleFiles.Jpeg(480, 640, 640, 480) },
    };

    [Theory]
    [MemberData(nameof(NormalFiles))]
    public void Normal_files_pass(string name, byte[] file) => Assert.True(Inspect(file) is null, $"{name}: {Inspect(file)}");

    public static TheoryData<string, byte[], HostileFileReason> HostileCases => new()
    {
        { "encrypted", SampleFiles.Pdf(trailerExtra: "/Encrypt 5 0 R /ID [<01> <01>]",
            extraObjects: "<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>"),
            HostileFileReason.PdfEncrypted },
        { "JavaScript on opening", SampleFiles.Pdf("/OpenAction 5 0 R", "", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), HostileFileReason.PdfJavaScript },
        { "JavaScript name tree, name hex-escaped", SampleFiles.Pdf("/Names << /J#61vaScript << /Names [(a) 5 0 R] >> >>", "", "<< /S /JavaScript /JS 6 0 R >>", "(app.alert\\(1\\))"),
            HostileFileReason.PdfJavaScript },
        { "JavaScript inside a compressed object stream", SampleFiles.PdfWithObjectStream("<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), HostileFileReason.PdfJavaScript },
        { "opening action that opens a web address", SampleFiles.Pdf("/OpenAction << /S /URI /URI (http://contoh.invalid/) >>"), HostileFileReason.PdfOpenAction },
        { "launch action", SampleFiles.Pdf("/AA << /WC 5 0 R >>", "", "<< /S /Launch /F (cmd.exe) >>"), HostileFileReason.PdfLaunch },
        { "embedded file", SampleFiles.Pdf("/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>", "",
            "<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), HostileFileReason.PdfEmbeddedFile },
        { "only a header and zeros", "%PDF-1.7\n"u8.ToArray().Concat(new byte[4096]).ToArray(), HostileFileReason.PdfUnreadable },
        { "cut off half-way", SampleFiles.Pdf()[..300], HostileFileReason.PdfUnreadable },
        { "HTML after the header", Encoding.ASCII.GetBytes("%PDF-1.4\n<html><script>x()</script></html>\n%%EOF\n"), HostileFileReason.PdfUnreadable },
        { "object stream that inflates to garbage", SampleFiles.PdfWithObjectStream(")))"), HostileFileReason.PdfUnreadable },
        { "PNG over 40 MP", SampleFiles.Png(8000, 5001), HostileFileReason.ImageTooManyPixels },
        { "PNG declaring more pixels than its data", SampleFiles.Png(100, 100, 10, 10), HostileFileReason.ImageSizeMismatch },
        { "PNG declaring fewer pixels than its data", SampleFiles.Png(10, 10, 100, 100), HostileFileReason.ImageSizeMismatch },
        { "PNG cut off", SampleFiles.Png(64, 64)[..60], HostileFileReason.ImageUnreadable },
        { "JPEG over 40 MP", SampleFiles.Jpeg(8000, 6000), HostileFileReason.ImageTooManyPixels },
        { "JPEG whose Exif size differs", SampleFiles.Jpeg(800, 600, 4000, 3000), HostileFileReason.ImageSizeMismatch },
        { "JPEG with no height", SampleFiles.Jpeg(800, 0), HostileFileReason.ImageSizeMismatch },
        { "JPEG cut off before its end", SampleFiles.Jpeg(64, 64)[..^2], HostileFileReason.ImageUnreadable },
    };

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Hostile_files_are_refused_for_their_reason(string name, byte[] file, HostileFileReason expected) =>
        Assert.True(Inspect(file)?.Reason == expected, $"{name}: expected {expected}, got {Inspect(file)?.Reason.ToString() ?? "accepted"}");

    [Fact]
    public void The_pixel_refusal_carries_the_declared_size()
    {
        var finding = Inspect(SampleFiles.Jpeg(9000, 6000));
        Assert.Equal(new HostileFinding(HostileFileReason.ImageTooManyPixels, 9000, 6000), finding);
    }

    [Fact]
    public void Damaged_files_are_judged_without_throwing()
    {
        // Mutations of valid files (bytes flipped, cut, duplicated): every one gets a verdict, none an exception.
        const int seed = 1405;
        var random = new Random(seed);
        byte[][] originals =
        [
            SampleFiles.Pdf("/OpenAction [3 0 R /Fit]"), SampleFiles.PdfWithObjectStream("<< /Producer (Uji) >>"),
            SampleFiles.Png(33, 17), SampleFiles.Jpeg(40, 30, 40, 30),
        ];
        for (var i = 0; i < 3000; i++)
        {
            var file = (byte[])originals[i % originals.Length].Clone();
            switch (random.Next(3))
            {
                case 0:
                    for (var k = random.Next(1, 8); k > 0; k--) file[random.Next(8, file.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    file = file[..random.Next(8, file.Length)];
                    break;
                default:
                    var at = random.Next(8, file.Length);
                    file = [.. file[..at], .. file[random.Next(8, file.Length)..]];
                    break;
            }
            var exception = Record.Exception(() => Inspect(file));
            Assert.True(exception is null, $"seed {seed}, case {i}: {exception}");
        }
    }
}
