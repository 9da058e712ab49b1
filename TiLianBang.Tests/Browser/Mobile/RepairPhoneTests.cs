using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>
/// 急修 and 故障上报 on the phone (§6.2.6, §6.2.8, §6.2.13.4): a trapped passenger's order from the alarm to the
/// office's review, the 1 km rule on 接警, photos, and writes made without network sent exactly once later.
/// </summary>
public sealed class RepairPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Demo elevators 1, 2, 4, 5, 7, 8 … are maintained by 渝安 (worker, weibao); 3, 6, 9 … by 两江.
    private const double MetersPerDegreeLatitude = 111_195;

    /// <summary>A 64×48 PNG, as a phone's album would hand over (the page compresses it to JPEG).</summary>
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAVUlEQVR42u3XwQkAIAwDwE7iuzM5ccdyhhYEwYO8Q+6ZWLtaqcxWbvcHAAAAAAAAAAAAAMAY8Nqgbj8AAAAAAAAAAAAAwBzgkQEAAAAAAAAAAAB8CzjSGRDTaheq/wAAAABJRU5ErkJggg==");

    private static Geolocation North(Community community, double meters) => new()
    {
        Latitude = (float)(community.Latitude + meters / MetersPerDegreeLatitude),
        Longitude = (float)community.Longitude,
    };

    private Task<(int Id, string Number, Community Community)> ElevatorAsync(int index) => browser.App.AsSystemAsync(async (_, db) =>
    {
        var number = $"CQ{index:D4}";
        var e = await db.Elevators.AsNoTracking().Include(x => x.Community).SingleAsync(x => x.Number == number);
        return (e.Id, e.Number, e.Community!);
    });

    private async Task<int> RaiseAsync(int elevatorId, bool trapped)
    {
        var (order, _) = await browser.App.AsSystemAsync((sp, _) =>
            sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, trapped ? 11 : 2, trapped, trapped ? "困人" : "门故障", default));
        return order.Id;
    }

    private async Task ActAsync(string userName, int orderId, RepairAction action, RepairActionInput input)
    {
        await using var scope = await browser.App.ScopeAsAsync(userName);
        await scope.ServiceProvider.GetRequiredService<RepairService>().ApplyAsync(orderId, action, input, default);
    }

    private static async Task AddPhotoAsync(PhonePage phone, string testId)
    {
        var chooser = await phone.Page.RunAndWaitForFileChooserAsync(() => phone.ByTestId(testId).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "site.png", MimeType = "image/png", Buffer = Picture });
    }

    [Fact]
    public async Task ATrappedFaultIsAcceptedOnlyNearTheSiteThenHandledWithAPhotoAndReviewedByTheOffice()
    {
        var (elevatorId, elevatorNumber, community) = await ElevatorAsync(7);
        var collector = await DemoCollector.OfElevatorAsync(browser.App, 7);
        Assert.Equal(elevatorId, collector.ElevatorId);
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password, North(community, 1200));
        using (var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector))
        {
            await device.PublishAsync(collector.Topic("event"), """{"id":"phone-1","code":11,"state":1,"floor":4}""");
        }
        // The order is raised by the device pipeline, after the publish returns; the worker opens the list once it exists.
        for (var attempt = 0; attempt < 150 && !await browser.App.AsSystemAsync((_, db) => db.RepairOrders.AnyAsync(o => o.ElevatorId == elevatorId && o.FaultCode == 11)); attempt++)
        {
            await Task.Delay(100);
        }

        // The 急修 tab: the trapped order is first, red, with its running time.
        await phone.OpenAsync("/pages/repairs/index");
        var row = phone.ByTestId("repair-row").First;
        await Assertions.Expect(row).ToContainTextAsync(elevatorNumber);
        await Assertions.Expect(row).ToHaveClassAsync(new Regex(@"\btrapped\b"));
        await Assertions.Expect(row.Locator("[data-testid=repair-row-trapped]")).ToHaveTextAsync("困人");
        await Assertions.Expect(row.Locator("[data-testid=repair-row-elapsed]")).ToContainTextAsync(new Regex(@"已用时 \d+ 分 \d\d 秒"));
        await phone.ScreenshotAsync("repairs");
        var orderId = await browser.App.AsSystemAsync((_, db) => db.RepairOrders.Where(o => o.ElevatorId == elevatorId && o.FaultCode == 11).Select(o => o.Id).SingleAsync());

        // 1.2 km away: 接警 cannot be pressed, and the button says how far it is; the server refuses it as well.
        await row.ClickAsync();
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("待接警");
        await Assertions.Expect(phone.ByTestId("repair-accept-reason")).ToContainTextAsync("距离 1.2 公里，须在 1 公里内");
        await Assertions.Expect(phone.ByTestId("repair-accept")).ToHaveClassAsync(new Regex("is-disabled"));
        await phone.ScreenshotAsync("repair-detail-far");
        using (var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password))
        {
            var far = North(community, 1200);
            var refused = await api.PostAsJsonAsync($"/api/v1/repairs/{orderId}/accept", new RepairActionRequest(far.Latitude, far.Longitude, null, null, null, null));
            Assert.False(refused.IsSuccessStatusCode);
            Assert.Contains("repair.out_of_range", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // 300 m away: located again, 接警 and then 签到 go through.
        await phone.Page.Context.SetGeolocationAsync(North(community, 300));
        await phone.ByTestId("repair-accept-reason").ClickAsync();
        await Assertions.Expect(phone.ByTestId("repair-accept-reason")).ToContainTextAsync("距离 300 米，可以操作");
        await phone.TapAsync("repair-accept");
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("已接警");
        await Assertions.Expect(phone.ByTestId("repair-sign-in-reason")).ToContainTextAsync("可以操作");
        await phone.TapAsync("repair-sign-in");
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("已签到");
        await Assertions.Expect(phone.ByTestId("repair-timeline")).ToContainTextAsync("签到");
        await phone.ScreenshotAsync("repair-detail");

        // 故障详情: the fault code's name and advice.
        await phone.ByTestId("repair-fault-link").ClickAsync();
        await Assertions.Expect(phone.ByTestId("fault-name")).ToContainTextAsync("11");
        await Assertions.Expect(phone.ByTestId("fault-advice")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("repair-fault");
        await phone.Page.GoBackAsync();

        // 去处理: the required fields are asked for under them; then cause, attribute, actions and a photo.
        await phone.ByTestId("repair-handle").ClickAsync();
        await Assertions.Expect(phone.ByTestId("handle-attribute").First).ToBeVisibleAsync();
        await phone.ByTestId("handle-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("handle-cause-error")).ToHaveTextAsync("请填写故障原因。");
        await Assertions.Expect(phone.ByTestId("handle-actions-error")).ToHaveTextAsync("请填写处理措施。");
        await phone.Input("handle-cause").FillAsync("停电后轿厢停在两层之间");
        await Assertions.Expect(phone.Input("handle-cause")).ToHaveValueAsync("停电后轿厢停在两层之间");
        await phone.ByTestId("handle-attribute").Filter(new() { HasText = "电源" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("handle-attribute").Filter(new() { HasText = "电源" })).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await phone.Input("handle-actions").FillAsync("盘车放人，来电后试运行正常");
        await Assertions.Expect(phone.Input("handle-actions")).ToHaveValueAsync("盘车放人，来电后试运行正常");
        await AddPhotoAsync(phone, "handle-photo-add");
        await Assertions.Expect(phone.ByTestId("handle-photo")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("repair-handle");
        await phone.ByTestId("handle-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("handle-done")).ToContainTextAsync("已提交，等待审核");

        var saved = await browser.App.AsSystemAsync(async (_, db) =>
            new { Order = await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == orderId), Photos = await db.RepairPhotos.CountAsync(p => p.RepairOrderId == orderId) });
        Assert.Equal(RepairOrderState.Submitted, saved.Order.State);
        Assert.Equal("停电后轿厢停在两层之间", saved.Order.Cause);
        Assert.Equal("电源", saved.Order.FaultAttribute);
        Assert.Equal(1, saved.Photos);

        // The office reviews it in the web app: the cause and the site photo are there.
        var office = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await office.OpenAsync($"/repairs/orders/{orderId}");
        await Assertions.Expect(office.GetByTestId("detail-state")).ToHaveTextAsync("待审核");
        await Assertions.Expect(office.GetByTestId("order-facts")).ToContainTextAsync("停电后轿厢停在两层之间");
        await Assertions.Expect(office.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        await office.GetByTestId("action-Approve").ClickAsync();
        await Assertions.Expect(office.GetByTestId("detail-state")).ToHaveTextAsync("审核通过");

        await phone.ByTestId("handle-back").ClickAsync();
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("审核通过");
        await Assertions.Expect(phone.ByTestId("repair-photos").Locator("img")).ToHaveCountAsync(1);
        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task AFaultReportWithAPhotoReachesTheWebsTaskList()
    {
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await phone.OpenAsync("/repair/report");

        await phone.ByTestId("report-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("report-problem")).ToHaveTextAsync("请先选择电梯，添加故障描述后才能提交");
        await phone.Input("report-number").FillAsync("CQ00");
        await phone.ByTestId("report-search").ClickAsync();
        var hit = phone.ByTestId("report-hit").First;
        await Assertions.Expect(hit).ToContainTextAsync("CQ00");
        var number = Regex.Match(await hit.InnerTextAsync(), @"CQ\d{4}").Value;
        await hit.ClickAsync();
        await Assertions.Expect(phone.ByTestId("report-elevator")).ToContainTextAsync(number);
        await phone.Input("report-description").FillAsync("手机上报：3 楼厅门关不上");
        await Assertions.Expect(phone.Input("report-description")).ToHaveValueAsync("手机上报：3 楼厅门关不上");
        await AddPhotoAsync(phone, "report-photo-add");
        await Assertions.Expect(phone.ByTestId("report-photo")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("repair-report");
        await phone.ByTestId("report-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("report-done")).ToContainTextAsync("已上报");

        var order = await browser.App.AsSystemAsync(async (_, db) =>
        {
            var o = await db.RepairOrders.AsNoTracking().SingleAsync(x => x.Description == "手机上报：3 楼厅门关不上");
            return new { o.Id, o.Number, o.Source, Photos = await db.RepairPhotos.CountAsync(p => p.RepairOrderId == o.Id) };
        });
        Assert.Equal(RepairOrderSource.Manual, order.Source);
        Assert.Equal(1, order.Photos);

        await phone.OpenAsync("/repair/history");
        await Assertions.Expect(phone.ByTestId("repair-row").First).ToContainTextAsync("手机上报：3 楼厅门关不上");
        await phone.ScreenshotAsync("repair-history");

        var web = await browser.SignedInAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await web.OpenAsync("/repairs/tasks");
        await web.GetByTestId("repair-search").FillAsync(order.Number);
        var webRow = web.GetByTestId("repair-orders").Locator("tbody tr").First;
        await Assertions.Expect(webRow).ToContainTextAsync(order.Number);
        await Assertions.Expect(webRow).ToContainTextAsync(number);
        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task ASignInWithoutNetworkIsQueuedAndSentExactlyOnceWhenTheNetworkReturns()
    {
        var (elevatorId, _, community) = await ElevatorAsync(8);
        var orderId = await RaiseAsync(elevatorId, trapped: false);
        await ActAsync(DemoAccounts.MaintenanceWorker, orderId, RepairAction.Accept, new() { Position = community.Location });
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password, North(community, 50));
        await phone.OpenAsync($"/repair/detail?id={orderId}");
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("已接警");
        await Assertions.Expect(phone.ByTestId("repair-sign-in-reason")).ToContainTextAsync("可以操作");
        Task<int> SignInsAsync() => browser.App.AsSystemAsync((_, db) =>
            db.RepairOrders.Where(o => o.Id == orderId).SelectMany(o => o.Steps).CountAsync(s => s.Action == RepairAction.SignIn));

        await phone.Page.Context.SetOfflineAsync(true);
        await phone.TapAsync("repair-sign-in");

        await Assertions.Expect(phone.ByTestId("outbox-bar")).ToContainTextAsync("1 项待发送");
        await Assertions.Expect(phone.ByTestId("repair-queued")).ToContainTextAsync("签到");
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("已签到");
        await phone.ScreenshotAsync("repair-offline");
        Assert.Equal(0, await SignInsAsync());

        await phone.Page.Context.SetOfflineAsync(false);
        await Assertions.Expect(phone.ByTestId("outbox-bar")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(phone.ByTestId("repair-queued")).ToBeHiddenAsync();
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("已签到");
        Assert.Equal(1, await SignInsAsync());

        // A reload flushes again (App onShow): nothing is left to send, nothing is applied twice.
        await phone.Page.ReloadAsync();
        await Assertions.Expect(phone.ByTestId("repair-state")).ToHaveTextAsync("已签到");
        await Assertions.Expect(phone.ByTestId("repair-handle")).ToBeVisibleAsync();
        Assert.Equal("[]", await phone.Page.EvaluateAsync<string>("() => JSON.stringify(JSON.parse(localStorage.getItem('tlb.outbox') || '{\"data\":[]}').data ?? [])"));
        Assert.Equal(1, await SignInsAsync());
        Assert.Empty(phone.ForeignRequests);
    }

    [Fact]
    public async Task AFaultReportWithoutNetworkIsKeptAndCreatesExactlyOneOrderWhenSent()
    {
        const string text = "离线上报：轿厢照明不亮";
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await phone.OpenAsync("/repair/report");
        await phone.Input("report-number").FillAsync("CQ00");
        await phone.ByTestId("report-search").ClickAsync();
        await phone.ByTestId("report-hit").First.ClickAsync();
        await Assertions.Expect(phone.ByTestId("report-elevator")).ToBeVisibleAsync();
        await phone.Input("report-description").FillAsync(text);
        await Assertions.Expect(phone.Input("report-description")).ToHaveValueAsync(text);
        await AddPhotoAsync(phone, "report-photo-add");
        await Assertions.Expect(phone.ByTestId("report-photo")).ToHaveCountAsync(1);
        Task<int> OrdersAsync() => browser.App.AsSystemAsync((_, db) => db.RepairOrders.CountAsync(o => o.Description == text));

        await phone.Page.Context.SetOfflineAsync(true);
        await phone.ByTestId("report-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("report-done")).ToContainTextAsync("已保存，待网络恢复后自动发送");
        await Assertions.Expect(phone.ByTestId("outbox-bar")).ToContainTextAsync("1 项待发送");
        await phone.ScreenshotAsync("repair-report-offline");
        Assert.Equal(0, await OrdersAsync());

        await phone.Page.Context.SetOfflineAsync(false);
        await Assertions.Expect(phone.ByTestId("outbox-bar")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await OrdersAsync());
        await phone.Page.ReloadAsync();
        await phone.OpenAsync("/repair/history");
        await Assertions.Expect(phone.ByTestId("repair-row").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        Assert.Equal(1, await OrdersAsync());
        Assert.Equal(1, await browser.App.AsSystemAsync((_, db) =>
            db.RepairPhotos.CountAsync(p => db.RepairOrders.Any(o => o.Id == p.RepairOrderId && o.Description == text))));
        Assert.Empty(phone.ForeignRequests);
    }

    [Fact]
    public async Task MyRepairsListsMyOrdersAndAnotherCompanysOrderIsNotShown()
    {
        var (elevatorId, elevatorNumber, community) = await ElevatorAsync(10);
        var mine = await RaiseAsync(elevatorId, trapped: true);
        await ActAsync(DemoAccounts.MaintenanceWorker, mine, RepairAction.Accept, new() { Position = community.Location });
        var (otherElevator, _, _) = await ElevatorAsync(12);
        var other = await RaiseAsync(otherElevator, trapped: true);
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password, North(community, 20));

        await phone.OpenAsync("/mine/repairs");
        await Assertions.Expect(phone.ByTestId("repair-row").Filter(new() { HasText = elevatorNumber })).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("my-repairs");
        await phone.ByTestId("my-repairs-tab-done").ClickAsync();
        await Assertions.Expect(phone.ByTestId("repair-row").Filter(new() { HasText = elevatorNumber })).ToHaveCountAsync(0);

        // CQ0012 is maintained by 两江: the worker of 渝安 sees nothing of it.
        await phone.OpenAsync($"/repair/detail?id={other}");
        await Assertions.Expect(phone.ByTestId("repair-detail-error")).ToContainTextAsync("不存在或无权查看");
        await Assertions.Expect(phone.ByTestId("repair-detail")).ToHaveCountAsync(0);
        await phone.OpenAsync("/pages/repairs/index");
        await phone.ByTestId("repairs-tab-all").ClickAsync();
        await Assertions.Expect(phone.ByTestId("repair-row").First).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("repair-row").Filter(new() { HasText = "CQ0012" })).ToHaveCountAsync(0);

        // Search by elevator number: only that elevator's orders; a number of 两江 finds nothing.
        await phone.ByTestId("repairs-search").ClickAsync();
        await phone.SearchAsync("repairs-search", elevatorNumber);
        await Assertions.Expect(phone.ByTestId("repair-row")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.ByTestId("repair-row")).ToContainTextAsync(elevatorNumber);
        await phone.SearchAsync("repairs-search", "CQ0012");
        await Assertions.Expect(phone.ByTestId("repair-list-empty")).ToBeVisibleAsync();
        Assert.Empty(phone.ForeignRequests);
    }
}
