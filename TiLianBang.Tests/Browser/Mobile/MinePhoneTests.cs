using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>我的 (§6.2.13): messages, profile, password (also the forced first change), about and the outbox.</summary>
public sealed class MinePhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OpeningAMessageMarksItReadAndReadAllClearsTheRest()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "mine-messages", "Mine@2026x", mustChangePassword: false);
        var ids = await AddMessagesAsync(account.Id, "派单 CQ0007", "保养提醒 CQ0008", "证书即将到期");
        var phone = await browser.SignedInPhoneAsync(account.UserName!, "Mine@2026x");
        await phone.Page.Locator(".uni-tabbar__item").Nth(3).ClickAsync();
        await Assertions.Expect(phone.ByTestId("me-messages")).ToContainTextAsync("3 条未读");

        await phone.ByTestId("me-messages").ClickAsync();
        await Assertions.Expect(phone.ByTestId("messages-unread")).ToHaveTextAsync("3 条未读");
        await Assertions.Expect(phone.ByTestId("message-item")).ToHaveCountAsync(3);
        // Newest first.
        await Assertions.Expect(phone.ByTestId("message-item").First).ToContainTextAsync("证书即将到期");
        await phone.ScreenshotAsync("mine-messages");

        await phone.ByTestId("message-item").Filter(new() { HasText = "保养提醒 CQ0008" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("messages-unread")).ToHaveTextAsync("2 条未读");
        await Assertions.Expect(phone.ByTestId("message-unread-dot")).ToHaveCountAsync(2);
        Assert.NotNull(await ReadAtAsync(ids[1]));
        Assert.Null(await ReadAtAsync(ids[0]));

        await phone.ByTestId("messages-read-all").ClickAsync();
        await Assertions.Expect(phone.ByTestId("messages-unread")).ToHaveTextAsync("没有未读消息");
        await Assertions.Expect(phone.ByTestId("message-unread-dot")).ToHaveCountAsync(0);
        Assert.NotNull(await ReadAtAsync(ids[0]));
        Assert.NotNull(await ReadAtAsync(ids[2]));

        // A message about a page of the staff app opens the phone's page for the same thing.
        await phone.ByTestId("message-item").Filter(new() { HasText = "证书即将到期" }).ClickAsync();
        await Assertions.Expect(phone.Input("profile-name")).ToBeVisibleAsync();
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task ChangingThePasswordEndsTheOldTokenAndTheNewOneSignsIn()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "mine-password", "Mine@2026x", mustChangePassword: false);
        var phone = await browser.SignedInPhoneAsync(account.UserName!, "Mine@2026x");
        var oldToken = await phone.Page.EvaluateAsync<string>("() => { const v = JSON.parse(localStorage.getItem('tlb.session')); return (v.data || v).token }");
        await phone.OpenAsync("/mine/password");

        // Refusals first: a mistyped confirmation on the phone, a wrong current password from the server.
        await phone.Input("password-current").FillAsync("Mine@2026x");
        await phone.Input("password-new").FillAsync("Newer@2026y");
        await phone.Input("password-again").FillAsync("Newer@2026z");
        await Assertions.Expect(phone.Input("password-again")).ToHaveValueAsync("Newer@2026z");
        await phone.ByTestId("password-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("password-new-error")).ToContainTextAsync("不一致");

        await phone.Input("password-current").FillAsync("Wrong@2026x");
        await phone.Input("password-again").FillAsync("Newer@2026y");
        await Assertions.Expect(phone.Input("password-again")).ToHaveValueAsync("Newer@2026y");
        await phone.ByTestId("password-submit").ClickAsync();
        await Assertions.Expect(phone.Page.Locator("[data-testid=password-error], [data-testid=password-current-error]").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("mine-password-refused");
        using (var stillValid = Bearer(oldToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await stillValid.GetAsync("/api/v1/me")).StatusCode);
        }

        await phone.Input("password-current").FillAsync("Mine@2026x");
        await Assertions.Expect(phone.Input("password-current")).ToHaveValueAsync("Mine@2026x");
        await phone.ByTestId("password-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();

        using (var old = Bearer(oldToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/me")).StatusCode);
        }
        await phone.OpenAsync("/pages/me/index");
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();
        await phone.SignInAsync(account.UserName!, "Newer@2026y");
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task AnAccountThatMustChangeItsPasswordCanDoNothingElseUntilItHas()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "mine-forced", "First@2026x", mustChangePassword: true);
        var phone = await browser.PhoneAsync();
        await phone.OpenAsync("/pages/login/index");
        await phone.Input("login-user").FillAsync(account.UserName!);
        await phone.Input("login-password").FillAsync("First@2026x");
        await phone.ByTestId("login-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("password-forced")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("mine-password-forced");

        // Any other page leads back here.
        await phone.OpenAsync("/pages/home/index");
        await Assertions.Expect(phone.ByTestId("password-forced")).ToBeVisibleAsync();
        await phone.OpenAsync("/archive/index");
        await Assertions.Expect(phone.ByTestId("password-forced")).ToBeVisibleAsync();

        await phone.Input("password-current").FillAsync("First@2026x");
        await phone.Input("password-new").FillAsync("Second@2026y");
        await phone.Input("password-again").FillAsync("Second@2026y");
        await Assertions.Expect(phone.Input("password-again")).ToHaveValueAsync("Second@2026y");
        await phone.ByTestId("password-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("login-submit")).ToBeVisibleAsync();
        Assert.False(await browser.App.AsSystemAsync((_, db) => db.Users.Where(a => a.Id == account.Id).Select(a => a.MustChangePassword).SingleAsync()));

        await phone.SignInAsync(account.UserName!, "Second@2026y");
        await Assertions.Expect(phone.ByTestId("home-todo")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheProfileChangesTheNameAndAQueuedChangeWaitsInTheOutboxUntilSent()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "mine-profile", "Mine@2026x", mustChangePassword: false);
        var phone = await browser.SignedInPhoneAsync(account.UserName!, "Mine@2026x");
        // Opened once online: the H5 build loads each page's script when first shown, which no signal would stop.
        await phone.OpenAsync("/mine/outbox");
        await Assertions.Expect(phone.ByTestId("outbox-empty")).ToBeVisibleAsync();
        await phone.OpenAsync("/mine/profile");
        await Assertions.Expect(phone.Input("profile-name")).ToHaveValueAsync(account.UserName!);
        await Assertions.Expect(phone.ByTestId("profile-facts")).ToContainTextAsync("维保工");

        await phone.Input("profile-name").FillAsync("王师傅");
        await Assertions.Expect(phone.Input("profile-name")).ToHaveValueAsync("王师傅");
        await phone.ByTestId("profile-name-save").ClickAsync();
        await Assertions.Expect(phone.ByTestId("profile-notice")).ToHaveTextAsync("姓名已修改");
        Assert.Equal("王师傅", await DisplayNameAsync(account.Id));

        // A picture from the album, compressed on the phone and sent as the avatar.
        var picture = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "miniprogram", "src", "static", "tab", "home.png");
        var chooser = await phone.Page.RunAndWaitForFileChooserAsync(() => phone.ByTestId("profile-avatar").ClickAsync());
        await chooser.SetFilesAsync(picture);
        await Assertions.Expect(phone.ByTestId("profile-notice")).ToHaveTextAsync("头像已更换");
        Assert.NotNull(await browser.App.AsSystemAsync((_, db) => db.Users.Where(a => a.Id == account.Id).Select(a => a.AvatarFile).SingleAsync()));
        await Assertions.Expect(phone.Page.Locator("img.profile-avatar, .profile-avatar img").First).ToBeVisibleAsync();

        // A mobile change needs the code sent to the new number: a made-up code is refused with the server's reason.
        await phone.Input("profile-phone").FillAsync("13900001111");
        await phone.Input("profile-code").FillAsync("123456");
        await Assertions.Expect(phone.Input("profile-code")).ToHaveValueAsync("123456");
        await phone.ByTestId("profile-phone-save").ClickAsync();
        await Assertions.Expect(phone.ByTestId("profile-phone-error")).ToContainTextAsync("验证码");
        Assert.Null(await browser.App.AsSystemAsync((_, db) => db.Users.Where(a => a.Id == account.Id).Select(a => a.PhoneNumber).SingleAsync()));
        await phone.ScreenshotAsync("mine-profile");

        // No signal: the change is kept on the phone and shown in 待发送.
        await phone.Page.Context.SetOfflineAsync(true);
        await phone.Input("profile-name").FillAsync("王建国");
        await Assertions.Expect(phone.Input("profile-name")).ToHaveValueAsync("王建国");
        await phone.ByTestId("profile-name-save").ClickAsync();
        await Assertions.Expect(phone.ByTestId("profile-notice")).ToContainTextAsync("已保存");
        await phone.ByTestId("outbox-bar").ClickAsync();
        var item = phone.ByTestId("outbox-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("修改姓名为 王建国");
        await Assertions.Expect(item.GetByTestId("outbox-state")).ToHaveTextAsync("等待发送");
        await phone.ScreenshotAsync("mine-outbox");
        Assert.Equal("王师傅", await DisplayNameAsync(account.Id));

        // 立即重试 without signal keeps it; the network's return sends it by itself.
        await phone.ByTestId("outbox-retry").ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("已尝试 2 次");
        await phone.Page.Context.SetOfflineAsync(false);
        await Assertions.Expect(phone.ByTestId("outbox-empty")).ToBeVisibleAsync();
        Assert.Equal("王建国", await DisplayNameAsync(account.Id));
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task AboutShowsTheServerAndTheUpdateCheckComparesWithTheMinimumVersion()
    {
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync("/mine/about");
        await Assertions.Expect(phone.ByTestId("about-product")).ToContainTextAsync("梯连帮");
        await Assertions.Expect(phone.ByTestId("about-server-version")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(phone.ByTestId("about-app-version")).ToHaveTextAsync("1.0.0");
        await Assertions.Expect(phone.ByTestId("about-update")).ToHaveCountAsync(0);
        await phone.ScreenshotAsync("mine-about");

        // 我的 › 版本更新 opens the page with ?check=1.
        await phone.OpenAsync("/pages/me/index");
        await phone.Page.Locator(".wd-cell", new() { HasText = "版本更新" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("about-update")).ToHaveTextAsync("已是最新版本");

        var configuration = browser.App.Services.GetRequiredService<IConfiguration>();
        configuration["MiniProgram:MinimumVersion"] = "1.10.0";
        try
        {
            await phone.ByTestId("about-check").ClickAsync();
            await Assertions.Expect(phone.ByTestId("about-update")).ToContainTextAsync("请更新到 1.10.0");
            await phone.ScreenshotAsync("mine-about-outdated");
        }
        finally
        {
            configuration["MiniProgram:MinimumVersion"] = "";
        }
    }

    private HttpClient Bearer(string token)
    {
        var client = browser.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<string> DisplayNameAsync(int id) =>
        browser.App.AsSystemAsync((_, db) => db.Users.Where(a => a.Id == id).Select(a => a.DisplayName).SingleAsync());

    private Task<DateTime?> ReadAtAsync(long id) =>
        browser.App.AsSystemAsync((_, db) => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAtUtc).SingleAsync());

    /// <summary>In-app messages, oldest first (ids grow with time); answers their ids.</summary>
    private Task<long[]> AddMessagesAsync(int accountId, params string[] titles) => browser.App.AsSystemAsync(async (_, db) =>
    {
        var ids = new List<long>();
        var at = browser.App.Clock.GetUtcNow().UtcDateTime;
        foreach (var title in titles)
        {
            at = at.AddMinutes(1);
            var row = new Notification
            {
                Channel = NotificationChannel.InApp, AccountId = accountId, Title = title, Body = $"{title}：请及时处理。",
                Status = NotificationStatus.Sent, CreatedAtUtc = at, NextAttemptAtUtc = at,
                // The certificate warning links to the staff app's profile page, as CertificateExpiryWarnings does.
                Link = title.StartsWith("证书", StringComparison.Ordinal) ? "/account/profile" : null,
            };
            db.Notifications.Add(row);
            await db.SaveChangesAsync();
            ids.Add(row.Id);
        }
        return ids.ToArray();
    });
}
