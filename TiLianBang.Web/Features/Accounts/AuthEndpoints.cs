using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Localization;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// The mini-program's anonymous ways in besides <c>/auth/token</c> (API-1): WeChat binding and automatic sign-in,
/// and password recovery by SMS code. Each is limited: binding by the sign-in throttle of its password check,
/// WeChat sign-in and code guesses by the throttle's per-address failure count, code requests by the stored
/// requests per mobile and per address.
/// </summary>
public static class AuthEndpoints
{
    public static WebApplication MapAuthEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Accounts").AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(ApiRateLimits.Anonymous);
        api.MapPost("/bind", BindAsync).Describe("绑定账号（账号 + 密码 + 微信登录码）", "Bind an account to a WeChat user (account, password, login code)");
        api.MapPost("/wechat", SignInWithWeChatAsync).Describe("微信一键登录（已绑定的微信用户）", "Sign in with WeChat (an already bound WeChat user)");
        api.MapPost("/recovery/code", RequestRecoveryCodeAsync).Describe("密码找回：发送短信验证码", "Password recovery: send an SMS code");
        api.MapPost("/recovery/reset", ResetPasswordAsync).Describe("密码找回：验证码重置密码", "Password recovery: reset the password with the SMS code");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> BindAsync(
        BindRequest request, HttpContext context, WeChatBinding binding, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            var result = await binding.BindAccountAsync(request.UserName ?? "", request.Password ?? "", request.Channel ?? "", request.Code ?? "", cancellationToken);
            return await AnswerAsync(result, context, tokens, clock);
        }
        catch (WeChatLoginException e)
        {
            return WeChatProblem(e);
        }
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignInWithWeChatAsync(
        WeChatSignInRequest request, HttpContext context, WeChatBinding binding, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            var result = await binding.SignInAsync(request.Code ?? "", cancellationToken);
            return await AnswerAsync(result, context, tokens, clock);
        }
        catch (WeChatLoginException e)
        {
            return WeChatProblem(e);
        }
    }

    private static async Task<Results<Accepted<RecoveryCodeResponse>, ProblemHttpResult>> RequestRecoveryCodeAsync(
        RecoveryCodeRequest request, HttpContext context, PasswordRecovery recovery, CancellationToken cancellationToken)
    {
        var limit = await recovery.RequestCodeAsync(request.Phone ?? "", cancellationToken);
        if (limit.Limited)
        {
            context.Response.Headers.RetryAfter = Seconds(limit.RetryAfter);
            return Problem(429, "recovery.too_many_requests", $"获取验证码过于频繁，请 {Minutes(limit.RetryAfter)} 分钟后再试。");
        }
        LocalizedText sent = "如果该手机号已登记，验证码已发送。";
        // No Location: there is nothing to look at, and the answer must not differ for a mobile nobody has.
        return TypedResults.Accepted((string?)null, new RecoveryCodeResponse(
            sent.ToString(CultureInfo.CurrentUICulture), (int)PasswordRecovery.CodeLifetime.TotalSeconds));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetPasswordAsync(
        RecoveryResetRequest request, HttpContext context, PasswordRecovery recovery, CancellationToken cancellationToken)
    {
        var limit = await recovery.ResetAsync(request.Phone ?? "", request.Code ?? "", request.NewPassword ?? "", cancellationToken);
        if (limit.Limited)
        {
            context.Response.Headers.RetryAfter = Seconds(limit.RetryAfter);
            return Problem(429, "recovery.throttled", $"验证码尝试过于频繁，请 {Minutes(limit.RetryAfter)} 分钟后再试。");
        }
        return TypedResults.NoContent();
    }

    /// <summary>The same answers as <c>/auth/token</c> for the same outcome of a password check or WeChat sign-in.</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> AnswerAsync(
        SignInResultWithAccount result, HttpContext context, TokenIssuer tokens, TimeProvider clock)
    {
        if (result.Outcome is SignInOutcome.LockedOut or SignInOutcome.Throttled)
        {
            context.Response.Headers.RetryAfter = AccountEndpoints.RetryAfterSeconds(result, clock);
        }
        return result.Outcome switch
        {
            SignInOutcome.Throttled => Problem(429, "signin.throttled", $"登录尝试过于频繁，请 {AccountEndpoints.RetryAfterMinutes(result, clock)} 分钟后再试。"),
            SignInOutcome.LockedOut => Problem(423, "account.locked_out", $"账号已锁定，请于 {result.LockedUntil?.ToLocalTime():HH:mm} 后再试。"),
            SignInOutcome.Disabled => Problem(403, "account.disabled", "账号已停用，请联系管理员。"),
            SignInOutcome.WrongCredentials => Problem(401, "account.wrong_credentials", "账号或密码错误。"),
            _ => TypedResults.Ok(await TokenResponse.ForAsync(tokens, result)),
        };
    }

    /// <summary>WeChat did not say who the user is: its failure (502) or our missing configuration (503), not the caller's.</summary>
    private static ProblemHttpResult WeChatProblem(WeChatLoginException e) =>
        Problem(e.Code == "wechat.not_configured" ? 503 : 502, e.Code, e.Text);

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));

    /// <summary><paramref name="title"/> in the request's language (<see cref="CoreTexts"/>), as <c>AccountEndpoints</c> answers.</summary>
    private static ProblemHttpResult Problem(int status, string code, LocalizedText title) =>
        TypedResults.Problem(statusCode: status, title: title.ToString(CultureInfo.CurrentUICulture), detail: title.ToString(CultureInfo.CurrentUICulture),
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>绑定: account, password, 通道号 and the mini-program's <c>wx.login</c> code.</summary>
public sealed record BindRequest(string? UserName, string? Password, string? Channel, string? Code);

public sealed record WeChatSignInRequest(string? Code);

public sealed record RecoveryCodeRequest(string? Phone);

/// <summary>The same for every mobile, registered or not.</summary>
public sealed record RecoveryCodeResponse(string Message, int ValidSeconds);

public sealed record RecoveryResetRequest(string? Phone, string? Code, string? NewPassword);
