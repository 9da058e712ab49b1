using Microsoft.AspNetCore.DataProtection;
using Serilog;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Cluster;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Health;
using TiLianBang.Core.Home;
using TiLianBang.Core.Statistics;
using TiLianBang.Core.Idempotency;
using TiLianBang.Core.IoPoints;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Parameters;
using TiLianBang.Core.Photos;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Search;
using TiLianBang.Core.Settings;
using TiLianBang.Core.Specifications;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Web.Hosting.Backups;
using TiLianBang.Web.Hosting.Idempotency;

using TiLianBang.Web.Hosting.OpenApi;

namespace TiLianBang.Web.Hosting;

public static class HostingExtensions
{
    /// <summary>Serilog to console and daily rolling files, Windows service support, problem details.</summary>
    public static WebApplicationBuilder AddTiLianBangHosting(this WebApplicationBuilder builder)
    {
        var paths = AppPaths.Of(builder);
        builder.Services.AddSingleton(paths);
        builder.Host.UseWindowsService(o => o.ServiceName = "TiLianBang");
        // Under systemd (installer/linux/tilianbang.service, Type=notify) the unit learns when start-up finished and
        // the journal gets the log levels; anywhere else this does nothing.
        builder.Host.UseSystemd();
        // `dotnet run` outside Development (the README's demo) must still serve MudBlazor's files from the build
        // manifest; after publish there is no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // Naming the server and its version only helps an attacker pick exploits.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new Serilog.Formatting.Compact.CompactJsonFormatter(),
                Path.Combine(paths.LogDirectory, "tilianbang-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31),
            // Each host logs through its own logger, never the static one: several hosts in one process (tests, the
            // benchmark) would otherwise write into whichever host configured Serilog last.
            preserveStaticLogger: true);
        // Cookies and antiforgery tokens must survive restarts: keep the keys with the installation's data,
        // readable by the service account only (whoever reads them can forge any sign-in cookie).
        KeyFiles.SecureExisting(paths);
        var keys = builder.Services.AddDataProtection().SetApplicationName("TiLianBang");
        if (ClusterSettings(builder).Enabled)
        {
            // Every node must read every other node's cookies: the keys live in the shared database, which holds
            // the accounts anyway (DPAPI would tie them to one machine).
            keys.PersistKeysToDbContext<TiLianBangDbContext>();
        }
        else
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(paths.DataProtectionKeyDirectory));
            if (OperatingSystem.IsWindows())
            {
                keys.ProtectKeysWithDpapi(protectToLocalMachine: true);
            }
        }
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddDefault);
        // Enums travel as their names (e.g. "Accepted"), which the mini-program can read without a table.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new UtcDateTimeConverter());
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddTiLianBangOpenApi();
        builder.Services.AddTiLianBangRateLimits(builder.Configuration);
        return builder;
    }

    /// <summary>EF Core on SQLite (default, a file in the data folder) or SQL Server, chosen by configuration.</summary>
    public static WebApplicationBuilder AddTiLianBangStorage(this WebApplicationBuilder builder)
    {
        var paths = AppPaths.Of(builder);
        var options = DatabaseSettings(builder);
        options.ConnectionString = builder.Configuration.GetConnectionString("TiLianBang") switch
        {
            { Length: > 0 } configured => configured,
            _ when options.Provider == DatabaseProvider.Sqlite => $"Data Source={paths.SqliteDatabase}",
            _ => throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:TiLianBang is empty."),
        };
        builder.Services.AddTiLianBangData(options);
        builder.Services.AddTiLianBangCluster(builder.Configuration);
        builder.Services.AddTiLianBangElevators();
        builder.Services.AddTiLianBangAuditing();
        builder.Services.AddTiLianBangIoPoints();
        builder.Services.AddTiLianBangParameters();
        builder.Services.AddTiLianBangRepairs(builder.Configuration);
        builder.Services.AddTiLianBangHealth(builder.Configuration);
        builder.Services.AddTiLianBangPhotos(Path.Combine(paths.DataDirectory, "photos"));
        builder.Services.AddTiLianBangFaultCodes();
        builder.Services.AddTiLianBangHome();
        builder.Services.AddTiLianBangStatistics();
        builder.Services.AddTiLianBangSpecifications(Path.Combine(paths.DataDirectory, "documents"));
        builder.Services.AddTiLianBangNotifications(builder.Configuration);
        builder.Services.AddTiLianBangMaintenance();
        builder.Services.AddTiLianBangSettings();
        builder.Services.AddTiLianBangOrganizations();
        builder.Services.AddTiLianBangSearch();
        builder.Services.AddScoped<IdempotencyCleanup>();
        builder.Services.AddTiLianBangRetention(builder.Configuration);
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("Demo"));
        builder.Services.AddTiLianBangDemo();
        builder.AddTiLianBangBackups();
        builder.Services.AddHealthChecks().AddDbContextCheck<TiLianBangDbContext>("database");
        return builder;
    }

    /// <summary>The <c>Cluster</c> section (several web nodes on one database).</summary>
    internal static ClusterOptions ClusterSettings(WebApplicationBuilder builder) =>
        builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();

    /// <summary>The <c>Database</c> section, which both the data and Hangfire follow.</summary>
    internal static DatabaseOptions DatabaseSettings(WebApplicationBuilder builder) =>
        builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

    public static WebApplication UseTiLianBangPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // The API answers every bodiless error as problem details; a person's browser gets a page instead of JSON.
        // (Re-execution needs the outer pipeline's routing, so the page handler is global and the API's problem
        // writer runs inside it, answering first.)
        app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        app.UseWhen(c => IsApi(c.Request.Path), api => api.UseStatusCodePages());
        app.UseSerilogRequestLogging();
        // The mini-program's live socket (/api/v1/live); pings keep it through proxies and NATs that drop idle connections.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseTiLianBangLocalization();
        app.UseCurrentActor();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseIdempotencyKeys();
        return app;
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    public static WebApplication MapTiLianBangHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}
