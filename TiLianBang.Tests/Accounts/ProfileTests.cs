using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Photos;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Maintenance;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Accounts;

/// <summary>API-10 人员档案 / 个人资料修改: one's own profile, picture and mobile (confirmed by an SMS code).</summary>
public sealed class ProfileTests(RemoteBackedApp fixture) : IClassFixture<RemoteBackedApp>
{
    private const string Password = "Profile-2026";
    private TiLianBangAppFactory App => fixture.App;

    /// <summary>A worker of 渝安 of its own, signed in through the API, so each test's codes and limits are its own.</summary>
    private async Task<HttpClient> NewWorkerAsync(string userName)
    {
        await App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, userName, Password, mustChangePassword: false);
        return await App.CreateApiClientAsync(userName, Password);
    }

    private static Task<string?> CodeOfAsync(HttpResponseMessage response) => RemoteBackedApp.CodeOfAsync(response);

    private async Task<string> CodeSentToAsync(string phone) => await fixture.SmsCodeAsync(phone) ?? throw new InvalidOperationException($"No code reached {phone}.");

    private static Task<HttpResponseMessage> RequestCodeAsync(HttpClient client, string phone) =>
        client.PostAsJsonAsync("/api/v1/me/phone/code", new PhoneCodeRequest(phone));

    private static Task<HttpResponseMessage> ChangePhoneAsync(HttpClient client, string phone, string code) =>
        client.PutAsJsonAsync("/api/v1/me/phone", new PhoneChangeRequest(phone, code));

    [Fact]
    public async Task MeShowsTheProfileWithItsCertificateAndPermissions()
    {
        var client = await App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/me");

        Assert.Equal(DemoAccounts.MaintenanceWorker, me!.UserName);
        Assert.Equal(DemoStaff.DemoAccountPhones[DemoAccounts.MaintenanceWorker], me.Phone);
        Assert.Equal("维保工", me.Job);
        Assert.Contains(Permissions.MaintenanceWork, me.Permissions);
        Assert.Equal(DemoStaff.Certificates[DemoAccounts.MaintenanceWorker].Number, me.Certificate!.Number);
        Assert.False(me.Certificate.Expired);
        Assert.False(me.WeChatBound);
        Assert.Null(me.AvatarUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task RenamingChangesTheNameAndABlankNameIsRefused()
    {
        var client = await NewWorkerAsync("profile-rename");

        var renamed = await client.PutAsJsonAsync("/api/v1/me", new MeUpdateRequest("  周小川 ", null));
        var blank = await client.PutAsJsonAsync("/api/v1/me", new MeUpdateRequest("   ", null));

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("周小川", (await renamed.Content.ReadFromJsonAsync<MeResponse>())!.DisplayName);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var problem = await blank.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal("validation", problem!.Extensions["code"]!.ToString());
        Assert.Contains("DisplayName", problem.Errors.Keys);
        // The same token still works: a new name is no reason to sign out.
        Assert.Equal("周小川", (await client.GetFromJsonAsync<MeResponse>("/api/v1/me"))!.DisplayName);
    }

    [Fact]
    public async Task TheLanguageIsChangedAloneOnlyToOneWeSpeakAndAnEmptyChangeIsRefused()
    {
        var client = await NewWorkerAsync("profile-language");

        var english = await client.PutAsJsonAsync("/api/v1/me", new { language = "en" });
        var french = await client.PutAsJsonAsync("/api/v1/me", new { language = "fr" });
        var nothing = await client.PutAsJsonAsync("/api/v1/me", new { });

        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        var me = (await english.Content.ReadFromJsonAsync<MeResponse>())!;
        Assert.Equal("en", me.Language);
        Assert.Equal("profile-language", me.DisplayName);
        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        Assert.Contains("language", (await french.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal("en", (await client.GetFromJsonAsync<MeResponse>("/api/v1/me"))!.Language);
    }

    [Fact]
    public async Task AnAvatarMustBeAnImageWithinTheSizeLimitAndReplacesTheOldOne()
    {
        var client = await NewWorkerAsync("profile-avatar");
        static MultipartFormDataContent Upload(byte[] bytes, string name)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new MultipartFormDataContent { { file, "avatar", name } };
        }
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        var tooLarge = new byte[PhotoOptions.MaxBytes + 1];
        TestImages.Jpeg.CopyTo(tooLarge, 0);

        var text = await client.PutAsync("/api/v1/me/avatar", Upload("not an image"u8.ToArray(), "me.png"));
        var huge = await client.PutAsync("/api/v1/me/avatar", Upload(tooLarge, "me.jpg"));
        var missing = await client.PutAsync("/api/v1/me/avatar", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ProfileEndpoints.AvatarPath)).StatusCode);
        var first = await client.PutAsync("/api/v1/me/avatar", Upload(TestImages.Jpeg, "first.jpg"));
        var firstUrl = (await first.Content.ReadFromJsonAsync<AvatarResponse>())!.AvatarUrl;
        var second = await client.PutAsync("/api/v1/me/avatar", Upload(png, "second.png"));

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("avatar.missing", await CodeOfAsync(missing));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/me");
        Assert.NotEqual(firstUrl, me!.AvatarUrl);
        var served = await client.GetAsync(me.AvatarUrl);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync(me.AvatarUrl)).StatusCode);
        // Only the current picture is kept on disk.
        var files = Directory.GetFiles(Path.Combine(App.DataDirectory, "photos"), $"avatar-{me.Id}-*");
        Assert.Equal(".png", Path.GetExtension(Assert.Single(files)));
    }

    [Fact]
    public async Task ACodeSentToTheNewMobileChangesIt()
    {
        var client = await NewWorkerAsync("profile-phone");

        var sent = await RequestCodeAsync(client, "13955500001");
        var code = await CodeSentToAsync("13955500001");
        var changed = await ChangePhoneAsync(client, "13955500001", code);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal("13955500001", (await client.GetFromJsonAsync<MeResponse>("/api/v1/me"))!.Phone);
        // Used once: the same code does not change it again (to a number the person no longer confirms).
        Assert.Equal(HttpStatusCode.BadRequest, (await ChangePhoneAsync(client, "13955500001", code)).StatusCode);
        var row = await App.AsSystemAsync((_, db) => db.VerificationCodes.AsNoTracking().SingleAsync(c => c.Phone == "13955500001"));
        Assert.Equal(VerificationPurpose.PhoneChange, row.Purpose);
        Assert.NotEqual(code, row.CodeHash);
    }

    [Fact]
    public async Task FiveWrongCodesKillTheCode()
    {
        var client = await NewWorkerAsync("profile-wrong");
        await RequestCodeAsync(client, "13955500002");
        var code = await CodeSentToAsync("13955500002");
        var wrong = code == "000000" ? "111111" : "000000";

        var answers = new List<string?>();
        for (var i = 0; i < Profile.MaxCodeAttempts; i++)
        {
            answers.Add(await CodeOfAsync(await ChangePhoneAsync(client, "13955500002", wrong)));
        }
        var right = await ChangePhoneAsync(client, "13955500002", code);

        Assert.Equal(["phone.code_wrong", "phone.code_wrong", "phone.code_wrong", "phone.code_wrong", "phone.code_expired"], answers);
        Assert.Equal("phone.code_expired", await CodeOfAsync(right));
        Assert.NotEqual("13955500002", (await client.GetFromJsonAsync<MeResponse>("/api/v1/me"))!.Phone);
    }

    [Fact]
    public async Task ACodeExpiresAfterFiveMinutes()
    {
        var client = await NewWorkerAsync("profile-late");
        await RequestCodeAsync(client, "13955500003");
        var code = await CodeSentToAsync("13955500003");

        App.Clock.Advance(Profile.CodeLifetime + TimeSpan.FromSeconds(1));
        var late = await ChangePhoneAsync(client, "13955500003", code);

        Assert.Equal("phone.code_expired", await CodeOfAsync(late));
    }

    [Fact]
    public async Task AMobileOfAnotherAccountOrOfTheWrongShapeIsRefused()
    {
        var client = await NewWorkerAsync("profile-taken");

        var taken = await RequestCodeAsync(client, DemoStaff.DemoAccountPhones[DemoAccounts.MaintenanceManager]);
        var malformed = await RequestCodeAsync(client, "12345678901");

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("phone.taken", await CodeOfAsync(taken));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(0, await App.AsSystemAsync((_, db) => db.VerificationCodes.CountAsync(c => c.Phone == "12345678901"
            || c.Phone == DemoStaff.DemoAccountPhones[DemoAccounts.MaintenanceManager])));
    }

    [Fact]
    public async Task CodesAreLimitedToOnePerMinuteAndFivePerDayPerMobileAndPerAccount()
    {
        var client = await NewWorkerAsync("profile-limits");
        var other = await NewWorkerAsync("profile-limits-2");

        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(client, "13955500004")).StatusCode);
        var sameMobile = await RequestCodeAsync(other, "13955500004");
        var sameAccount = await RequestCodeAsync(client, "13955500005");
        Assert.Equal(HttpStatusCode.TooManyRequests, sameMobile.StatusCode);
        Assert.Equal("phone.code_too_soon", await CodeOfAsync(sameMobile));
        Assert.Equal("phone.code_too_soon", await CodeOfAsync(sameAccount));

        for (var i = 1; i < Profile.MaxCodesPerWindow; i++)
        {
            App.Clock.Advance(Profile.CodeInterval);
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(client, "13955500004")).StatusCode);
        }
        App.Clock.Advance(Profile.CodeInterval);
        var sixth = await RequestCodeAsync(client, "13955500004");
        var sixthOtherMobile = await RequestCodeAsync(client, "13955500006");
        var sixthOtherAccount = await RequestCodeAsync(other, "13955500004");
        var fresh = await RequestCodeAsync(other, "13955500007");

        Assert.Equal("phone.code_daily_limit", await CodeOfAsync(sixth));
        Assert.Equal("phone.code_daily_limit", await CodeOfAsync(sixthOtherMobile));
        Assert.Equal("phone.code_daily_limit", await CodeOfAsync(sixthOtherAccount));
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
    }
}
