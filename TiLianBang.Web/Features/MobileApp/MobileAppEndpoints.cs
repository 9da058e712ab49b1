using Microsoft.Net.Http.Headers;

namespace TiLianBang.Web.Features.MobileApp;

/// <summary>
/// The mini-program's H5 build at <c>/m/</c>: the same uni-app pages as the WeChat mini-program, for phones outside
/// WeChat. Its files are static assets of wwwroot/m (built by the project's build); the page itself is served here
/// because static assets have no default document. Hash routing means every page lives under this one address.
/// </summary>
public static class MobileAppEndpoints
{
    public const string IndexFile = "m/index.html";

    public static WebApplication MapMobileAppEndpoints(this WebApplication app)
    {
        // Routing does not tell /m from /m/; the app's base is /m/, so the bare address is sent there.
        app.MapGet("/m", IndexAsync).ExcludeFromDescription();
        return app;
    }

    private static IResult IndexAsync(IWebHostEnvironment environment, HttpContext context)
    {
        if (!context.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect("/m/" + context.Request.QueryString);
        }
        var index = environment.WebRootFileProvider.GetFileInfo(IndexFile);
        if (!index.Exists)
        {
            // A build without Node.js has no H5 app; say so instead of a bare 404.
            return TypedResults.Problem(statusCode: 404, title: "The mobile web app was not built (miniprogram/, npm run build:h5).",
                extensions: new Dictionary<string, object?> { ["code"] = "mobile.not_built" });
        }
        // The page names its hashed scripts: it must be fetched anew after an upgrade, the scripts may be cached.
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return TypedResults.Stream(index.CreateReadStream(), "text/html; charset=utf-8");
    }
}
