using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// SYS-8: an account that must change its password can do nothing else until it has. Pages redirect to the
/// change form; API calls get a 403 problem with a code the mini-program can act on.
/// </summary>
public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string ApiChangePasswordPath = "/api/v1/me/password";

    public static WebApplication UsePasswordChangeGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.User.HasClaim(AccountClaimTypes.MustChangePassword, "true") || IsAllowed(context.Request))
            {
                await next(context);
                return;
            }
            if (context.Request.IsApiRequest())
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "首次登录请先修改密码。",
                    extensions: new Dictionary<string, object?> { ["code"] = "password.change_required" })
                    .ExecuteAsync(context);
                return;
            }
            context.Response.Redirect(ChangePasswordPath);
        });
        return app;
    }

    private static bool IsAllowed(HttpRequest request) =>
        request.Path.StartsWithSegments("/account")
        || request.Path.StartsWithSegments(ApiChangePasswordPath)
        || request.Path.StartsWithSegments("/_framework")
        || request.Path.StartsWithSegments("/_content")
        || request.Path.StartsWithSegments("/health")
        || Path.HasExtension(request.Path.Value);
}
