using System.Net;
using System.Net.Sockets;
using HumasSaaS.Storage;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Orleans.Runtime.Messaging;

namespace HumasSaaS.Api.Platform.Http;

/// <summary>
/// Tells a backing-service outage (PostgreSQL restarting or unreachable, blob storage unreachable, a grain's silo
/// shutting down) from a bug, so clients get 503 with Retry-After and retry, instead of a 500. Nothing is retried
/// here: the client decides whether to send the request again.
/// </summary>
public static class Outages
{
    public const int RetryAfterSeconds = 5;

    /// <summary>Connection timeout applied when the connection string sets none, so a dead server fails a request
    /// in seconds instead of Npgsql's default 15 s.</summary>
    public const int ConnectTimeoutSeconds = 5;

    public static string WithFastConnectFailure(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = ConnectTimeoutSeconds;
        return builder.ConnectionString;
    }

    public static bool IsDatabaseOutage(Exception exception) => DatabaseOutages.Is(exception);

    /// <summary>
    /// The grain's silo was shutting down or unreachable when the call was made (a rolling restart, a killed replica):
    /// the grain reactivates on a live silo, so the same request sent again a moment later succeeds.
    /// </summary>
    public static bool IsClusterOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException
                or OrleansClusterConnectivityCheckFailedException or OrleansLifecycleCanceledException)
                return true;
        }
        return false;
    }

    public static bool IsBlobOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BlobStorageException { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout }:
                    return true;
                case BlobStorageException { StatusCode: null, InnerException: HttpRequestException or TaskCanceledException }:
                    return true;
                case HttpRequestException { InnerException: SocketException or IOException }:
                    return true;
            }
        }
        return false;
    }

    public static ProblemDetails? ProblemFor(HttpContext context, Exception exception)
    {
        string? detail = null;
        if (IsDatabaseOutage(exception))
            detail = "Basis data sedang tidak dapat dihubungi. Tidak ada perubahan yang disimpan; silakan coba lagi dalam beberapa detik.";
        else if (IsClusterOutage(exception))
            detail = "Layanan sedang berpindah ke server lain dan permintaan ini mungkin belum diproses. Silakan muat ulang lalu coba lagi dalam beberapa detik.";
        else if (IsBlobOutage(exception))
            detail = "Penyimpanan berkas sedang tidak dapat dihubungi. Berkas tidak disimpan; silakan coba lagi dalam beberapa detik.";
        if (detail is null && exception is Uploads.MalwareScannerUnavailableException)
            return Unavailable(context, Uploads.UploadRefusals.UnavailableTitle, Uploads.UploadRefusals.UnavailableDetail);
        if (detail is null) return null;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = 503, Title = "Layanan sedang tidak tersedia", Detail = detail };
    }

    private static ProblemDetails Unavailable(HttpContext context, string title, string detail)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = 503, Title = title, Detail = detail };
    }
}
