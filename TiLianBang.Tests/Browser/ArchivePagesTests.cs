using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Browser;

/// <summary>ARC-1..4 as people use them: a new elevator through every section, search, QR label, the public page; companies and communities.</summary>
public sealed class ArchivePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task PickAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
    }

    [Fact]
    public async Task ANewElevatorGoesThroughEverySectionIsFoundAndItsQrCodeOpensThePublicPage()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/archive/elevators");
        await page.GetByTestId("archive-new").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/archive/elevators/new$"));

        // Saving an empty archive names what is missing, field by field.
        await page.GetByTestId("archive-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("archive-errors")).ToContainTextAsync("电梯编号");
        await Assertions.Expect(page.GetByTestId("archive-errors")).ToContainTextAsync("使用单位");

        await page.GetByTestId("f-number").FillAsync("PW0001");
        await page.GetByTestId("f-name").FillAsync("龙塔·翠湖苑 9栋2单元");
        await PickAsync(page, "f-community", "龙塔·翠湖苑");
        await PickAsync(page, "f-userunit", "重庆嘉陵物业管理有限公司");
        await page.GetByTestId("f-registercode").FillAsync("31105001122099010001");
        await page.GetByTestId("f-floors").FillAsync("12");
        await page.GetByTestId("f-stops").FillAsync("12");
        await page.GetByTestId("f-doors").FillAsync("12");
        await page.GetByTestId("f-speed").FillAsync("1.75");
        await page.GetByTestId("f-load").FillAsync("1000");
        await page.GetByRole(AriaRole.Tab, new() { Name = "维保参数" }).ClickAsync();
        await PickAsync(page, "f-maintainer", "重庆渝安电梯工程有限公司");
        await page.GetByRole(AriaRole.Tab, new() { Name = "视频参数" }).ClickAsync();
        await page.GetByTestId("camera-serial-1").FillAsync("DS-2CD2T47");
        await page.GetByRole(AriaRole.Tab, new() { Name = "其他参数" }).ClickAsync();
        await page.GetByTestId("f-nextinspection").FillAsync("2027-06-30");
        await page.GetByTestId("f-nextinspection").PressAsync("Tab");
        await page.GetByRole(AriaRole.Tab, new() { Name = "部件列表" }).ClickAsync();
        await page.GetByTestId("component-add").ClickAsync();
        await page.GetByTestId("component-name").FillAsync("曳引机");
        await page.GetByTestId("component-name").PressAsync("Tab");

        // A register code from the future is refused with the reason, and nothing is saved.
        await page.GetByTestId("archive-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("archive-errors")).ToContainTextAsync("注册年月");
        Assert.False(await browser.App.AsSystemAsync((_, db) => db.Elevators.AnyAsync(e => e.Number == "PW0001")));
        await page.GetByRole(AriaRole.Tab, new() { Name = "基础参数" }).ClickAsync();
        await page.GetByTestId("f-registercode").FillAsync("31105001122024010001");
        await page.GetByTestId("f-registercode").PressAsync("Tab");
        await page.ScreenshotAsync("archive-editor");
        await page.GetByTestId("archive-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/archive/elevators/\d+\?created=1$"));
        // Saved after two refusals: the refusals' summary is gone and the save is confirmed (issue 13).
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("电梯档案已保存");
        await Assertions.Expect(page.GetByTestId("archive-errors")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("page-title")).ToHaveTextAsync("电梯档案 PW0001");

        var stored = await browser.App.AsSystemAsync((_, db) => db.Elevators.AsNoTracking().SingleAsync(e => e.Number == "PW0001"));
        Assert.Equal(12, stored.Stops);
        Assert.Equal("DS-2CD2T47", Assert.Single(stored.Cameras).Serial);
        Assert.Equal("曳引机", Assert.Single(stored.Components).Name);
        Assert.Equal(new DateOnly(2027, 6, 30), stored.NextInspectionDate);

        await page.OpenAsync("/archive/elevators");
        await page.GetByTestId("archive-search").FillAsync("PW0001");
        await page.GetByTestId("archive-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("archives").Locator("tbody tr")).ToHaveCountAsync(1);
        var row = page.GetByTestId("archives").Locator("tbody tr", new() { HasText = "PW0001" });
        await Assertions.Expect(row).ToContainTextAsync("重庆嘉陵物业管理有限公司");
        await page.ScreenshotAsync("archive-list");
        await row.GetByTestId("archive-link").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "二维码" }).ClickAsync();
        var publicUrl = await page.GetByTestId("public-url").TextContentAsync();
        Assert.EndsWith("/e/" + stored.PublicToken, publicUrl);
        await Assertions.Expect(page.GetByTestId("qr").Locator("svg")).ToBeVisibleAsync();

        await page.GotoAsync($"/archive/elevators/{stored.Id}/label");
        await Assertions.Expect(page.GetByTestId("qr-label-number")).ToContainTextAsync("PW0001");
        await page.ScreenshotAsync("qr-label");

        // The public page needs no sign-in: a passenger's phone.
        var phone = await browser.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync(publicUrl!);
        await Assertions.Expect(phone.GetByTestId("public-number")).ToHaveTextAsync("PW0001");
        await phone.GetByTestId("public-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("public-error")).ToBeVisibleAsync();
        await phone.GetByTestId("public-description").FillAsync("轿门关不严，有异响");
        await phone.GetByTestId("public-submit").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("public-reported")).ToContainTextAsync("JX");
        await phone.ScreenshotAsync("public-page");
        var order = await browser.App.AsSystemAsync((_, db) => db.RepairOrders.SingleAsync(o => o.ElevatorId == stored.Id));

        // A demo elevator's 维保参数 show its maintenance plan.
        var planned = await browser.App.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0002").Select(e => e.Id).SingleAsync());
        await page.OpenAsync($"/archive/elevators/{planned}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "维保参数" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("archive-plan")).ToContainTextAsync("渝北一组");
        Assert.Equal(RepairOrderSource.Manual, order.Source);
        Assert.Contains("轿门关不严", order.Description);
    }

    [Fact]
    public async Task CompaniesAndCommunitiesAreKeptAndAnInUseOneCannotBeDeleted()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/archive/maintenance-companies");
        var used = page.GetByTestId("companies").Locator("tbody tr", new() { HasText = "重庆渝安电梯工程有限公司" });
        await used.GetByTestId("company-delete").ClickAsync();
        // Deleting asks first; going back deletes nothing.
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "返回" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("company-message")).ToHaveCountAsync(0);
        await used.GetByTestId("company-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("company-message")).ToContainTextAsync("不能删除");

        // A search that finds nothing says so inside the table, without a "第 0-0 条" pager.
        await page.GetByTestId("company-search").FillAsync("没有这家单位");
        await page.GetByTestId("company-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("companies").GetByTestId("empty-state")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("companies").Locator(".mud-table-pagination")).ToHaveCountAsync(0);

        await page.OpenAsync("/archive/user-units");
        await page.GetByTestId("company-new").ClickAsync();
        await Assertions.Expect(page.GetByTestId("company-form")).ToBeVisibleAsync();
        await page.GetByTestId("company-name").FillAsync("重庆礼嘉物业有限公司");
        await page.GetByTestId("company-phone").FillAsync("12345");
        await page.GetByTestId("company-phone").PressAsync("Tab");
        await page.GetByTestId("company-save").ClickAsync();
        await Assertions.Expect(page.GetByText("联系电话应为手机号或座机号")).ToBeVisibleAsync();
        await page.GetByTestId("company-phone").FillAsync("023-67001234");
        // Leaving the field sends it to the circuit first, so its render cannot undo the category picked next.
        await page.GetByTestId("company-phone").PressAsync("Tab");
        await PickAsync(page, "company-category", "物业服务企业");
        await page.GetByTestId("company-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("companies").Locator("tbody tr", new() { HasText = "重庆礼嘉物业有限公司" })).ToContainTextAsync("物业服务企业");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存“重庆礼嘉物业有限公司”");
        await page.ScreenshotAsync("user-units");

        await page.OpenAsync("/archive/communities");
        await page.GetByTestId("community-new").ClickAsync();
        await page.GetByTestId("community-name").FillAsync("礼嘉·天街");
        await page.GetByTestId("community-district").FillAsync("渝北区");
        // Leaflet loads on first use: click only once the map (and its click handler, set up with the marker) is there.
        await Assertions.Expect(page.GetByTestId("location-map").Locator(".leaflet-marker-icon")).ToBeVisibleAsync();
        await page.GetByTestId("location-map").ClickAsync(new() { Position = new() { X = 200, Y = 120 } });
        await page.ScreenshotAsync("communities");
        await page.GetByTestId("community-save").ClickAsync();
        var added = page.GetByTestId("communities").Locator("tbody tr", new() { HasText = "礼嘉·天街" });
        await Assertions.Expect(added).ToContainTextAsync("渝北区");
        var community = await browser.App.AsSystemAsync((_, db) => db.Communities.SingleAsync(c => c.Name == "礼嘉·天街"));
        // A click away from the start point moved the marker: the stored point is not the default centre.
        Assert.NotEqual(29.5630, community.Latitude, 4);
        Assert.InRange(community.Latitude, 29.4, 29.7);
    }

    [Fact]
    public async Task AnImportWithABadRowShowsItsRowAndColumnAndABatchEditChangesTheSelected()
    {
        var rows = new[]
        {
            new Dictionary<string, object?> { ["电梯编号*"] = "UI0001", ["电梯名称*"] = "界面导入 1", ["电梯品种*"] = "3110", ["小区*"] = "金开·锦绣华庭", ["使用单位*"] = "重庆山城物业服务有限公司", ["层*"] = 10, ["站*"] = 10, ["额定速度(m/s)*"] = 1.0, ["额定载重量(kg)*"] = 800, ["维保单位"] = "重庆渝安电梯工程有限公司" },
            new Dictionary<string, object?> { ["电梯编号*"] = "UI0002", ["电梯名称*"] = "界面导入 2", ["电梯品种*"] = "3110", ["小区*"] = "不存在的小区", ["使用单位*"] = "重庆山城物业服务有限公司", ["层*"] = 10, ["站*"] = 10, ["额定速度(m/s)*"] = 1.0, ["额定载重量(kg)*"] = 800, ["维保单位"] = "重庆渝安电梯工程有限公司" },
        };
        using var file = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows);

        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/archive/elevators");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "elevators.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file.ToArray(),
        });
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("未导入任何数据");
        var error = page.GetByTestId("import-errors").Locator("tbody tr").First;
        await Assertions.Expect(error).ToContainTextAsync("3");
        await Assertions.Expect(error).ToContainTextAsync("小区*");
        await page.ScreenshotAsync("archive-import-errors");
        Assert.False(await browser.App.AsSystemAsync((_, db) => db.Elevators.AnyAsync(e => e.Number.StartsWith("UI"))));

        await page.GetByTestId("archive-search").FillAsync("CQ001");
        await page.GetByTestId("archive-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("archives").Locator("tbody tr").First).ToContainTextAsync("CQ001");
        var boxes = page.GetByTestId("archives").Locator("tbody tr input[type=checkbox]");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await Assertions.Expect(page.GetByTestId("batch-panel")).ToContainTextAsync("2");
        await page.GetByTestId("batch-nextinspection").FillAsync("2027-09-30");
        await page.GetByTestId("batch-nextinspection").PressAsync("Tab");
        await page.GetByTestId("batch-apply").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已修改 2 台电梯");
        await page.ScreenshotAsync("archive-batch");
        var changed = await browser.App.AsSystemAsync((_, db) => db.Elevators.CountAsync(e => e.NextInspectionDate == new DateOnly(2027, 9, 30)));
        Assert.Equal(2, changed);
    }

    [Fact]
    public async Task AnUnreadableWorkbookIsRefusedWithItsReasonAndThePageKeepsWorking()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);

        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/archive/elevators");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "elevators.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = junk,
        });

        await Assertions.Expect(page.GetByTestId("import-problem")).ToContainTextAsync("不是有效的 Excel");
        await page.ScreenshotAsync("archive-import-unreadable");
        // The circuit lives on: the search still answers.
        await page.GetByTestId("archive-search").FillAsync("CQ0001");
        await page.GetByTestId("archive-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("archives").Locator("tbody tr").First).ToContainTextAsync("CQ0001");
    }
}
