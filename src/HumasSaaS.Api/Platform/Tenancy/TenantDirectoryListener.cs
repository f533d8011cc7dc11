using Dapper;
using HumasSaaS.Api.Platform.Database;
using Npgsql;

namespace HumasSaaS.Api.Platform.Tenancy;

/// <summary>
/// Keeps one unpooled connection LISTENing on <c>tenant_directory</c> and drops the announced tenant from
/// <see cref="TenantDirectory"/>. After any break it reconnects and drops everything, since announcements may
/// have been missed. Unpooled, because a pooled connection is not reset on return and would keep listening.
/// </summary>
public sealed class TenantDirectoryListener(DatabaseOptions options, TenantDirectory directory, ILogger<TenantDirectoryListener> logger) : BackgroundService
{
    public const string Channel = "tenant_directory";
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it).</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(options.AppConnectionString)
        {
            Pooling = false, KeepAlive = 15, ApplicationName = "humas tenant directory listener",
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id)) directory.Forget(id);
                    else directory.ForgetAll();
                };
                await connection.ExecuteAsync($"LISTEN {Channel}");
                directory.ForgetAll();
                listening.TrySetResult();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                directory.ForgetAll();
                logger.LogWarning(e, "Tenant directory listener lost its connection; reconnecting");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
