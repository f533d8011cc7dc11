using System.Net.Mime;

namespace HumasSaaS.Api.Platform.Uploads;

/// <summary>
/// Headers for serving a file someone uploaded from the product's own origin, so a crafted file can never run script
/// there: either a download (attachment), or inline for the staff viewer under <c>Content-Security-Policy: sandbox</c>
/// (a unique, script-less origin). Always nosniff and never cached.
/// </summary>
public static class DownloadHeaders
{
    public const string SandboxPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

    public static void Apply(HttpResponse response, string fileName, bool inline)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        response.Headers.ContentDisposition = new ContentDisposition { Inline = inline, FileName = AsciiName(fileName) }.ToString();
        if (inline) response.Headers.ContentSecurityPolicy = SandboxPolicy;
    }

    private static string AsciiName(string name)
    {
        var ascii = new string(name.Select(c => c is >= ' ' and <= '~' and not ('"' or '\\' or ';') ? c : '_').ToArray());
        return ascii.Length == 0 ? "berkas" : ascii;
    }
}
