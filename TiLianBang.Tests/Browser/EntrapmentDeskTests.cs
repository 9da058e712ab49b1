using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Health;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Browser;

/// <summary>困人研判 on 故障接警: a suspected entrapment reaches the open desk live and is confirmed or dismissed there.</summary>
public sealed partial class EntrapmentDeskTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Task<SuspectedEntrapment?> RaiseAsync(DemoCollector collector, int floor, double? load, TimeSpan stuckFor) =>
        browser.App.AsSystemAsync((services, _) => services.GetRequiredService<EntrapmentDesk>().RaiseAsync(
            new StuckCar(collector.ElevatorId, collector.DeviceId, browser.App.Clock.GetUtcNow() - stuckFor, floor, DoorState.Closed, ServiceMode.Normal, load),
            default));

    /// <summary>Records the desk's alarm tones instead of playing them (headless chromium has no one to hear them).</summary>
    private static async Task ListenForTonesAsync(IPage page) =>
        await page.EvaluateAsync("() => { window.tlbTones = []; window.tlbAlarm.beep = urgent => window.tlbTones.push(urgent); }");

    /// <summary>The tones played since <see cref="ListenForTonesAsync"/> (once there is one), "urgent" (the trapped tone) as 1.</summary>
    private static async Task<string> TonesAsync(IPage page)
    {
        // The tone follows the render that showed the suspicion, in the same dispatch.
        await page.WaitForFunctionAsync("() => window.tlbTones.length > 0");
        return await page.EvaluateAsync<string>("() => window.tlbTones.map(u => u ? 1 : 0).join(',')");
    }

    [Fact]
    public async Task ASuspicionArrivesLiveIsConfirmedIntoOneTrappedOrderAndTheNextIsDismissedWithAReason()
    {
        // CQ0007 is maintained by 渝安 (weibao's company); its community is what the desk must name.
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 7);
        var (number, name, community) = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == collector.ElevatorId)
            .Select(e => ValueTuple.Create(e.Number, e.Name, e.Community!.Name)).SingleAsync());
        var desk = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await desk.OpenAsync("/repairs/alarms");
        await Assertions.Expect(desk.GetByTestId("no-orders")).ToBeVisibleAsync();
        // Other tests of this class raise suspicions of other elevators on the same desk.
        var row = desk.GetByTestId("suspected-entrapment").Filter(new() { HasText = number });
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await ListenForTonesAsync(desk);

        var first = await RaiseAsync(collector, floor: 5, load: 35, stuckFor: TimeSpan.FromSeconds(95));
        Assert.NotNull(first);

        // No reload: the feed brings it, with the banner.
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(desk.GetByTestId("entrapment-banner")).ToContainTextAsync($"新的疑似困人：{number}");
        await Assertions.Expect(row.GetByTestId("suspect-mark")).ToHaveTextAsync("疑似困人");
        await Assertions.Expect(row.GetByTestId("suspect-elevator")).ToHaveTextAsync(number);
        await Assertions.Expect(row).ToContainTextAsync(name);
        await Assertions.Expect(row).ToContainTextAsync(community);
        var evidence = row.GetByTestId("suspect-evidence");
        await Assertions.Expect(evidence).ToContainTextAsync("第 5 层站附近停在门区外，门已关闭");
        await Assertions.Expect(evidence).ToContainTextAsync(new Regex(@"停梯已 1分3\d秒（自 \d{2}:\d{2}:\d{2} 起）"));
        await Assertions.Expect(evidence).ToContainTextAsync("载荷 35 %");
        await Assertions.Expect(evidence).ToContainTextAsync("设备未报困人");
        await Assertions.Expect(row.GetByTestId("suspect-record")).ToHaveTextAsync("本梯研判记录：已确认 0 / 已排除 0");
        Assert.Equal("1", await TonesAsync(desk));
        // A suspicion is no device alarm: it is not the filled 困人 chip of a trapped order.
        await Assertions.Expect(row.GetByTestId("status-chip")).ToHaveCountAsync(0);
        await desk.ScreenshotAsync("entrapment-desk-light-1366");
        await desk.Context.AddCookiesAsync([new Cookie { Name = UiPreferences.ThemeCookie, Value = UiPreferences.FormatTheme(ThemeMode.Dark), Url = browser.BaseUrl }]);
        await desk.OpenAsync("/repairs/alarms");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await desk.ScreenshotAsync("entrapment-desk-dark-1366");

        await row.GetByTestId("suspect-confirm").ClickAsync();
        await desk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确认困人" }).ClickAsync();

        await Assertions.Expect(desk).ToHaveURLAsync(new Regex(@"/repairs/orders/\d+$"));
        var shownId = int.Parse(OrderId().Match(desk.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(desk.GetByTestId("detail-state")).ToHaveTextAsync("待接警");
        var order = Assert.Single(await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.ElevatorId == collector.ElevatorId).ToListAsync()));
        Assert.Equal(shownId, order.Id);
        Assert.Equal(RepairService.TrappedCode, order.FaultCode);
        Assert.True(order.PassengersTrapped);
        Assert.Equal(RepairOrderSource.Inferred, order.Source);
        var confirmed = await SuspicionAsync(first!.Id);
        Assert.Equal(SuspectedEntrapmentStatus.Confirmed, confirmed.Status);
        Assert.Equal(order.Id, confirmed.RepairOrderId);
        Assert.NotNull(confirmed.DecidedBy);

        // The passengers are out and the order is done with; the car sticks again later.
        await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.Id == order.Id)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.State, RepairOrderState.Closed)));
        await desk.OpenAsync("/repairs/alarms");
        var second = await RaiseAsync(collector, floor: 2, load: null, stuckFor: TimeSpan.FromSeconds(40));
        Assert.NotNull(second);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("suspect-evidence")).ToContainTextAsync("载荷未知");
        await Assertions.Expect(row.GetByTestId("suspect-record")).ToHaveTextAsync("本梯研判记录：已确认 1 / 已排除 0");

        await row.GetByTestId("suspect-dismiss").ClickAsync();
        await desk.GetByTestId("dismiss-note").FillAsync("维保人员在轿厢内检修");
        await desk.GetByTestId("dismiss-confirm").ClickAsync();

        await Assertions.Expect(desk.Locator(".mud-snackbar", new() { HasText = "已排除疑似困人。" })).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var dismissed = await SuspicionAsync(second!.Id);
        Assert.Equal(SuspectedEntrapmentStatus.Dismissed, dismissed.Status);
        Assert.Equal("维保人员在轿厢内检修", dismissed.Note);
        Assert.Null(dismissed.RepairOrderId);
        Assert.Single(await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.ElevatorId == collector.ElevatorId).ToListAsync()));

        // The next suspicion of this elevator carries its record: one confirmed, one dismissed.
        Assert.NotNull(await RaiseAsync(collector, floor: 3, load: 60, stuckFor: TimeSpan.FromSeconds(31)));
        await Assertions.Expect(row.GetByTestId("suspect-record")).ToHaveTextAsync("本梯研判记录：已确认 1 / 已排除 1");
    }

    [Fact]
    public async Task AnotherMaintenanceCompanysDeskNeitherSeesNorRingsForIt()
    {
        // CQ0010 is 渝安's; weibao2 works for the other maintenance company.
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 10);
        var other = await browser.SignedInAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        await other.OpenAsync("/repairs/alarms");
        await ListenForTonesAsync(other);
        var ours = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await ours.OpenAsync("/repairs/alarms");

        Assert.NotNull(await RaiseAsync(collector, floor: 4, load: 20, stuckFor: TimeSpan.FromSeconds(45)));

        await Assertions.Expect(ours.GetByTestId("suspected-entrapment").Filter(new() { HasText = "CQ0010" })).ToHaveCountAsync(1);
        // Then one of its own (CQ0009): once that has arrived, the other desk has had both pieces of news.
        Assert.NotNull(await RaiseAsync(await DemoCollector.OfElevatorAsync(browser.App, 9), floor: 6, load: 50, stuckFor: TimeSpan.FromSeconds(45)));
        await Assertions.Expect(other.GetByTestId("entrapment-banner")).ToContainTextAsync("CQ0009");
        await Assertions.Expect(other.GetByTestId("suspected-entrapment")).ToHaveCountAsync(1);
        await Assertions.Expect(other.GetByTestId("suspected-entrapment")).ToContainTextAsync("CQ0009");
        await Assertions.Expect(ours.GetByTestId("suspected-entrapment").Filter(new() { HasText = "CQ0009" })).ToHaveCountAsync(0);
        // One tone on the other desk: for its own elevator only.
        Assert.Equal("1", await TonesAsync(other));

        // The home page's alarms card lists it too, above the orders, for the dispatcher to open the desk from.
        var home = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password, 1366, 768);
        await home.OpenAsync("/");
        var suspect = home.GetByTestId("dash-suspect").Filter(new() { HasText = "CQ0010" });
        await Assertions.Expect(suspect).ToContainTextAsync("疑似困人");
        await Assertions.Expect(suspect).ToHaveAttributeAsync("href", "/repairs/alarms");
        await Assertions.Expect(home.GetByTestId("dash-suspect").Filter(new() { HasText = "CQ0009" })).ToHaveCountAsync(0);
        await home.ScreenshotAsync("entrapment-home-light-1366");
    }

    private Task<SuspectedEntrapment> SuspicionAsync(int id) =>
        browser.App.AsSystemAsync((_, db) => db.SuspectedEntrapments.AsNoTracking().SingleAsync(s => s.Id == id));

    [GeneratedRegex(@"/repairs/orders/(\d+)$")]
    private static partial Regex OrderId();
}
