using Hangfire.Storage.SQLite;
using Hangfire;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Idempotency;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// Hangfire for scheduled work, on the same storage choice as the data (SQLite file in the data folder, or
/// SQL Server); <c>Hangfire:Storage</c> = <c>InMemory</c> for tests. Its dashboard is at /hangfire for
/// administrators only.
/// </summary>
public static class BackgroundJobsExtensions
{
    public const string EscalationJobId = "repairs-escalation";
    public const string MaintenanceGenerationJobId = "maintenance-generation";
    public const string ExpiryWarningsJobId = "maintenance-expiry-warnings";
    public const string IdempotencyCleanupJobId = "idempotency-cleanup";

    public static WebApplicationBuilder AddTiLianBangBackgroundJobs(this WebApplicationBuilder builder)
    {
        var paths = AppPaths.Of(builder);
        var database = HostingExtensions.DatabaseSettings(builder);
        var storage = builder.Configuration["Hangfire:Storage"];
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (string.Equals(storage, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                config.UseInMemoryStorage();
            }
            else if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(builder.Configuration.GetConnectionString("TiLianBang"));
            }
            else
            {
                config.UseSQLiteStorage(Path.Combine(paths.DataDirectory, "hangfire.db"));
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
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DisplayStorageConnectionString = false })
            .RequireAuthorization(Permissions.SystemConfiguration);
        return app;
    }
}
