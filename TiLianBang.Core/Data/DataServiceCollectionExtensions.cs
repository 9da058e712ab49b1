using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TiLianBangDbContext"/> for the configured provider.</summary>
    public static IServiceCollection AddTiLianBangData(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = options.ConnectionString
            ?? throw new InvalidOperationException("Database connection string is not set (ConnectionStrings:TiLianBang).");
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActor>();
        services.TryAddSingleton<AccountSessionCheck>();
        services.TryAddSingleton<AccountChangeInterceptor>();
        services.TryAddSingleton<AfterCommit>();
        services.TryAddSingleton<SqliteConnectionSettings>();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<TiLianBangDbContext, SqliteTiLianBangDbContext>((sp, o) => o.UseSqlite(connectionString)
                    .AddInterceptors(sp.GetRequiredService<AccountChangeInterceptor>(), sp.GetRequiredService<AfterCommit>(),
                        sp.GetRequiredService<SqliteConnectionSettings>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<TiLianBangDbContext, SqlServerTiLianBangDbContext>((sp, o) => o.UseSqlServer(connectionString)
                    .AddInterceptors(sp.GetRequiredService<AccountChangeInterceptor>(), sp.GetRequiredService<AfterCommit>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or SqlServer.");
        }
        services.AddScoped<DatabaseInitializer>();
        return services;
    }
}
