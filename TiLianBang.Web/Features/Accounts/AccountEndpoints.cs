using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Localization;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var web = app.MapGroup("/account");
        web.MapPost("/signout", SignOutAsync).RequireAuthorization();
        web.MapGet("/language", SwitchLanguageAsync).AllowAnonymous();

        var api = app.MapGroup("/api/v1").WithTags("Accounts");
        api.MapPost("/auth/token", IssueTokenAsync).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(ApiRateLimits.Anonymous)
            .Describe("账号密码登录，取得令牌", "Sign in with account and password; returns a bearer token");
        api.MapPost("/me/password", ChangePasswordAsync).RequireAuthorization().DisableAntiforgery()
            .Describe("修改密码", "Change my password");
        return app;
    }

    private static async Task<RedirectHttpResult> SignOutAsync(
        SignInManager<Account> signIns, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.LogSignOutAsync(cancellationToken);
        await signIns.SignOutAsync();
        return TypedResults.LocalRedirect("/account/signin");
    }

    /// <summary>Switches the UI language, remembering it on the account when someone is signed in.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SwitchLanguageAsync(
        HttpContext context, AccountService accounts, [FromQuery] string culture, [FromQuery] string? returnUrl)
    {
        if (!AccountLanguages.IsSupported(culture))
        {
            return TypedResults.Problem(statusCode: 400, title: CoreTexts.Show($"不支持的语言：{culture}", CultureInfo.CurrentUICulture));
        }
        // Our pages only ever pass their own path; anything else is a crafted link (an open redirect attempt or
        // garbage that LocalRedirect would throw on), so it is refused instead of followed or failed on.
        if (!string.IsNullOrEmpty(returnUrl) && !IsLocal(returnUrl))
        {
            return Problem(400, "language.return_url", "返回地址无效。");
        }
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await accounts.SetOwnLanguageAsync(culture);
        }
        context.Response.WriteCultureCookie(culture);
        return TypedResults.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, HttpContext context, AccountService accounts, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problem(400, "account.missing_credentials", "请输入账号和密码。");
        }
        var result = await accounts.CheckPasswordAsync(request.UserName, request.Password, cancellationToken);
        if (result.Outcome is SignInOutcome.LockedOut or SignInOutcome.Throttled)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(result, clock);
        }
        return result.Outcome switch
        {
            SignInOutcome.Throttled => Problem(429, "signin.throttled", $"登录尝试过于频繁，请 {RetryAfterMinutes(result, clock)} 分钟后再试。"),
            SignInOutcome.LockedOut => Problem(423, "account.locked_out", $"账号已锁定，请于 {result.LockedUntil?.ToLocalTime():HH:mm} 后再试。"),
            SignInOutcome.Disabled => Problem(403, "account.disabled", "账号已停用，请联系管理员。"),
            SignInOutcome.WrongCredentials => Problem(401, "account.wrong_credentials", "账号或密码错误。"),
            _ => TypedResults.Ok(await TokenResponse.ForAsync(tokens, result)),
        };
    }

    internal static string RetryAfterSeconds(SignInResultWithAccount result, TimeProvider clock) =>
        Math.Max(1, (int)Math.Ceiling(result.RetryAfter(clock.GetUtcNow()).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static int RetryAfterMinutes(SignInResultWithAccount result, TimeProvider clock) =>
        Math.Max(1, (int)Math.Ceiling(result.RetryAfter(clock.GetUtcNow()).TotalMinutes));

    private static async Task<NoContent> ChangePasswordAsync(
        ChangePasswordRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.ChangeOwnPasswordAsync(request.CurrentPassword, request.NewPassword, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Longer return addresses are not something our pages produce; refusing them keeps headers small.</summary>
    internal const int MaxReturnUrlLength = 2048;

    /// <summary>
    /// A path on this site, by the same rule as ASP.NET Core's <c>IsLocalUrl</c> (which <c>LocalRedirect</c>
    /// enforces): one leading slash, not "//" or "/\" (another host), no control characters (header splitting).
    /// </summary>
    internal static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        !string.IsNullOrEmpty(url)
        && url.Length <= MaxReturnUrlLength
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary><paramref name="title"/> in the request's language (<see cref="CoreTexts"/>).</summary>
    private static ProblemHttpResult Problem(int status, string code, LocalizedText title) =>
        TypedResults.Problem(statusCode: status, title: title.ToString(CultureInfo.CurrentUICulture), detail: title.ToString(CultureInfo.CurrentUICulture), extensions: new Dictionary<string, object?> { ["code"] = code });
}

public sealed record TokenRequest(string UserName, string Password);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, bool MustChangePassword)
{
    internal static async Task<TokenResponse> ForAsync(TokenIssuer tokens, SignInResultWithAccount result)
    {
        var token = await tokens.IssueAsync(result.Account!);
        return new TokenResponse(token.AccessToken, token.ExpiresAt, result.Outcome == SignInOutcome.MustChangePassword);
    }
}
