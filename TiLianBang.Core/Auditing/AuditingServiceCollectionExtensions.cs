using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Auditing;

public static class AuditingServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangAuditing(this IServiceCollection services)
    {
        services.AddScoped<OperationLogSearch>();
        services.AddScoped<AuditNames>();
        return services;
    }
}
