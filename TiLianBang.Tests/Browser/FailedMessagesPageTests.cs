using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;

namespace TiLianBang.Tests.Browser;

public sealed class FailedMessagesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFailedMessageIsSentAgainWithFeedbackAndTheEmptyListSaysSoInsideItsTable()
    {
        // No failed message may be left over from the seed or the outbox: start from none.
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            foreach (var old in db.Notifications.Where(n => n.Status == NotificationStatus.Failed))
            {
                old.Status = NotificationStatus.Sent;
            }
            var now = DateTime.UtcNow;
            db.Notifications.Add(new Notification
            {
                Channel = NotificationChannel.InApp, Address = "13800000009", Title = "困人急修 CQ0009", Body = "测试",
                Status = NotificationStatus.Failed, Attempts = 5, CreatedAtUtc = now, NextAttemptAtUtc = now, LastError = "短信网关拒绝",
            });
            return await db.SaveChangesAsync();
        });
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/system/failed-messages");
        var table = page.GetByTestId("failed-messages");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync("短信网关拒绝");

        await page.GetByTestId("retry-message").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已重新加入发送队列");
        await Assertions.Expect(table.GetByTestId("no-failed")).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByTestId("empty-state")).ToContainTextAsync("没有发送失败的消息。");
        await Assertions.Expect(page.GetByText("第 0-0 条")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("failed-messages-empty");
    }
}
