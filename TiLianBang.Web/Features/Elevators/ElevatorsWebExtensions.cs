namespace TiLianBang.Web.Features.Elevators;

public static class ElevatorsWebExtensions
{
    /// <summary>The web side of elevator archives: QR codes for the car labels.</summary>
    public static IServiceCollection AddTiLianBangElevatorsWeb(this IServiceCollection services) => services.AddSingleton<QrCodes>();
}
