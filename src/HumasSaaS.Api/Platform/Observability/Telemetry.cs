using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using HumasSaaS.Api.Platform.Accounts;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HumasSaaS.Api.Platform.Observability;

/// <summary>
/// Logs, traces and metrics. Every log line written during a request carries the trace and span id and the request
/// activity's tags (tenant, user; the grain id where a grain call is in progress), which the JSON console formatter
/// (Logging:Console:FormatterName=json, set by the container image) prints as fields. Traces and metrics (ASP.NET Core,
/// HttpClient to blob storage, Npgsql, the Orleans meters) are exported over OTLP only when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set, and to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
/// </summary>
public static class Telemetry
{
    public const string TenantIdTag = "humas.tenant.id";
    public const string TenantSlugTag = "humas.tenant.slug";
    public const string UserIdTag = "enduser.id";
    public const string InstanceTag = "humas.instance";

    /// <summary>Meters and activity sources of Orleans (present once the app hosts a silo; harmless before).</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static void AddHumasTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId | ActivityTrackingOptions.Tags);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        var otlp = config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var insights = config["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrWhiteSpace(otlp) && string.IsNullOrWhiteSpace(insights)) return;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                config["OTEL_SERVICE_NAME"] ?? "humassaas-api",
                serviceInstanceId: config["HUMAS_INSTANCE"] ?? Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(OrleansSources)
                .AddSource(GrainCallTelemetry.SourceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter("System.Runtime")
                .AddMeter(OrleansSources));
        if (!string.IsNullOrWhiteSpace(otlp)) telemetry.UseOtlpExporter();
        if (!string.IsNullOrWhiteSpace(insights))
        {
            telemetry.WithTracing(t => t.AddAzureMonitorTraceExporter(o => o.ConnectionString = insights));
            telemetry.WithMetrics(m => m.AddAzureMonitorMetricExporter(o => o.ConnectionString = insights));
        }
    }

    /// <summary>After authentication and tenant access: tags the request activity with tenant and user, so logs and
    /// spans carry them.</summary>
    public static IApplicationBuilder UseRequestTelemetryTags(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Activity.Current is { } activity)
            {
                var tenant = context.RequestServices.GetService<TenantContext>()?.Tenant;
                if (tenant is not null)
                {
                    activity.SetTag(TenantIdTag, tenant.Id.ToString());
                    activity.SetTag(TenantSlugTag, tenant.Slug);
                }
                if (context.User.UserId() is { } userId) activity.SetTag(UserIdTag, userId.ToString());
            }
            await next(context);
        });
}
