using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>RFC 9457 problem details, worded in Bahasa Indonesia for the people who read them.</summary>
public static class Problems
{
    public const string TenantNotFoundTitle = "Tidak ditemukan";
    public const string TenantNotFoundDetail = "Instansi atau sumber daya yang diminta tidak ditemukan.";

    public static string TitleFor(int status) => status switch
    {
        400 => "Permintaan tidak valid",
        401 => "Perlu masuk",
        403 => "Akses ditolak",
        404 => "Tidak ditemukan",
        405 => "Metode tidak diizinkan",
        409 => "Konflik",
        412 => "Prasyarat tidak terpenuhi",
        413 => "Berkas atau permintaan terlalu besar",
        415 => "Jenis konten tidak didukung",
        422 => "Tidak dapat diproses",
        429 => "Terlalu banyak permintaan",
        >= 500 => "Terjadi kesalahan pada server",
        _ => "Kesalahan",
    };

    /// <summary>The detail for problems raised without one (status code pages: unknown route, wrong method, ...).</summary>
    public static string DetailFor(int status) => status switch
    {
        400 => "Permintaan tidak dapat diproses: parameter tidak valid.",
        401 => "Silakan masuk terlebih dahulu.",
        403 => "Anda tidak berhak melakukan tindakan ini.",
        404 => "Alamat atau sumber daya yang diminta tidak ditemukan.",
        405 => "Metode HTTP ini tidak diizinkan untuk alamat ini.",
        413 => "Ukuran permintaan melebihi batas.",
        415 => "Jenis konten tidak didukung. Kirim application/json.",
        >= 500 => "Terjadi kesalahan tak terduga. Silakan coba lagi.",
        _ => TitleFor(status) + ".",
    };

    public static Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (extensions is not null)
            foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        }).AsTask();
    }

    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (ctx.ProblemDetails.Title is null or "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Conflict"
                or "Method Not Allowed" or "An error occurred while processing your request." or "One or more validation errors occurred."
                or "Unsupported Media Type" or "Payload Too Large" or "Content Too Large")
            {
                ctx.ProblemDetails.Title = status == 400 && ctx.ProblemDetails is HttpValidationProblemDetails
                    ? "Data yang dikirim belum benar"
                    : TitleFor(status);
            }
            ctx.ProblemDetails.Detail ??= DetailFor(status);
            ctx.ProblemDetails.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}";
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.PathBase + ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        };
}

/// <summary>Turns every failure into problem details and never leaks internals.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem = Outages.ProblemFor(context, exception) ?? exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(v.Errors)
            {
                Status = 400, Title = "Data yang dikirim belum benar", Detail = "Periksa kembali isian yang ditandai.",
            },
            BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [JsonField(json.Path)] = [JsonMessage(json)] })
            {
                Status = 400, Title = "Data yang dikirim belum benar",
                Detail = "Isi permintaan bukan JSON yang valid atau tidak sesuai dengan skema.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode, Title = Problems.TitleFor(bad.StatusCode), Detail = BadRequestDetail(bad),
            },
            ConcurrencyConflictException c => new ProblemDetails
            {
                Status = 409, Title = "Konflik versi",
                Detail = "Data ini sudah diubah orang lain sejak Anda membukanya. Muat ulang lalu ulangi perubahan Anda.",
                Extensions = { ["expectedVersion"] = c.ExpectedVersion, ["currentVersion"] = c.CurrentVersion },
            },
            DomainRuleException d => new ProblemDetails { Status = d.Status, Title = d.Title, Detail = d.Message },
            NotFoundException n => new ProblemDetails { Status = 404, Title = "Tidak ditemukan", Detail = n.Message },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => new ProblemDetails
            {
                Status = 499, Title = "Permintaan dibatalkan", Detail = "Klien memutus permintaan.",
            },
            _ => new ProblemDetails
            {
                Status = 500, Title = Problems.TitleFor(500), Detail = "Terjadi kesalahan tak terduga. Silakan coba lagi.",
            },
        };
        // The reference shown on the error page and in the problem's traceId, so a person's report finds this entry.
        if (problem.Status == 503) logger.LogWarning(exception, "Backing service unavailable; answered 503 with Retry-After, reference {Reference}", context.TraceIdentifier);
        else if (problem.Status >= 500) logger.LogError(exception, "Unhandled exception, reference {Reference}", context.TraceIdentifier);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static string BadRequestDetail(BadHttpRequestException bad) => bad.StatusCode switch
    {
        413 => "Ukuran permintaan melebihi batas.",
        415 => "Jenis konten tidak didukung. Kirim application/json.",
        _ when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "Isi permintaan kosong atau tidak dapat dibaca.",
        _ => "Permintaan tidak dapat diproses: parameter tidak valid.",
    };

    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string JsonMessage(JsonException json)
    {
        var message = json.Message;
        if (message.StartsWith(JsonInputRules.NulMessage, StringComparison.Ordinal))
            return "Teks tidak boleh berisi karakter NUL (\\u0000).";
        if (message.StartsWith(JsonInputRules.NullElementMessage, StringComparison.Ordinal))
            return "Daftar ini tidak boleh berisi nilai null.";
        if (message.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase))
            return "Kolom ini tidak dikenal.";
        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase)
            || message.Contains("missing required", StringComparison.OrdinalIgnoreCase))
            return "Kolom wajib tidak lengkap: " + ExtractNames(message);
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("nullable", StringComparison.OrdinalIgnoreCase))
            return "Kolom ini tidak boleh null.";
        if (message.Contains("could not be converted", StringComparison.OrdinalIgnoreCase))
            return "Jenis nilai tidak sesuai.";
        return "JSON tidak valid.";
    }

    /// <summary>
    /// The missing JSON names from System.Text.Json's message ("... for type 'Namespace.Type' was missing required
    /// properties including: 'email', 'password'."): only the quoted names after the colon, never the .NET type.
    /// </summary>
    private static string ExtractNames(string message)
    {
        var colon = message.LastIndexOf(':');
        var tail = colon >= 0 ? message[(colon + 1)..] : "";
        var names = System.Text.RegularExpressions.Regex.Matches(tail, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
        return names.Count > 0 ? string.Join(", ", names) + "." : "lihat dokumentasi API.";
    }
}
