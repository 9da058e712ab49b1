using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Home;

/// <summary>关于我们 / 版本更新 (API-10, §6.2.13): what runs on the server and the oldest mini-program it still serves.</summary>
public static class AboutEndpoints
{
    public const string ProductName = "梯连帮 TiLianBang";
    public const string DefaultMinimumMiniProgramVersion = "1.0.0";

    private static readonly string Version =
        typeof(AboutEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AboutEndpoints).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public static WebApplication MapAboutEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/v1/about").WithTags("About").RequireAuthorization()
            .MapGet("", Get)
            .Describe("关于：产品、服务器版本、服务器时间与小程序最低版本", "About: product, server version, server time and the minimum mini-program version");
        return app;
    }

    private static Ok<AboutResponse> Get(IConfiguration configuration, TimeProvider clock) =>
        TypedResults.Ok(new AboutResponse(
            ProductName,
            Version,
            clock.GetLocalNow(),
            configuration["MiniProgram:MinimumVersion"] is { Length: > 0 } minimum ? minimum : DefaultMinimumMiniProgramVersion));
}

/// <summary>
/// The server's product and version, its clock (local time with its offset, for a phone to see a skewed clock),
/// and the oldest mini-program version it accepts: an older one asks the person to update (版本更新).
/// </summary>
public sealed record AboutResponse(string Product, string Version, DateTimeOffset ServerTime, string MinimumMiniProgramVersion);
