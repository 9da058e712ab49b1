using Hangfire;

namespace TiLianBang.Web.Hosting.Backups;

/// <summary>
/// The daily backup of a SQLite installation (Hangfire job <c>backup-daily</c>): a new backup in
/// <c>Backup:Directory</c>, then the oldest beyond <c>Backup:Keep</c> are deleted. A failure (full disk, folder not
/// writable) is logged as an error with what to fix and fails this run only; the service goes on, and the next day
/// tries again rather than filling a full disk with retries.
/// </summary>
public sealed partial class DailyBackupJob(BackupLayout layout, BackupWriter writer, ILogger<DailyBackupJob> logger)
{
    public const string JobId = "backup-daily";

    [AutomaticRetry(Attempts = 0)]
    public async Task<BackupResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await writer.CreateAsync(layout.BackupDirectory, cancellationToken);
            writer.Prune(layout.BackupDirectory, layout.Options.Keep);
            return result;
        }
        catch (BackupException e)
        {
            LogFailed(logger, e, e.Message);
            throw;
        }
    }

    /// <summary>Schedules the job at <c>Backup:Hour</c> local time, or removes it where there is nothing to back up.</summary>
    public static void Schedule(IServiceProvider services, IRecurringJobManager jobs)
    {
        var layout = services.GetRequiredService<BackupLayout>();
        if (!layout.DailyBackupEnabled)
        {
            jobs.RemoveIfExists(JobId);
            return;
        }
        jobs.AddOrUpdate<DailyBackupJob>(JobId, j => j.RunAsync(CancellationToken.None), Cron.Daily(Math.Clamp(layout.Options.Hour, 0, 23)),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Local });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily backup failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason);
}
