using System.Net.Sockets;
using HumasSaaS.Grains;
using Npgsql;

namespace HumasSaaS.Database;

/// <summary>Tells PostgreSQL restarting or unreachable (retry later) from an error of the statement itself.</summary>
public static class DatabaseOutages
{
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException:
                    return true;
                // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 connection
                // exceptions, 53300 too_many_connections. Serialization failures and deadlocks are not outages.
                case PostgresException pg:
                    return pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                // Connection refused/reset, stream closed, connect timeout, pool exhausted: Npgsql marks them transient.
                case NpgsqlException { IsTransient: true }:
                    return true;
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
