using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TiLianBang.Core.Localization;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// Requests per minute and client address on the anonymous endpoints (token, bind, WeChat sign-in, password
/// recovery): the per-account sign-in throttle stops guessing one password, this stops one address from trying
/// many accounts or flooding the SMS gateway. Opening the live socket, which authenticates in its first frame,
/// is limited the same way so that one address cannot hold thousands of sockets that never sign in.
/// </summary>
public static class ApiRateLimits
{
    public const string Anonymous = "anonymous";

    /// <summary>Opening the live socket, which may authenticate only in its first frame (a browser cannot send headers).</summary>
    public const string LiveConnect = "live-connect";

    public static IServiceCollection AddTiLianBangRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:AnonymousPerMinute", 30);
        var connectsPerMinute = configuration.GetValue("RateLimits:LiveConnectsPerMinute", 120);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Anonymous, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(LiveConnect, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = connectsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var title = CoreTexts.Show("请求过于频繁，请稍后再试。", culture);
        var problem = new ProblemDetails { Status = 429, Title = title, Detail = title, Extensions = { ["code"] = "request.rate_limited" } };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
