using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

/// <summary>首页轮播 in 系统配置 and 工作规范 under 系统管理, as their administrators use them.</summary>
public sealed class HomeSettingsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdministratorAddsABannerWithAPictureAndDeletesIt()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/system/config");
        var rows = page.GetByTestId("banner-row");
        var before = await rows.CountAsync();
        Assert.True(before > 0);

        await page.GetByTestId("banner-new").ClickAsync();
        await page.GetByTestId("banner-title").FillAsync("浏览器测试轮播");
        await page.GetByTestId("banner-link").FillAsync("http://not-https.example");
        await page.GetByTestId("banner-save").ClickAsync();
        // No picture and a plain http link: both fields say what is wrong, nothing is saved.
        await Assertions.Expect(page.GetByTestId("banner-image-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("https://");
        await page.GetByTestId("banner-link").FillAsync("/pages/specifications/index");
        await page.GetByTestId("banner-link").PressAsync("Tab");
        await page.Locator(".mud-dialog").Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "banner.png", MimeType = "image/png", Buffer = DemoPictures.BannerPng(0xD93A3A, 0x1D5BD8),
        });
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("banner.png");
        await page.GetByTestId("banner-save").ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        var added = rows.Filter(new() { HasText = "浏览器测试轮播" });
        await Assertions.Expect(added).ToContainTextAsync("/pages/specifications/index");
        // The thumbnail loads through the API with the staff cookie.
        await Assertions.Expect(added.Locator("img")).ToHaveJSPropertyAsync("naturalWidth", DemoPictures.Width);
        await page.ScreenshotAsync("banners");

        await added.GetByTestId("banner-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "删除轮播图" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before);
        Assert.False(await browser.App.AsSystemAsync((_, db) => db.Banners.AnyAsync(b => b.Title == "浏览器测试轮播")));
    }

    [Fact]
    public async Task AMaintenanceManagerWritesASpecificationWithAPdfThatOnlyTheirCompanySees()
    {
        var page = await browser.SignedInAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        await page.OpenAsync("/system/specifications");
        var rows = page.GetByTestId("spec-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        // 渝安's own documents only: 两江's hand-over rule is not listed, and no company column is needed.
        await Assertions.Expect(page.GetByTestId("specs")).Not.ToContainTextAsync("交接班");
        var before = await rows.CountAsync();

        await page.GetByTestId("spec-new").ClickAsync();
        await page.GetByTestId("spec-title").FillAsync("浏览器测试规范");
        await page.GetByTestId("spec-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("spec-invalid")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog").Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "not-a.pdf", MimeType = "application/pdf", Buffer = "<html></html>"u8.ToArray(),
        });
        // The file is read over the circuit; saving before it arrives would only repeat the missing-body error.
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("not-a.pdf");
        await page.GetByTestId("spec-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("spec-pdf-error")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog").Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "检查表.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        });
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("检查表.pdf");
        await page.GetByTestId("spec-save").ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        var added = rows.Filter(new() { HasText = "浏览器测试规范" });
        await Assertions.Expect(added).ToContainTextAsync("检查表.pdf");
        await page.GetByTestId("spec-search").FillAsync("浏览器");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.ScreenshotAsync("specifications");

        await added.GetByTestId("spec-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "删除工作规范" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("spec-row")).ToHaveCountAsync(0);
        Assert.False(await browser.App.AsSystemAsync((_, db) => db.WorkSpecifications.AnyAsync(s => s.Title == "浏览器测试规范")));
    }
}
