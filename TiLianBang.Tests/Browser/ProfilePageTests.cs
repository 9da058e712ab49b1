using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Tests.Browser;

/// <summary>个人资料: a worker renames themselves, changes their mobile with a code, uploads a picture, sees their certificate.</summary>
public sealed class ProfilePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A 64×64 PNG (a person on blue), so the picture shows in screenshots.</summary>
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAA1UlEQVR42u3XMQ7CMBBE0bkIJ+OunCNFam5AQ0WBFEWQWCY2eGf50pQu/uu8mq836wkAAAAAAAAAAAAAgFyA+3zZW3RAIf1LDP2+vq9BQ+o7GjSqvpdBA+u7GP4e0FjfbgAAAAAAAAD4SpgD7H+jGe6BDBeZ/U18Ok/LCunrZyEA66DDGwPokt7OUIT0FobipB9jKFr6pwyFra80KHJ9jUGR02sYsqgvGORSv2fICAhbv2mQV/27QXb1L4ZEAKP6tSELwK5+MaQAmNY/5w+wrgcAAMD0AHLGzPA30sf2AAAAAElFTkSuQmCC");

    [Fact]
    public async Task AWorkerChangesNameMobileAndPictureAndSeesTheExpiredCertificate()
    {
        var app = browser.App;
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "profile-page", "Profile-2026", mustChangePassword: false);
        await app.AsSystemAsync(async (_, db) =>
        {
            var a = await db.Users.SingleAsync(u => u.Id == account.Id);
            a.DisplayName = "赵磊";
            a.PhoneNumber = "13955509001";
            a.Job = "维保工";
            a.Certificate = new() { Number = "T500112199001011234", Category = DemoStaff.CertificateCategory, ExpiresOn = app.Clock.Today().AddDays(-3) };
            return await db.SaveChangesAsync();
        });
        var page = await browser.SignedInAsync("profile-page", "Profile-2026");
        await page.OpenAsync("/account/profile");

        var certificate = page.GetByTestId("profile-certificate");
        await Assertions.Expect(certificate).ToContainTextAsync("T500112199001011234");
        await Assertions.Expect(certificate.GetByTestId("certificate-expired")).ToHaveTextAsync("证书过期");

        await page.GetByTestId("profile-name-input").FillAsync("赵小磊");
        await page.GetByTestId("profile-name-input").PressAsync("Tab");
        await page.GetByTestId("profile-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "已保存" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("赵小磊");

        var phone = page.GetByTestId("profile-new-phone");
        await phone.FillAsync("13955509002");
        await phone.PressAsync("Tab");
        await page.GetByTestId("profile-send-code").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-send-code")).ToHaveTextAsync("60 秒后重新发送");
        await Assertions.Expect(page.GetByTestId("profile-send-code")).ToBeDisabledAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(25));
        await Assertions.Expect(page.GetByTestId("profile-send-code")).ToHaveTextAsync("35 秒后重新发送");
        var sms = await app.AsSystemAsync((_, db) => db.Notifications.AsNoTracking()
            .Where(n => n.Channel == NotificationChannel.Sms && n.Address == "13955509002").Select(n => n.Body).SingleAsync());
        var code = System.Text.RegularExpressions.Regex.Match(sms, "[0-9]{6}").Value;
        await page.GetByTestId("profile-code").FillAsync(code);
        await page.GetByTestId("profile-code").PressAsync("Tab");
        await page.GetByTestId("profile-change-phone").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "手机号已更换" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("profile-current-phone")).ToHaveTextAsync("13955509002");
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        await Assertions.Expect(page.GetByTestId("profile-send-code")).ToHaveTextAsync("发送验证码");

        await page.GetByTestId("profile-basics").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "me.png",
            MimeType = "image/png",
            Buffer = Picture,
        });
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "头像已更新" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("profile-avatar").Locator("img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/v1/me/avatar\\?v="));
        await Assertions.Expect(page.GetByTestId("user-avatar").Locator("img")).ToBeVisibleAsync();
        await page.ScreenshotAsync("account-profile-worker");
    }
}
