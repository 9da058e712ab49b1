using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Specifications;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>档案资料 (§6.2.9) and 设备调试 (§6.2.10) on the phone.</summary>
public sealed class ArchiveDevicePhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Demo elevators CQ0001, CQ0002, CQ0004 … belong to 重庆渝安 (worker, weibao); every third (CQ0003 …) to 重庆两江.
    private const string Imei = "861234500000777";

    [Fact]
    public async Task AnUnboundCollectorIsFoundByImeiShowsItsConnectionIsBoundAndShowsItsMessagesLive()
    {
        RegisteredDevice registered;
        await using (var scope = await browser.App.ScopeAsAsync(DemoAccounts.MaintenanceManager))
        {
            registered = await scope.ServiceProvider.GetRequiredService<DeviceAdministration>().RegisterAsync("MP-TEST-COLLECTOR", default);
        }
        var collector = new DemoCollector(registered.DeviceId, registered.Secret, 0);
        using var device = await MqttTestClient.ConnectAsync(browser.App.MqttPort, collector);
        await device.PublishAsync(collector.Topic("info"), $$"""{"fw":"3.1.0","model":"JJ-300","imei":"{{Imei}}","iccid":"89860012345678900777","signal":21,"heartbeat":60}""");
        await WaitForImeiAsync(registered.DeviceId);
        var target = await ElevatorIdAsync("CQ0022");
        // What a collector over its message budget lost or had to wait for (counted by the pipeline, DeviceOverloadTests).
        var activity = browser.App.Services.GetRequiredService<DeviceActivityRegistry>().For(registered.DeviceId);
        activity.CountShed();
        activity.CountShed();
        activity.CountShed();
        activity.CountDelayed();

        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync("/device/index");
        await phone.Page.Locator("[data-testid=device-by] .wd-segmented__item", new() { HasText = "按 IMEI" }).ClickAsync();
        await phone.Input("device-text").FillAsync("500000777");
        await Assertions.Expect(phone.Input("device-text")).ToHaveValueAsync("500000777");
        await phone.ByTestId("device-search").ClickAsync();
        var item = phone.ByTestId("device-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync(registered.DeviceId);
        await Assertions.Expect(item).ToContainTextAsync("未绑定电梯");
        await Assertions.Expect(item).ToContainTextAsync("在线");
        await phone.ScreenshotAsync("device-search");

        await item.ClickAsync();
        await Assertions.Expect(phone.ByTestId("device-title")).ToHaveTextAsync(registered.DeviceId);
        await Assertions.Expect(phone.ByTestId("device-online")).ToHaveTextAsync("在线");
        var connection = phone.ByTestId("device-connection");
        await Assertions.Expect(connection).ToContainTextAsync("3.1.0");
        await Assertions.Expect(connection).ToContainTextAsync("21 / 31");
        await Assertions.Expect(connection).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(phone.ByTestId("device-overload")).ToHaveTextAsync("状态合并 0；超出限额：丢弃 3，延后 1");
        await Assertions.Expect(phone.ByTestId("device-binding")).ToContainTextAsync("未绑定电梯");

        // A channel out of range: the server's reason under the field, nothing bound.
        await phone.ByTestId("device-bind-open").ClickAsync();
        await phone.Input("bind-elevator").FillAsync("CQ0022");
        await phone.ByTestId("bind-hit").First.ClickAsync();
        await Assertions.Expect(phone.ByTestId("bind-chosen")).ToContainTextAsync("CQ0022");
        await phone.Input("bind-channel").FillAsync("17");
        await Assertions.Expect(phone.Input("bind-channel")).ToHaveValueAsync("17");
        await phone.ByTestId("bind-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("bind-channel-error")).ToContainTextAsync("通道号应在 1 到 16 之间");
        Assert.Null((await BindingAsync(registered.DeviceId)).ElevatorId);

        // Another company's elevator is not one the worker can bind to.
        await phone.Input("bind-elevator").FillAsync("CQ0003");
        await Assertions.Expect(phone.Input("bind-elevator")).ToHaveValueAsync("CQ0003");
        await phone.Input("bind-channel").FillAsync("2");
        await phone.ByTestId("bind-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("bind-elevator-error")).ToContainTextAsync("不在本单位");
        Assert.Null((await BindingAsync(registered.DeviceId)).ElevatorId);

        await phone.Input("bind-elevator").FillAsync("CQ0022");
        await phone.ByTestId("bind-hit").First.ClickAsync();
        await phone.Input("bind-channel").FillAsync("2");
        await Assertions.Expect(phone.Input("bind-channel")).ToHaveValueAsync("2");
        await phone.ScreenshotAsync("device-bind");
        await phone.ByTestId("bind-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("device-notice")).ToContainTextAsync("已绑定到 CQ0022，通道 2");
        await Assertions.Expect(phone.ByTestId("device-binding")).ToContainTextAsync("CQ0022");
        Assert.Equal((target, 2), await BindingAsync(registered.DeviceId));

        // The collector's raw messages arrive over the live socket as it publishes them.
        await Assertions.Expect(phone.ByTestId("device-live")).ToHaveTextAsync("实时");
        await device.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":7,"door":4}""");
        await Assertions.Expect(phone.ByTestId("device-message").First).ToContainTextAsync("\"floor\":7");
        await Assertions.Expect(phone.ByTestId("device-message").First).ToContainTextAsync(collector.Topic("state"));
        await Assertions.Expect(phone.ByTestId("device-current")).ToContainTextAsync("开门");
        await phone.ScreenshotAsync("device-detail");

        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task TheDevicePagesSpeakEnglishAndFitANarrowPhone()
    {
        var account = await browser.App.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "device-english", "Phone@2026x", mustChangePassword: false);
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            var row = await db.Users.SingleAsync(a => a.Id == account.Id);
            row.Language = "en";
            return await db.SaveChangesAsync();
        });
        var phone = await browser.PhoneAsync(width: 320);
        await phone.SignInAsync(account.UserName!, "Phone@2026x");
        await phone.OpenAsync("/device/index");
        await phone.Input("device-text").FillAsync("CQ0001");
        await Assertions.Expect(phone.Input("device-text")).ToHaveValueAsync("CQ0001");
        await phone.ByTestId("device-search").ClickAsync();
        await Assertions.Expect(phone.ByTestId("device-item")).ToContainTextAsync("channel 1");
        await phone.ByTestId("device-item").ClickAsync();
        await Assertions.Expect(phone.ByTestId("device-connection")).ToContainTextAsync("Connection");
        await Assertions.Expect(phone.ByTestId("device-bind-open")).ToHaveTextAsync("Change binding");
        await Assertions.Expect(phone.ByTestId("device-overload")).ToContainTextAsync("over the budget:");
        await phone.ScreenshotAsync("device-detail-english-320");
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the page is wider than the phone");

        // An elevator number nobody has.
        await phone.OpenAsync("/device/index");
        await phone.Input("device-text").FillAsync("ZZ9999");
        await Assertions.Expect(phone.Input("device-text")).ToHaveValueAsync("ZZ9999");
        await phone.ByTestId("device-search").ClickAsync();
        await Assertions.Expect(phone.ByTestId("device-empty")).ToHaveTextAsync("No collector found");
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task TheElevatorArchiveIsSearchedAndItsTabsShowTheRecords()
    {
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await phone.ByTestId("fn-archive").ClickAsync();
        await Assertions.Expect(phone.ByTestId("archive-people")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("archive-index");
        await phone.ByTestId("archive-elevators").ClickAsync();
        await Assertions.Expect(phone.ByTestId("elevator-item").First).ToBeVisibleAsync();

        await phone.ByTestId("elevators-search").ClickAsync();
        await phone.SearchAsync("elevators-search", "CQ0001");
        await Assertions.Expect(phone.ByTestId("elevator-item")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.ByTestId("elevator-item")).ToContainTextAsync("CQ0001");
        await phone.ScreenshotAsync("archive-elevators");

        await phone.ByTestId("elevator-item").ClickAsync();
        await Assertions.Expect(phone.ByTestId("elevator-head")).ToContainTextAsync("CQ0001");
        await Assertions.Expect(phone.ByTestId("tab-basics")).ToContainTextAsync("注册代码");
        await phone.ScreenshotAsync("archive-elevator");

        // The demo has a confirmed visit for 渝安's first elevators.
        await phone.Page.Locator(".wd-tabs__nav-item", new() { HasText = "维保记录" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("maintenance-record").Filter(new() { HasText = "已确认" }).First).ToContainTextAsync("李师傅");
        await phone.ScreenshotAsync("archive-elevator-maintenance");
        await phone.Page.Locator(".wd-tabs__nav-item", new() { HasText = "急修记录" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("tab-repairs").Locator("[data-testid=repair-record], [data-testid=list-empty]").First).ToBeVisibleAsync();
        await phone.Page.Locator(".wd-tabs__nav-item", new() { HasText = "故障记录" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("tab-faults").Locator("[data-testid=fault-record], [data-testid=list-empty]").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("archive-elevator-faults");

        // Another company's elevator shows nothing of it.
        var foreign = await ElevatorIdAsync("CQ0003");
        await phone.OpenAsync($"/archive/elevator?id={foreign}");
        await Assertions.Expect(phone.ByTestId("elevator-error")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("elevator-head")).ToHaveCountAsync(0);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task FaultCodesAreSearchedAndShowTheirAdvice()
    {
        using var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var codes = await api.GetFromJsonAsync<JsonElement>("/api/v1/fault-codes?pageSize=100");
        var withAdvice = codes.GetProperty("items").EnumerateArray().First(c => c.GetProperty("advice").ValueKind == JsonValueKind.String);
        var name = withAdvice.GetProperty("name").GetString()!;

        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync("/archive/fault-codes");
        await Assertions.Expect(phone.ByTestId("fault-code").First).ToBeVisibleAsync();
        await phone.ByTestId("fault-codes-search").ClickAsync();
        await phone.SearchAsync("fault-codes-search", name);
        var hit = phone.ByTestId("fault-code").Filter(new() { HasText = name }).First;
        await hit.ClickAsync();
        await Assertions.Expect(hit.GetByTestId("fault-advice")).ToContainTextAsync(withAdvice.GetProperty("advice").GetString()![..8]);
        await phone.ScreenshotAsync("archive-fault-codes");

        await phone.SearchAsync("fault-codes-search", "没有这样的故障");
        await Assertions.Expect(phone.ByTestId("list-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WorkSpecificationsListTheCompanysOnesAndOpenWithTheirTextAndPdf()
    {
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync("/archive/index");
        // A worker's role has neither 电梯档案 nor 人员管理; the documents are for everyone.
        await Assertions.Expect(phone.ByTestId("archive-specs")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("archive-people")).ToHaveCountAsync(0);
        await phone.ByTestId("archive-specs").ClickAsync();
        await Assertions.Expect(phone.ByTestId("spec-item").Filter(new() { HasText = "困人救援操作规程" })).ToBeVisibleAsync();
        // 两江's document is not theirs.
        await Assertions.Expect(phone.ByTestId("spec-item").Filter(new() { HasText = "维保班组交接班制度" })).ToHaveCountAsync(0);
        await phone.ScreenshotAsync("archive-specs");

        await phone.ByTestId("spec-item").Filter(new() { HasText = "困人救援操作规程" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("spec-title")).ToHaveTextAsync("困人救援操作规程");
        await Assertions.Expect(phone.ByTestId("spec-body")).ToContainTextAsync("三角钥匙");
        await phone.ScreenshotAsync("archive-spec");

        var foreign = await browser.App.AsSystemAsync((_, db) => db.WorkSpecifications.Where(s => s.Title == "维保班组交接班制度").Select(s => s.Id).SingleAsync());
        await phone.OpenAsync($"/archive/spec?id={foreign}");
        await Assertions.Expect(phone.ByTestId("spec-error")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("spec-body")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ASpecificationsPdfIsDownloadedWithTheTokenAndOpened()
    {
        int id;
        await using (var scope = await browser.App.ScopeAsAsync(DemoAccounts.MaintenanceManager))
        {
            using var pdf = new MemoryStream("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray());
            id = (await scope.ServiceProvider.GetRequiredService<WorkSpecifications>().SaveAsync(
                null, new WorkSpecificationInput { Title = "井道作业 PDF 规范", Body = "见附件。", SortOrder = 30 }, pdf, "井道作业.pdf", default)).Id;
        }
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await phone.OpenAsync("/archive/specs");
        await Assertions.Expect(phone.ByTestId("spec-item").Filter(new() { HasText = "井道作业 PDF 规范" })).ToContainTextAsync("PDF");
        await phone.OpenAsync($"/archive/spec?id={id}");
        await Assertions.Expect(phone.ByTestId("spec-pdf")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("archive-spec-pdf");

        // The PDF needs the bearer token: the page fetches it with the token and opens it in a window of its own.
        var popup = await phone.Page.RunAndWaitForPopupAsync(async () =>
        {
            var response = await phone.Page.RunAndWaitForResponseAsync(() => phone.ByTestId("spec-pdf").ClickAsync(), r => r.Url.EndsWith($"/specifications/{id}/pdf", StringComparison.Ordinal));
            Assert.Equal(200, response.Status);
            Assert.Equal("application/pdf", response.Headers["content-type"]);
        });
        Assert.NotNull(popup);
        await Assertions.Expect(phone.ByTestId("spec-pdf-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AManagerSeesTheCompanysPeopleAndAWorkerIsRefused()
    {
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await phone.OpenAsync("/archive/people");
        await Assertions.Expect(phone.ByTestId("person-item").First).ToBeVisibleAsync();
        // 刘志强 manages 两江: not among 渝安's people.
        await Assertions.Expect(phone.ByTestId("person-item").Filter(new() { HasText = "刘志强" })).ToHaveCountAsync(0);
        await phone.ByTestId("people-search").ClickAsync();
        await phone.SearchAsync("people-search", "李师傅");
        await Assertions.Expect(phone.ByTestId("person-item")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("archive-people");

        await phone.ByTestId("person-item").ClickAsync();
        await Assertions.Expect(phone.ByTestId("person-head")).ToContainTextAsync("李师傅");
        await Assertions.Expect(phone.ByTestId("person-basics")).ToContainTextAsync("维保工");
        await phone.Page.Locator(".wd-tabs__nav-item", new() { HasText = "账号信息" }).ClickAsync();
        await Assertions.Expect(phone.ByTestId("person-account")).ToContainTextAsync(DemoAccounts.MaintenanceWorker);
        await phone.ScreenshotAsync("archive-person");

        var worker = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        await worker.OpenAsync("/archive/people");
        await Assertions.Expect(worker.ByTestId("list-error")).ToBeVisibleAsync();
        await Assertions.Expect(worker.ByTestId("person-item")).ToHaveCountAsync(0);
    }

    private Task<int> ElevatorIdAsync(string number) =>
        browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == number).Select(e => e.Id).SingleAsync());

    private Task<(int? ElevatorId, int Channel)> BindingAsync(string deviceId) =>
        browser.App.AsSystemAsync(async (_, db) =>
        {
            var row = await db.Devices.AsNoTracking().SingleAsync(d => d.DeviceId == deviceId);
            return (row.ElevatorId, row.Channel);
        });

    /// <summary>The collector's info is stored by a background writer; waits (with a deadline) until it is.</summary>
    private async Task WaitForImeiAsync(string deviceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await browser.App.FlushDeviceRecordsAsync();
            if (await browser.App.AsSystemAsync((_, db) => db.Devices.AnyAsync(d => d.DeviceId == deviceId && d.Imei == Imei)))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the collector's IMEI was not stored within 15 s");
            await Task.Delay(50);
        }
    }
}
