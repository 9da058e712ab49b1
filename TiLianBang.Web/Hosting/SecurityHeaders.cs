namespace TiLianBang.Web.Hosting;

/// <summary>
/// Browser hardening on every answer — pages, the public QR page, static files, the API and error pages alike:
/// no content-type sniffing, no full address sent to other sites, no framing by other sites (clickjacking).
/// </summary>
public static class SecurityHeaders
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";
    public const string FrameAncestors = "frame-ancestors 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set just before the headers go out: the exception handler clears the response's headers when it
            // takes over, and an error page needs them as much as any other.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                if (headers.ContentSecurityPolicy.Count == 0)
                {
                    headers.ContentSecurityPolicy = FrameAncestors;
                }
                // For browsers that predate frame-ancestors.
                headers.XFrameOptions = "SAMEORIGIN";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        return app;
    }
}
