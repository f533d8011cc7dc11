using Dapper;
using HumasSaaS.Api.Platform.Database;
using HumasSaaS.Api.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>Marks a form anyone may post (no sign-in): its POSTs are counted per tenant and client address.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicFormLimitAttribute(string bucket) : Attribute
{
    public string Bucket { get; } = bucket;
}

public sealed class PublicFormLimitOptions
{
    public int WindowSeconds { get; set; } = 600;

    /// <summary>POSTs allowed per window per bucket, tenant and client address; unlisted buckets get <see cref="DefaultPermits"/>.</summary>
    public Dictionary<string, int> Permits { get; set; } = new() { ["event_registration"] = 200 };

    public int DefaultPermits { get; set; } = 20;
}

public static class PublicFormLimitExtensions
{
    public static TBuilder RequirePublicFormLimit<TBuilder>(this TBuilder builder, string bucket) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicFormLimitAttribute(bucket));
}

/// <summary>
/// Fixed-window limit for public forms, counted in PostgreSQL so every instance sees the same count (a limit kept in
/// one instance's memory would multiply by the number of instances). Over the limit: 429 with Retry-After.
/// </summary>
public sealed class PublicFormLimitMiddleware(RequestDelegate next, Db db, IOptionsMonitor<PublicFormLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<PublicFormLimitAttribute>() is not { } limit)
        {
            await next(context);
            return;
        }
        var settings = options.CurrentValue;
        var permits = settings.Permits.TryGetValue(limit.Bucket, out var p) ? p : settings.DefaultPermits;
        var key = $"{limit.Bucket}|{tenant.Tenant?.Slug ?? "-"}|{context.Connection.RemoteIpAddress}";
        await using var connection = await db.OpenPlatformAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        // A counter lost in a crash is harmless; not waiting for the WAL flush keeps the limiter off the critical path.
        await connection.ExecuteAsync("SET LOCAL synchronous_commit = off", transaction: tx);
        var (hits, windowEnds) = await connection.QuerySingleAsync<(int, DateTime)>(
            """
            INSERT INTO public_form_counters AS c (bucket_key, window_start, hits)
            VALUES (@key, to_timestamp(floor(extract(epoch FROM now()) / @window) * @window), 1)
            ON CONFLICT (bucket_key, window_start) DO UPDATE SET hits = c.hits + 1
            RETURNING hits, window_start + make_interval(secs => @window)
            """, new { key, window = settings.WindowSeconds }, tx);
        if (hits == 1 && Random.Shared.Next(50) == 0)
            await connection.ExecuteAsync("DELETE FROM public_form_counters WHERE window_start < now() - interval '1 day'", transaction: tx);
        await tx.CommitAsync(context.RequestAborted);
        await connection.CloseAsync();
        if (hits <= permits)
        {
            await next(context);
            return;
        }
        var retryAfter = Math.Max(1, (int)Math.Ceiling((windowEnds - DateTime.UtcNow).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = $"Formulir ini sudah terlalu sering dikirim dari alamat Anda. Silakan coba lagi dalam {Math.Max(1, (retryAfter + 59) / 60)} menit.";
        // Problem details for API clients; a browser gets the 429 error page with this detail (see ErrorPages).
        await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Terlalu banyak permintaan", detail);
    }
}
