using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HumasSaaS.Api.Platform.Http;

public static class ProblemDetailsRegistration
{
    /// <summary>
    /// Problem details with our Indonesian defaults, plus a last-resort writer: the built-in writer declines clients
    /// whose Accept names neither JSON nor */* (e.g. <c>Accept: text/html</c>), which left error bodies empty,
    /// fell back to plain text, or turned <see cref="Problems.WriteAsync"/> into a 500.
    /// </summary>
    public static IServiceCollection AddHumasProblemDetails(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, BrowserProblemWriter>());
        services.AddProblemDetails(Problems.Configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, FallbackProblemDetailsWriter>());
        return services;
    }
}

/// <summary>Writes application/problem+json whatever the client accepts; registered after the built-in writer.</summary>
public sealed class FallbackProblemDetailsWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
