using Hangfire;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Health;
using TiLianBang.Core.Idempotency;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;
using TiLianBang.Web.Hosting.Backups;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// Hangfire runs the recurring passes (5级上报, maintenance generation, expiry warnings, clean-up). Each pass keeps
/// its progress in our own tables and catches up on its next run, so Hangfire's storage holds nothing that must
/// survive a restart: on SQL Server it shares the database (several nodes then run each pass once), on one box
/// it is in memory. Hangfire.Storage.SQLite was dropped because its file was found corrupt ("database disk image
/// is malformed") after an hour of a loaded wall-screen run, which stopped 5级上报 until a restart. Its
/// dashboard is at /hangfire for administrators only.
/// </summary>
public static class BackgroundJobsExtensions
{
    public const string EscalationJobId = "repairs-escalation";
    public const string MaintenanceGenerationJobId = "maintenance-generation";
    public const string ExpiryWarningsJobId = "maintenance-expiry-warnings";
    public const string IdempotencyCleanupJobId = "idempotency-cleanup";
    public const string HealthEvaluationJobId = "health-evaluation";
    public const string LandingEvaluationJobId = "health-landing-evaluation";
    public const string BackupJobId = DailyBackupJob.JobId;
    public const string RetentionJobId = RetentionJob.JobId;

    public static WebApplicationBuilder AddTiLianBangBackgroundJobs(this WebApplicationBuilder builder)
    {
        var database = HostingExtensions.DatabaseSettings(builder);
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(builder.Configuration.GetConnectionString("TiLianBang"));
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = 2;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    /// <summary>Registers the recurring jobs and maps the dashboard (SYS-1 administrators only).</summary>
    public static WebApplication UseTiLianBangBackgroundJobs(this WebApplication app)
    {
        // 5级上报 counts in minutes, so a minutely pass is exact enough; its progress lives on the orders.
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<EscalationWatch>(EscalationJobId, watch => watch.RunOnceAsync(CancellationToken.None), Cron.Minutely());
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        // Hourly: on-demand due dates follow the counters through the day; fixed slots only appear at the horizon.
        jobs.AddOrUpdate<MaintenanceJobs>(MaintenanceGenerationJobId, j => j.GenerateOrdersAsync(CancellationToken.None), Cron.Hourly());
        // Early morning, so the day's warnings are waiting when the office opens.
        jobs.AddOrUpdate<MaintenanceJobs>(ExpiryWarningsJobId, j => j.SendExpiryWarningsAsync(CancellationToken.None), Cron.Daily(6),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Local });
        // Keys of the mini-program's resends are kept for a week (IdempotencyCleanup.KeptFor).
        jobs.AddOrUpdate<IdempotencyCleanup>(IdempotencyCleanupJobId, j => j.RunOnceAsync(CancellationToken.None), Cron.Daily(3),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Local });
        // A quiet night hour (Retention:Hour): yesterday folded into daily figures, raw rows beyond their retention deleted.
        var retentionHour = app.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.Hour;
        jobs.AddOrUpdate<RetentionJob>(RetentionJobId, j => j.RunOnceAsync(CancellationToken.None), Cron.Daily(retentionHour),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Local });
        // Hourly, a few minutes past: the hour that just ended has been stored by then (HealthRecorder saves each minute).
        jobs.AddOrUpdate<HealthJobs>(HealthEvaluationJobId, j => j.EvaluateAsync(CancellationToken.None), "5 * * * *");
        // Daily, once the day's last hour is stored: landings are judged by whole local days (their rows are per day).
        jobs.AddOrUpdate<HealthJobs>(LandingEvaluationJobId, j => j.EvaluateLandingsAsync(CancellationToken.None), "20 0 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Local });
        // A quiet night hour: a copy of the SQLite database and the data folder's files, the oldest beyond Backup:Keep deleted.
        DailyBackupJob.Schedule(app.Services, jobs);
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DisplayStorageConnectionString = false })
            .RequireAuthorization(Permissions.SystemConfiguration);
        return app;
    }
}
