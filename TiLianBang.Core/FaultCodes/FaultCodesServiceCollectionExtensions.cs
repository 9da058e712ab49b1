using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.FaultCodes;

public static class FaultCodesServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangFaultCodes(this IServiceCollection services)
    {
        services.AddSingleton<FaultCodeCatalog>();
        services.AddScoped<FaultCodeService>();
        return services;
    }
}
