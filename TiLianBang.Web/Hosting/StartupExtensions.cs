using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.IoPoints;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Parameters;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Settings;

namespace TiLianBang.Web.Hosting;

public static partial class StartupExtensions
{
    /// <summary>Migrates the database, seeds demo data into an empty one when enabled, and ensures an administrator.</summary>
    public static async Task InitializeTiLianBangAsync(this WebApplication app)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var stopping = app.Lifetime.ApplicationStopping;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(stopping);
        }
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(stopping);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:reference-data");
            await scope.ServiceProvider.GetRequiredService<IoPointNames>().SeedDefaultsAsync(stopping);
            await scope.ServiceProvider.GetRequiredService<ParameterSpecification>().SeedDefaultsAsync(stopping);
            await scope.ServiceProvider.GetRequiredService<FaultCodeService>().SeedDefaultsAsync(stopping);
            await scope.ServiceProvider.GetRequiredService<FaultAttributes>().SeedDefaultsAsync(stopping);
            await scope.ServiceProvider.GetRequiredService<MaintenanceItems>().SeedAsync(stopping);
            await scope.ServiceProvider.GetRequiredService<SystemSettingsService>().SeedAsync(stopping);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InitialAdministrator>()
                .EnsureAsync(app.Configuration["Admin:InitialPassword"], stopping);
        }
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            // The demo shows maintenance orders at once instead of after the first hourly run, and some history.
            await app.Services.GetRequiredService<MaintenanceJobs>().GenerateOrdersAsync(stopping);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedMaintenanceHistoryAsync(scope.ServiceProvider.GetRequiredService<MaintenanceItems>(), stopping);
        }
        await app.Services.GetRequiredService<DeviceDirectory>().LoadAsync(stopping);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            LogReady(app.Logger, app.Urls, elapsed);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TiLianBang is ready: open {Addresses} in a browser (database ready in {Elapsed})")]
    private static partial void LogReady(ILogger logger, ICollection<string> addresses, TimeSpan elapsed);
}
