using System.Security.Cryptography;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Security headers on every response. Scripts run only from our own origin or with the per-request nonce
/// (<see cref="CspNonce"/>), never inline handlers; the site may not be framed; the camera is allowed only on a
/// page that asks for it (<see cref="AllowCamera"/>, the check-in page).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string NonceKey = "humas.csp-nonce";
    private const string CameraKey = "humas.camera";

    public static string CspNonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static void AllowCamera(HttpContext context) => context.Items[CameraKey] = true;

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = CspNonce(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // The API reference page (Scalar) builds itself from inline script and styles of its own; it is given a
            // policy of its own with the rest unchanged.
            var docs = context.Request.Path.StartsWithSegments("/docs");
            var scripts = docs ? "'self' 'unsafe-inline' 'unsafe-eval'" : $"'self' 'nonce-{nonce}'";
            var styles = docs ? "'self' 'unsafe-inline'" : "'self'";
            // An endpoint may set a stricter policy of its own (the sandboxed document viewer); it is kept.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src {scripts}; style-src {styles}; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; " +
                "form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = (context.Items.ContainsKey(CameraKey) ? "camera=(self)" : "camera=()")
                + ", microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
