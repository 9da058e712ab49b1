namespace TiLianBang.Web.Features.Organizations;

public static class OrganizationsWebExtensions
{
    /// <summary>The web side of companies and communities: the map tile source of the location picker.</summary>
    public static IServiceCollection AddTiLianBangOrganizationsWeb(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<MapOptions>(configuration.GetSection("Maps"));
}
