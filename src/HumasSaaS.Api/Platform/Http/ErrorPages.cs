using Microsoft.AspNetCore.Mvc;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Browsers get error pages, API clients problem details. For a browser request the problem details writer writes
/// no body and keeps the problem in <see cref="HttpContext.Items"/>; the status code pages middleware, which runs
/// outside the exception handler, then re-executes the request as <c>/galat/{status}</c>, a page in the layout.
/// </summary>
public static class ErrorPages
{
    public const string ProblemKey = "humas.problem";

    /// <summary>A person's browser asking for a page: not the API, and it accepts HTML.</summary>
    public static bool IsBrowserRequest(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi")
        && !request.Path.StartsWithSegments("/health")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseHumasErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(c => IsBrowserRequest(c.Request), b => b.UseStatusCodePagesWithReExecute("/galat/{0}"));
        app.UseWhen(c => !IsBrowserRequest(c.Request), b => b.UseStatusCodePages());
        return app;
    }
}

/// <summary>Registered before the JSON writers: for browsers it keeps the problem for the error page and writes nothing.</summary>
public sealed class BrowserProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) =>
        ErrorPages.IsBrowserRequest(context.HttpContext.Request) && !context.HttpContext.Response.HasStarted
        && context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.HttpContext.Response.StatusCode = status;
        context.HttpContext.Items[ErrorPages.ProblemKey] = context.ProblemDetails;
        return ValueTask.CompletedTask;
    }
}
