using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Core.Organizations;

public static class OrganizationsServiceCollectionExtensions
{
    public static IServiceCollection AddTiLianBangOrganizations(this IServiceCollection services)
    {
        services.AddScoped<CompanyDirectory>();
        services.AddScoped<CommunityDirectory>();
        return services;
    }
}
