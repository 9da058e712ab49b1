using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Search;

public static class SearchServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangSearch(this IServiceCollection services) => services.AddScoped<QuickSearch>();
}
