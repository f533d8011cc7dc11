using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HumasSaaS.Grains;

/// <summary>
/// Every call into a HumasSaaS grain runs inside an activity tagged with the grain id, its method and the tenant its key
/// names, so log lines written by the grain carry them (the JSON console log prints the current activity's tags) and
/// traces show the grain turn under the request that made it. Orleans' own system grains are left alone.
/// </summary>
public sealed class GrainCallTelemetry(ILogger<GrainCallTelemetry> logger) : IIncomingGrainCallFilter
{
    public const string SourceName = "HumasSaaS.Grains";
    public const string GrainIdTag = "orleans.grain.id";
    public const string GrainMethodTag = "orleans.grain.method";
    public const string TenantIdTag = "humas.tenant.id";

    private static readonly ActivitySource Source = new(SourceName);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not ITenantScopedGrain)
        {
            await context.Invoke();
            return;
        }
        var method = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}";
        // Without an exporter listening, StartActivity gives nothing; the log lines still need the tags.
        using var activity = Source.StartActivity(method, ActivityKind.Server) ?? new Activity(method).Start();
        var key = context.TargetId.Key.ToString();
        activity.SetTag(GrainIdTag, context.TargetId.ToString());
        activity.SetTag(GrainMethodTag, method);
        if (GrainKeys.TryParse(key, out var tenantId, out _)) activity.SetTag(TenantIdTag, tenantId.ToString());
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            logger.LogDebug("Grain call {Method} took {Milliseconds:F1} ms", method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
