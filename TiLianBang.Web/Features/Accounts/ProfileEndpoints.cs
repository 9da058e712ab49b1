using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Common;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// 人员档案 / 个人资料修改 (API-10, §6.2.13.1, §6.2.13.7): the signed-in person's own profile, picture and mobile.
/// Writes are bearer-only like the rest of the API (see <c>AccountsWebExtensions.UsesBearerToken</c>); the staff
/// pages call <see cref="Profile"/> directly and read the picture from here with their cookie.
/// </summary>
public static class ProfileEndpoints
{
    public const string AvatarPath = "/api/v1/me/avatar";

    public static WebApplication MapProfileEndpoints(this WebApplication app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Accounts").RequireAuthorization().DisableAntiforgery();
        me.MapGet("", GetAsync).Describe("个人资料", "My profile");
        me.MapPut("", UpdateAsync).Describe("修改姓名或语言", "Change my name or language");
        me.MapGet("/avatar", AvatarAsync).Describe("我的头像", "My picture");
        me.MapPut("/avatar", ReplaceAvatarAsync).Describe("更换头像", "Replace my picture");
        me.MapPost("/phone/code", SendPhoneCodeAsync).Describe("更换手机号：发送验证码", "Change mobile: send a code to the new number");
        me.MapPut("/phone", ChangePhoneAsync).Describe("更换手机号", "Change my mobile number with the code");
        return app;
    }

    /// <summary>Where a page or the mini-program loads a picture; the file name in the query tells a new picture from the cached one.</summary>
    public static string? AvatarUrl(string? avatarFile) =>
        avatarFile is null ? null : $"{AvatarPath}?v={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(avatarFile))}";

    private static async Task<Ok<MeResponse>> GetAsync(Profile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(MeResponse.From(await profile.GetAsync(cancellationToken)));

    private static async Task<Ok<MeResponse>> UpdateAsync(Profile profile, MeUpdateRequest request, CancellationToken cancellationToken)
    {
        if (request.DisplayName is null && request.Language is null)
        {
            throw new ValidationException(new Dictionary<string, string> { ["displayName"] = "请填写要修改的姓名或语言。" });
        }
        if (request.DisplayName is not null)
        {
            await profile.RenameAsync(request.DisplayName, cancellationToken);
        }
        if (request.Language is not null)
        {
            await profile.SetLanguageAsync(request.Language, cancellationToken);
        }
        return TypedResults.Ok(MeResponse.From(await profile.GetAsync(cancellationToken)));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> AvatarAsync(Profile profile, HttpContext context, CancellationToken cancellationToken)
    {
        if (await profile.OpenAvatarAsync(cancellationToken) is not { } avatar)
        {
            return TypedResults.NotFound();
        }
        // A person's picture is theirs: shared caches keep nothing; the versioned URL lets the browser keep it.
        context.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.File(avatar.Content, avatar.ContentType);
    }

    private static async Task<Results<Ok<AvatarResponse>, ProblemHttpResult>> ReplaceAvatarAsync(
        Profile profile, IFormFile? avatar, CancellationToken cancellationToken)
    {
        if (avatar is null)
        {
            return Problem(400, "avatar.missing", "请选择头像图片。");
        }
        await using var content = avatar.OpenReadStream();
        var stored = await profile.ReplaceAvatarAsync(content, cancellationToken);
        return TypedResults.Ok(new AvatarResponse(AvatarUrl(stored)!));
    }

    private static async Task<Accepted<PhoneCodeResponse>> SendPhoneCodeAsync(
        Profile profile, PhoneCodeRequest request, CancellationToken cancellationToken)
    {
        var resendAt = await profile.SendPhoneCodeAsync(request.Phone, cancellationToken);
        return TypedResults.Accepted((string?)null, new PhoneCodeResponse(resendAt, (int)Profile.CodeLifetime.TotalSeconds));
    }

    private static async Task<NoContent> ChangePhoneAsync(Profile profile, PhoneChangeRequest request, CancellationToken cancellationToken)
    {
        await profile.ChangePhoneAsync(request.Phone, request.Code, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Problem(int status, string code, LocalizedText title) =>
        TypedResults.Problem(statusCode: status, title: title.ToString(CultureInfo.CurrentUICulture), detail: title.ToString(CultureInfo.CurrentUICulture),
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

public sealed record MeResponse(
    int Id, string UserName, string DisplayName, string? Phone, string Company, string Role, string? Job, string Language,
    MeCertificate? Certificate, string? AvatarUrl, bool WeChatBound, IReadOnlyList<string> Permissions)
{
    internal static MeResponse From(ProfileView view) => new(
        view.Id, view.UserName, view.DisplayName, view.Phone, view.CompanyName, view.RoleName, view.Job, view.Language,
        view.Certificate is { } c ? new MeCertificate(c.Number, c.Category, c.ExpiresOn, c.Expired) : null,
        ProfileEndpoints.AvatarUrl(view.AvatarFile), view.WeChatBound, view.Permissions);
}

public sealed record MeCertificate(string? Number, string? Category, DateOnly? ExpiresOn, bool Expired);

/// <summary>Either or both: a field left out stays as it is.</summary>
public sealed record MeUpdateRequest(string? DisplayName, string? Language);

public sealed record AvatarResponse(string AvatarUrl);

public sealed record PhoneCodeRequest(string? Phone);

/// <summary>When the next code may be asked for, and how long this one lives.</summary>
public sealed record PhoneCodeResponse(DateTimeOffset ResendAt, int ExpiresInSeconds);

public sealed record PhoneChangeRequest(string? Phone, string? Code);
