using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Health;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>
/// 健康预警 on the phone's 电梯详情: the worker at the elevator reads what drifted in plain words and closes it as fixed
/// with a note; the server then watches the metric. CQ0017 is 渝安's, the worker's company.
/// </summary>
public sealed class HealthPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AWorkerSeesTheElevatorsHealthWarningAndClosesItAsFixedWithANote()
    {
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        var (elevatorId, warningId) = await browser.App.AsSystemAsync(async (_, db) =>
        {
            var elevatorId = await db.Elevators.Where(e => e.Number == "CQ0017").Select(e => e.Id).SingleAsync();
            var warning = new HealthWarning
            {
                ElevatorId = elevatorId, Metric = HealthMetric.DoorClosingTime, Status = HealthWarningStatus.Open, RaisedAtUtc = now.AddDays(-1),
                DriftSinceUtc = now.AddDays(-3), EvaluatedAtUtc = now, Baseline = 3000, Spread = 120, Observed = 4050, ChangePercent = 35,
            };
            db.HealthWarnings.Add(warning);
            await db.SaveChangesAsync();
            return (elevatorId, warning.Id);
        });
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await phone.OpenAsync($"/monitor/detail?id={elevatorId}");

        var warning = phone.ByTestId("health-warning");
        await Assertions.Expect(warning).ToHaveCountAsync(1);
        await Assertions.Expect(warning).ToContainTextAsync("关门时间较基线增加 35 %，已持续 3 天（基线 3.0 秒，近期 4.1 秒）");
        await Assertions.Expect(warning.Locator("[data-testid=health-status]")).ToHaveTextAsync("待处理");
        await phone.ScreenshotAsync("health-warning");

        await phone.TapAsync("warning-fixed");
        await phone.Page.Locator(".uni-modal__textarea").FillAsync("已调整门机皮带张紧");
        await phone.ScreenshotAsync("health-warning-note");
        await phone.Page.Locator(".uni-modal__btn_primary").ClickAsync();

        await Assertions.Expect(warning.Locator("[data-testid=health-status]")).ToHaveTextAsync("观察中");
        await Assertions.Expect(warning).ToContainTextAsync("已调整门机皮带张紧");
        await Assertions.Expect(phone.ByTestId("health-notice")).ToHaveTextAsync("已关闭预警，系统将观察该指标是否恢复");
        await Assertions.Expect(phone.ByTestId("warning-fixed")).ToHaveCountAsync(0);
        await phone.ScreenshotAsync("health-warning-fixed");
        var stored = await browser.App.AsSystemAsync((_, db) => db.HealthWarnings.AsNoTracking().SingleAsync(w => w.Id == warningId));
        var workerId = await browser.App.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.Id).SingleAsync());
        Assert.Equal((HealthWarningStatus.Watching, "已调整门机皮带张紧", (int?)workerId), (stored.Status, stored.FixNote, stored.FixedBy));
        Assert.Empty(phone.Errors);
        Assert.Empty(phone.ForeignRequests);
    }
}
