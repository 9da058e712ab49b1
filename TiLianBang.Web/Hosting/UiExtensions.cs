using MudBlazor.Services;
using TiLianBang.Web.Components;

namespace TiLianBang.Web.Hosting;

public static class UiExtensions
{
    public static IServiceCollection AddTiLianBangUi(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        return services;
    }

    public static WebApplication MapTiLianBangUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
