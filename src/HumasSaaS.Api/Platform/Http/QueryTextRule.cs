namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Refuses a query string that decodes to a NUL character with a 400 problem before any endpoint sees it: PostgreSQL
/// cannot hold NUL in text, so such a value (a search term, a file name) failed as a 500 (found by the API fuzzer).
/// NUL in the path and in headers is already refused by Kestrel; NUL in JSON by <see cref="JsonInputRules"/>.
/// </summary>
public sealed class QueryTextRuleMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var query = context.Request.QueryString.Value;
        if (query is not null && query.Contains("%00", StringComparison.Ordinal))
            return Problems.WriteAsync(context, StatusCodes.Status400BadRequest, Problems.TitleFor(400),
                "Parameter alamat tidak boleh berisi karakter NUL (%00).");
        return next(context);
    }
}
