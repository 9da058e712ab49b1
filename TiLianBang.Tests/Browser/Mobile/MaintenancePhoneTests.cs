using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Maintenance;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>
/// MNT-6 on the phone (§6.2.7, §6.2.11, §6.2.13.3): the 保养 calendar, 签到 inside the geofence only, every item
/// ticked with photos where the regulation asks for them, 提交 refused while something is missing, and the office
/// seeing the visit done.
/// </summary>
public sealed class MaintenancePhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A real picture: the phone decodes and re-compresses it before it travels.</summary>
    private static readonly FilePayload Photo = new()
    {
        Name = "machine-room.png",
        MimeType = "image/png",
        // 160×120, blue to amber: visible in the screenshots of the phone and of the office.
        Buffer = Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAKAAAAB4CAMAAABCfAldAAAABGdBTUEAALGPC/xhBQAAACBjSFJNAAB6JgAAgIQAAPoAAACA6AAAdTAAAOpgAAA6mAAAF3CculE8AAABa1BMVEUdW9geW9cgXNYiXdUkXtQlX9MnYNIpYdErYdAsYs8uY88wZM4yZc00Zsw1Z8s3aMo5aMk7acg8asc+a8ZAbMZCbcVEbsRFb8NHb8JJcMFLccBMcr9Oc75QdL1Sdb1TdrxVdrtXd7pZeLlbebhcerdee7ZgfLVifbRjfbRlfrNnf7JpgLFrgbBsgq9ug65whK1yhKxzhat1hqt3h6p5iKl6iah8iqd+i6aAi6WCjKSDjaOFjqKHj6KJkKGKkaCMkp+Okp6Qk52SlJyTlZuVlpqXl5mZmJmamZicmZeempagm5WhnJSjnZOlnpKnn5GpoJCqoJCsoY+uoo6wo42xpIyzpYu1poq3p4m5p4i6qIe8qYe+qobAq4XBrITDrYPFroLHroHIr4DKsH/MsX7Osn7Qs33RtHzTtXvVtXrXtnnYt3jauHfcuXbeunXgu3XhvHTjvHPlvXLnvnHov3DqwG/swW7uwm3ww23///8/moYCAAAAAWJLR0R41tvkRgAAAAd0SU1FB+oMARYsI4W63T4AAAEuSURBVHjazcGDQgMAAADRy7WsZbst27Zrqy3b5u/3G/ce2CXIkShHkhzJcqTIkSpHmhzpcmTIEZAjU44sObLlyJEjV448OfLlKJCjUI4iOYrlCMpRIkepHGVylMtRIUelHFVyVMtRI0etHHVy1MvRIEejHE1yNMvRIkerHG1ytMsRkiMsR4ccnXJ0ydEtR48cvXL0ydEvx4Acg3IMyTEsx4gco3KMyTEux4Qck3JMyTEtx4wcs3LMyTEvx4Ici3IsybEsx4ocq3KsybEux4Ycm3JsybEtx44cu3LsyRGRIyrHvhwHcsTkiMtxKMeRHMdynMhxKseZHOdyXMhxKceVHNdy3MhxK8edHPdyPMjxKMeTHM9yvMjxKsebHO9yfMjxKceXHN9y/MjxK8ef3D/nf2+AP+ulwgAAACV0RVh0ZGF0ZTpjcmVhdGUAMjAyNi0xMi0wMVQyMjo0NDozNSswMDowMCVhGg4AAAAldEVYdGRhdGU6bW9kaWZ5ADIwMjYtMTItMDFUMjI6NDQ6MzUrMDA6MDBUPKKyAAAAAElFTkSuQmCC"),
    };

    private const double MetresPerDegreeLatitude = 111_195;

    private static Geolocation North(GeoPoint site, double metres) =>
        new() { Latitude = (float)(site.Latitude + metres / MetresPerDegreeLatitude), Longitude = (float)site.Longitude };

    /// <summary>
    /// A visit of <paramref name="elevatorIndex"/> due today, assigned to the demo worker, made as the office makes it.
    /// <paramref name="yearly"/>: the plan started 24 slots (360 days) ago, so today's visit closes the first year and
    /// has every item, the 试验 ones that need photos among them.
    /// </summary>
    private async Task<(MaintenanceOrder Order, GeoPoint Site, string ElevatorNumber)> VisitOfTodayAsync(int elevatorIndex, bool yearly = false)
    {
        var (elevatorId, site) = await browser.App.ElevatorAsync(elevatorIndex);
        await browser.App.AsSystemAsync(async (_, db) =>
        {
            await db.MaintenanceOrders.Where(o => o.ElevatorId == elevatorId).ExecuteDeleteAsync();
            return await db.MaintenancePlans.Where(p => p.ElevatorId == elevatorId).ExecuteDeleteAsync();
        });
        var workerId = await browser.App.AccountIdAsync(DemoAccounts.MaintenanceWorker);
        var today = browser.App.Clock.Today();
        var start = yearly ? today.AddDays(-24 * MaintenanceSchedule.HalfMonthlyDays) : today;
        await browser.App.PlanAsync(DemoAccounts.MaintenanceManager, new MaintenancePlanInput(elevatorId, null, workerId, MaintenanceMode.FixedCycle, start));
        await browser.App.GenerateAsync();
        var order = (await browser.App.OrdersOfAsync(elevatorId)).First(o => o.DueOn == today);
        await browser.App.AsAsync(DemoAccounts.MaintenanceManager, async s => { await s.AssignAsync(order.Id, workerId, default); return 0; });
        return (order, site, $"CQ{elevatorIndex:D4}");
    }

    [Fact]
    public async Task AWorkerSignsInOnSiteTicksEveryItemWithPhotosAndSubmitsAndTheOfficeSeesItDone()
    {
        var (order, site, elevator) = await VisitOfTodayAsync(19, yearly: true);
        Assert.Equal(MaintenancePeriod.Yearly, order.Period);
        var items = order.Items.OrderBy(i => i.Period).ThenBy(i => i.Id).ToList();
        Assert.Contains(items, i => i.NeedsPhoto);
        var today = browser.App.Clock.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // 1.2 km away from the community: the phone shows the distance and does not sign in.
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password, North(site, 1200));
        await phone.Page.Locator(".uni-tabbar__item").Nth(2).ClickAsync();
        await Assertions.Expect(phone.ByTestId($"cal-dot-{today}")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("day-title")).ToContainTextAsync(today);
        var card = phone.ByTestId("maint-order").Filter(new() { HasText = elevator });
        await Assertions.Expect(card.GetByTestId("maint-order-state")).ToHaveTextAsync("待保养");
        await Assertions.Expect(card).ToContainTextAsync("年度保养");
        await Assertions.Expect(card).ToContainTextAsync($"已完成 0 / 共 {items.Count}");
        await phone.ScreenshotAsync("maintenance-calendar");

        await card.ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-elevator")).ToHaveTextAsync(elevator);
        await Assertions.Expect(phone.ByTestId("maint-state")).ToHaveTextAsync("待保养");
        await Assertions.Expect(phone.ByTestId("maint-period")).ToHaveTextAsync("年度保养");
        await Assertions.Expect(phone.ByTestId("maint-due")).ToHaveTextAsync(today);
        await Assertions.Expect(phone.ByTestId("maint-progress")).ToHaveTextAsync($"已完成 0 / 共 {items.Count}");
        await Assertions.Expect(phone.ByTestId("maint-signin-reason")).ToContainTextAsync("距离 1.2 公里，须在 1 公里内");
        await phone.ByTestId("maint-signin").ClickAsync(new() { Force = true });
        await Assertions.Expect(phone.ByTestId("maint-state")).ToHaveTextAsync("待保养");
        await phone.ScreenshotAsync("maintenance-detail-far");
        Assert.Null((await browser.App.OrdersOfAsync(order.ElevatorId)).Single(o => o.Id == order.Id).SignedInAtUtc);

        // The server keeps the same rule when a phone's own check is bypassed.
        using (var api = await browser.App.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password))
        {
            var far = North(site, 1200);
            var refused = await api.PostAsync($"/api/v1/maintenance/orders/{order.Id}/sign-in",
                System.Net.Http.Json.JsonContent.Create(new { latitude = far.Latitude, longitude = far.Longitude }));
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("1.2 公里", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // 300 m away: inside the geofence.
        await phone.Page.Context.SetGeolocationAsync(North(site, 300));
        await phone.ByTestId("maint-signin-reason").ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-signin-reason")).ToContainTextAsync("距离 300 米，可以操作");
        await phone.TapAsync("maint-signin");
        await Assertions.Expect(phone.ByTestId("maint-state")).ToHaveTextAsync("进行中");
        await Assertions.Expect(phone.ByTestId("maint-signed-in")).ToBeVisibleAsync();

        // 提交 at once: the phone names what is missing without asking the server.
        await phone.ByTestId("maint-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-submit-error").First).ToContainTextAsync($"还有 {items.Count} 项未填写：半月{items[0].Number} {items[0].Name}");
        await phone.ScreenshotAsync("maintenance-detail-signed-in");

        // Every item with the thumb: 开始填写, then result, photo where needed, 保存并下一项.
        await Assertions.Expect(phone.ByTestId("maint-continue")).ToHaveTextAsync("开始填写");
        await phone.ByTestId("maint-continue").ClickAsync();
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            await Assertions.Expect(phone.ByTestId("item-name")).ToHaveTextAsync($"{item.Number}. {item.Name}");
            var result = n == 1 && !item.NeedsPhoto ? "Fixed" : n == 2 && !item.NeedsPhoto ? "NotApplicable" : "Normal";
            await phone.ByTestId($"item-result-{result}").ClickAsync();
            if (item.NeedsPhoto)
            {
                // Saving without the photo is refused on the phone, naming why.
                await phone.ByTestId("item-next").ClickAsync();
                await Assertions.Expect(phone.ByTestId("item-problem")).ToContainTextAsync("此项须拍照");
                var chooser = await phone.Page.RunAndWaitForFileChooserAsync(() => phone.ByTestId("item-photo").ClickAsync());
                await chooser.SetFilesAsync(Photo);
                await Assertions.Expect(phone.ByTestId("item-photos").Locator("img")).ToHaveCountAsync(1);
                // The server's copy, shown from the API: the phone's 160×120 picture came back whole.
                await Assertions.Expect(phone.ByTestId("item-photos").Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 160);
                if (n == items.FindIndex(i => i.NeedsPhoto))
                {
                    await phone.ScreenshotAsync("maintenance-item-photo");
                }
            }
            if (result == "Fixed")
            {
                await phone.Input("item-note").FillAsync("门锁触点打磨后正常");
                await Assertions.Expect(phone.Input("item-note")).ToHaveValueAsync("门锁触点打磨后正常");
                await phone.ScreenshotAsync("maintenance-item");
            }
            await phone.ByTestId("item-next").ClickAsync();
        }

        await Assertions.Expect(phone.ByTestId("maint-progress")).ToHaveTextAsync($"已完成 {items.Count} / 共 {items.Count}");
        await Assertions.Expect(phone.ByTestId("maint-missing")).ToHaveCountAsync(0);

        // Another phone (or the office) cleared an answer meanwhile: the server's refusal names the item.
        // Not the last item, so that 保存并下一项 has a next one to open.
        var cleared = items.Where(i => !i.NeedsPhoto).Reverse().Skip(1).First();
        await browser.App.AsSystemAsync((_, db) => db.MaintenanceOrderItems.Where(i => i.Id == cleared.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Result, (MaintenanceItemResult?)null)));
        await phone.ByTestId("maint-submit").ClickAsync();
        var label = $"{PeriodName(cleared.Period)}{cleared.Number} {cleared.Name}";
        await Assertions.Expect(phone.ByTestId("maint-submit-error").First).ToContainTextAsync($"还有 1 项未填写：{label}");
        await Assertions.Expect(phone.ByTestId("maint-progress")).ToHaveTextAsync($"已完成 {items.Count - 1} / 共 {items.Count}");
        await Assertions.Expect(phone.ByTestId("maint-missing")).ToContainTextAsync(label);
        await phone.ScreenshotAsync("maintenance-submit-refused");

        await phone.ByTestId("maint-item").Nth(items.IndexOf(cleared)).ClickAsync();
        await Assertions.Expect(phone.ByTestId("item-name")).ToHaveTextAsync($"{cleared.Number}. {cleared.Name}");
        await phone.ByTestId("item-result-Normal").ClickAsync();
        await phone.ByTestId("item-next").ClickAsync();
        // The next item opens; back to the visit.
        await Assertions.Expect(phone.ByTestId("item-name")).Not.ToHaveTextAsync($"{cleared.Number}. {cleared.Name}");
        await phone.Page.GoBackAsync();
        await Assertions.Expect(phone.ByTestId("maint-progress")).ToHaveTextAsync($"已完成 {items.Count} / 共 {items.Count}");
        await phone.Input("maint-notes").FillAsync("安全回路、制动器正常");
        await Assertions.Expect(phone.Input("maint-notes")).ToHaveValueAsync("安全回路、制动器正常");
        await phone.ByTestId("maint-submit").ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-state")).ToHaveTextAsync("已完成");
        await Assertions.Expect(phone.ByTestId("maint-submitted")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("maint-submit")).ToHaveCountAsync(0);
        await phone.ScreenshotAsync("maintenance-detail-done");

        var stored = await browser.App.AsSystemAsync((_, db) => db.MaintenanceOrders.AsNoTracking()
            .Include(o => o.Items).ThenInclude(i => i.Photos).SingleAsync(o => o.Id == order.Id));
        Assert.Equal(MaintenanceOrderState.Submitted, stored.State);
        Assert.Equal("安全回路、制动器正常", stored.Notes);
        Assert.NotNull(stored.SignInLatitude);
        Assert.All(stored.Items, i => Assert.NotNull(i.Result));
        Assert.All(stored.Items.Where(i => i.NeedsPhoto), i => Assert.Single(i.Photos));
        Assert.Contains(stored.Items, i => i.Result == MaintenanceItemResult.Fixed && i.Note == "门锁触点打磨后正常");

        // The calendar counts it done.
        await phone.OpenAsync("/pages/maintenance/index");
        var doneCard = phone.ByTestId("maint-order").Filter(new() { HasText = elevator });
        await Assertions.Expect(doneCard.GetByTestId("maint-order-state")).ToHaveTextAsync("已完成");
        await phone.ByTestId("day-filter-done").ClickAsync();
        await Assertions.Expect(doneCard).ToBeVisibleAsync();
        await phone.ByTestId("day-filter-open").ClickAsync();
        await Assertions.Expect(doneCard).ToHaveCountAsync(0);

        // The office sees the visit done, with every item and the worker's answer.
        var office = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await office.OpenAsync("/maintenance/query");
        await office.GetByTestId("query-search").FillAsync(order.Number);
        await office.GetByTestId("query-search").PressAsync("Enter");
        var row = office.GetByTestId("maintenance-orders").Locator("tbody tr", new() { HasText = order.Number });
        await Assertions.Expect(row.GetByTestId("maintenance-state")).ToHaveTextAsync("待确认");
        await Assertions.Expect(row).ToContainTextAsync($"{items.Count} / {items.Count}");
        await row.GetByTestId("maintenance-order-link").ClickAsync();
        await Assertions.Expect(office).ToHaveURLAsync(new Regex($"/maintenance/orders/{order.Id}$"));
        await Assertions.Expect(office.GetByTestId("item-result").Filter(new() { HasText = "已修复" })).ToHaveCountAsync(1);
        await office.ScreenshotAsync("maintenance-order-from-phone");

        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task TheMaintenanceListsSearchAndOpenByCategoryAndAnotherCompanysVisitShowsNothing()
    {
        var (order, _, elevator) = await VisitOfTodayAsync(22);
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        // 电梯保养: 今日 first, the search narrows it.
        await phone.OpenAsync("/maint/list");
        await Assertions.Expect(phone.ByTestId("maint-cat-today")).ToHaveClassAsync(new Regex("active"));
        await Assertions.Expect(phone.ByTestId("maint-order").Filter(new() { HasText = elevator })).ToBeVisibleAsync();
        await phone.ByTestId("maint-search").ClickAsync();
        await phone.Input("maint-search").FillAsync(elevator);
        await Assertions.Expect(phone.Input("maint-search")).ToHaveValueAsync(elevator);
        await phone.Input("maint-search").PressAsync("Enter");
        await Assertions.Expect(phone.ByTestId("maint-total")).ToHaveTextAsync("共 1 单");
        await Assertions.Expect(phone.ByTestId("maint-order")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync("maintenance-list");
        await phone.ByTestId("maint-cat-done").ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-empty")).ToBeVisibleAsync();

        // The home page's 超期保养 opens the overdue ones: every card there says 超期.
        var overdue = await browser.App.AsSystemAsync((_, db) => db.MaintenanceOrders.CountAsync(MaintenanceOrder.OverdueOn(browser.App.Clock.Today())));
        await phone.OpenAsync("/pages/home/index");
        await phone.ByTestId("todo-overdue").ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-cat-overdue")).ToHaveClassAsync(new Regex("active"));
        if (overdue > 0)
        {
            await Assertions.Expect(phone.ByTestId("maint-order").First.GetByTestId("maint-order-state")).ToHaveTextAsync("超期");
        }
        else
        {
            await Assertions.Expect(phone.ByTestId("maint-empty")).ToBeVisibleAsync();
        }

        // 我的维保: the visits assigned to me, this one among them; a tap opens it.
        await phone.OpenAsync("/mine/maintenance");
        await Assertions.Expect(phone.ByTestId("maint-cat-all")).ToHaveClassAsync(new Regex("active"));
        await phone.ByTestId("maint-cat-today").ClickAsync();
        var mine = phone.ByTestId("maint-order").Filter(new() { HasText = elevator });
        await Assertions.Expect(mine).ToBeVisibleAsync();
        await phone.ScreenshotAsync("my-maintenance");
        await mine.ClickAsync();
        await Assertions.Expect(phone.ByTestId("maint-elevator")).ToHaveTextAsync(elevator);

        // An item before 签到 can be read but not answered.
        await phone.ByTestId("maint-item").First.ClickAsync();
        await Assertions.Expect(phone.ByTestId("item-readonly")).ToContainTextAsync("请先在保养详情中签到");
        await Assertions.Expect(phone.ByTestId("item-next")).ToHaveCountAsync(0);

        // A visit of an elevator 两江 maintains: the worker of 渝安 is told it is not theirs, and sees nothing of it.
        var other = await browser.App.AsSystemAsync(async (_, db) =>
        {
            var elevatorOfOther = await db.Elevators.Where(e => e.Number == "CQ0003").Select(e => e.Id).SingleAsync();
            var visit = new MaintenanceOrder
            {
                Number = "BY-OTHER-0001", ElevatorId = elevatorOfOther, ScheduleKey = "test-other", DueReason = "测试",
                DueOn = browser.App.Clock.Today(), State = MaintenanceOrderState.Pending, CreatedAtUtc = DateTime.UtcNow,
            };
            db.MaintenanceOrders.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        await phone.OpenAsync($"/maint/detail?id={other}");
        await Assertions.Expect(phone.ByTestId("maint-error")).ToBeVisibleAsync();
        await Assertions.Expect(phone.ByTestId("maint-facts")).ToHaveCountAsync(0);
        Assert.Empty(phone.ForeignRequests);
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task WithoutSignalAnItemIsKeptOnThePhoneVisiblyAndSentWhenTheNetworkReturns()
    {
        var (order, site, elevator) = await VisitOfTodayAsync(25);
        await browser.App.AsAsync(DemoAccounts.MaintenanceWorker, async s => { await s.SignInAsync(order.Id, site, default); return 0; });
        var first = order.Items.OrderBy(i => i.Period).ThenBy(i => i.Id).First();
        var phone = await browser.SignedInPhoneAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password, North(site, 100));
        await phone.OpenAsync($"/maint/detail?id={order.Id}");
        await Assertions.Expect(phone.ByTestId("maint-state")).ToHaveTextAsync("进行中");
        await phone.ByTestId("maint-continue").ClickAsync();
        await Assertions.Expect(phone.ByTestId("item-name")).ToHaveTextAsync($"{first.Number}. {first.Name}");

        // In the pit: no network. The answer is kept on the phone, and the phone says so.
        await phone.Page.Context.SetOfflineAsync(true);
        await phone.ByTestId("item-result-Fixed").ClickAsync();
        await phone.Input("item-note").FillAsync("更换照明灯管");
        await Assertions.Expect(phone.Input("item-note")).ToHaveValueAsync("更换照明灯管");
        await phone.ByTestId("item-next").ClickAsync();
        await Assertions.Expect(phone.ByTestId("outbox-bar")).ToContainTextAsync("1 项待发送");
        await Assertions.Expect(phone.ByTestId("item-name")).Not.ToHaveTextAsync($"{first.Number}. {first.Name}");
        await phone.Page.GoBackAsync();
        var row = phone.ByTestId("maint-item").First;
        await Assertions.Expect(row.GetByTestId("maint-item-result")).ToHaveTextAsync("已修复");
        await Assertions.Expect(row).ToContainTextAsync("待发送");
        await Assertions.Expect(phone.ByTestId("maint-progress")).ToHaveTextAsync($"已完成 1 / 共 {order.Items.Count}");
        await phone.ScreenshotAsync("maintenance-detail-offline");
        var stored = await browser.App.AsSystemAsync((_, db) => db.MaintenanceOrderItems.AsNoTracking().SingleAsync(i => i.Id == first.Id));
        Assert.Null(stored.Result);

        // Signal again: sent by itself, once.
        await phone.Page.Context.SetOfflineAsync(false);
        await Assertions.Expect(phone.ByTestId("outbox-bar")).ToHaveCountAsync(0, new() { Timeout = 40_000 });
        await Assertions.Expect(row).Not.ToContainTextAsync("待发送");
        stored = await browser.App.AsSystemAsync((_, db) => db.MaintenanceOrderItems.AsNoTracking().SingleAsync(i => i.Id == first.Id));
        Assert.Equal(MaintenanceItemResult.Fixed, stored.Result);
        Assert.Equal("更换照明灯管", stored.Note);
        Assert.Empty(phone.ForeignRequests);
    }

    private static string PeriodName(MaintenancePeriod period) => MaintenanceSchedule.PeriodName(period);
}
