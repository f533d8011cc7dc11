namespace HumasSaaS.Api.MediaPartners;

/// <summary>
/// Deletes document blobs that no row references (failed or abandoned uploads) periodically on every instance; safe to
/// run concurrently. Document expiry is not polled: each partner grain keeps a reminder for its next expiry date.
/// </summary>
public sealed class DocumentSweepJob(PartnerDocuments documents, IConfiguration configuration, ILogger<DocumentSweepJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("MediaPartners:BackgroundJobs", true)) return;
        var interval = TimeSpan.FromSeconds(Math.Max(10, configuration.GetValue("MediaPartners:JobIntervalSeconds", 900)));
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await documents.SweepAsync(TimeSpan.FromHours(1), ct: stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sweeping unreferenced document blobs failed; retrying at the next interval");
                }
                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
