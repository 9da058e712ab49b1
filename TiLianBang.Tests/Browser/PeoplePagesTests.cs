using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Browser;

/// <summary>人员管理 and 角色权限 as people use them (issue 14): an installation staffs itself from the web app.</summary>
public sealed class PeoplePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task PickAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).First.ClickAsync();
    }

    /// <summary>
    /// Types the job and takes it from the list, as a person does: leaving the field while the list's search is
    /// still pending could let that search's answer reset it.
    /// </summary>
    private static async Task ChooseJobAsync(IPage page, string job)
    {
        await page.GetByTestId("account-job").FillAsync(job);
        await page.GetByRole(AriaRole.Option, new() { Name = job, Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-job")).ToHaveValueAsync(job);
    }

    /// <summary>Saves the open account form and reads the one-time password the dialog shows once.</summary>
    private static async Task<string> SaveNewAccountAsync(IPage page)
    {
        await page.GetByTestId("account-save").ClickAsync();
        var shown = page.GetByTestId("issued-password-value");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("issued-password")).ToContainTextAsync("首次登录时必须修改密码");
        var password = (await shown.TextContentAsync())!.Trim();
        await page.GetByTestId("issued-password-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("issued-password")).ToHaveCountAsync(0);
        return password;
    }

    /// <summary>Signs in with a one-time password, is sent to 修改密码 first, and chooses a password of one's own.</summary>
    private async Task<IPage> FirstSignInAsync(string userName, string oneTimePassword, string chosen)
    {
        var page = await browser.SignedInAsync(userName, oneTimePassword);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password"));
        await Assertions.Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
        await page.FillAsync("#current", oneTimePassword);
        await page.FillAsync("#new", chosen);
        await page.FillAsync("#confirm", chosen);
        await page.ClickAsync("#change");
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task TheAdministratorStaffsAMaintenanceCompanyWhoseManagerGivesAWorkerExactlyTheChosenMenus()
    {
        var admin = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await admin.OpenAsync("/system/accounts");
        await admin.GetByTestId("account-new").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-form")).ToBeVisibleAsync();

        // An empty form names what is missing under each field, and nothing is saved.
        await admin.GetByTestId("account-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-errors")).ToContainTextAsync("用户名应为");
        await Assertions.Expect(admin.GetByTestId("account-form")).ToContainTextAsync("请选择您管理的单位");

        await admin.GetByTestId("account-username").FillAsync("lj.manager");
        await admin.GetByTestId("account-name").FillAsync("刘志强");
        await admin.GetByTestId("account-phone").FillAsync("13908370001");
        await PickAsync(admin, "account-company", DemoStaff.MaintenanceB);
        await PickAsync(admin, "account-role", "维保经理");
        await ChooseJobAsync(admin, "经理");
        await admin.ScreenshotAsync("account-form");
        var managerPassword = await SaveNewAccountAsync(admin);
        await Assertions.Expect(admin.Locator(".mud-snackbar", new() { HasText = "已新增人员“lj.manager”" })).ToBeVisibleAsync();

        await admin.GetByTestId("account-search").FillAsync("lj.manager");
        await admin.GetByTestId("account-search").PressAsync("Enter");
        var managerRow = admin.GetByTestId("accounts").Locator("tbody tr", new() { HasText = "lj.manager" });
        await Assertions.Expect(managerRow).ToContainTextAsync("需改密");
        await Assertions.Expect(managerRow).ToContainTextAsync(DemoStaff.MaintenanceB);

        // The manager's first sign-in asks for a password of their own before anything else.
        var manager = await FirstSignInAsync("lj.manager", managerPassword, "Liangjiang-2026");
        await manager.OpenAsync("/system/roles");
        // Only the manager's own company's roles, and no other company's.
        await Assertions.Expect(manager.GetByTestId("roles")).ToContainTextAsync("维保经理");
        await Assertions.Expect(manager.GetByTestId("roles")).Not.ToContainTextAsync("平台管理员");
        await manager.GetByTestId("role-new").ClickAsync();
        var form = manager.GetByTestId("role-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        // A maintenance company cannot hold platform-wide tables: 故障代码管理 is not even offered.
        await Assertions.Expect(form.Locator($"[data-permission='{Permissions.SystemFaultCodes}']")).ToHaveCountAsync(0);
        await manager.GetByTestId("role-name").FillAsync("巡查员");
        foreach (var permission in new[] { Permissions.MonitorArea, Permissions.RepairTasks, Permissions.MaintenanceQuery })
        {
            await form.Locator($"[data-permission='{permission}'] label").ClickAsync();
            await Assertions.Expect(form.Locator($"[data-permission='{permission}'] input")).ToBeCheckedAsync();
        }
        await Assertions.Expect(manager.GetByTestId("role-count")).ToContainTextAsync("3");
        await manager.ScreenshotAsync("role-form");
        await manager.GetByTestId("role-save").ClickAsync();
        await Assertions.Expect(manager.Locator(".mud-snackbar", new() { HasText = "已保存角色“巡查员”" })).ToBeVisibleAsync();
        var roleRow = manager.GetByTestId("roles").Locator("tbody tr", new() { HasText = "巡查员" });
        await Assertions.Expect(roleRow).ToBeVisibleAsync();

        await manager.OpenAsync("/system/accounts");
        await manager.GetByTestId("account-new").ClickAsync();
        await manager.GetByTestId("account-username").FillAsync("lj.xuncha");
        await manager.GetByTestId("account-name").FillAsync("赵明");
        await PickAsync(manager, "account-role", "巡查员");
        await ChooseJobAsync(manager, "维保工");
        await manager.GetByTestId("account-certificate").FillAsync("T500105199201010011");
        var workerPassword = await SaveNewAccountAsync(manager);
        await Assertions.Expect(manager.GetByTestId("accounts").Locator("tbody tr", new() { HasText = "lj.xuncha" })).ToContainTextAsync("巡查员");

        var worker = await FirstSignInAsync("lj.xuncha", workerPassword, "Xuncha-2026");
        var links = await worker.GetByTestId("nav-menu").Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var expected = NavigationTree.Items
            .Where(i => i.Permission is Permissions.MonitorArea or Permissions.RepairTasks or Permissions.MaintenanceQuery)
            .Select(i => i.Href);
        Assert.Equal(expected, links);

        var stored = await browser.App.AsSystemAsync((_, db) => db.Users.AsNoTracking().Include(a => a.Role).SingleAsync(a => a.UserName == "lj.xuncha"));
        Assert.Equal([Permissions.MonitorArea, Permissions.RepairTasks, Permissions.MaintenanceQuery], stored.Role!.Permissions);
        Assert.Equal("维保工", stored.Job);
    }

    [Fact]
    public async Task AccountActionsAskFirstAndARoleInUseIsNotDeleted()
    {
        var page = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        await page.OpenAsync("/system/accounts");

        // An expired operator certificate is flagged in the list, and the filter finds it.
        await page.Locator(".tlb-filter-bar").GetByText("证书已过期").ClickAsync();
        var expired = page.GetByTestId("accounts").Locator("tbody tr", new() { HasText = "majun" });
        await Assertions.Expect(expired.GetByTestId("certificate-expired")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("accounts").Locator("tbody tr", new() { HasText = "huanglei" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("accounts-expired");

        // 重置密码 asks first, then shows the new one-time password once.
        await expired.Locator("button[aria-label='更多操作']").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("重置密码").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        var password = (await page.GetByTestId("issued-password-value").TextContentAsync())!.Trim();
        await page.GetByTestId("issued-password-close").ClickAsync();
        Assert.False(string.IsNullOrWhiteSpace(password));
        await Assertions.Expect(expired).ToContainTextAsync("需改密");

        // 停用账号 asks first; going back changes nothing.
        await expired.Locator("button[aria-label='更多操作']").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("停用账号").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "返回" }).ClickAsync();
        await Assertions.Expect(expired.GetByTestId("account-state")).Not.ToContainTextAsync("停用");
        await expired.Locator("button[aria-label='更多操作']").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("停用账号").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "停用账号" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "已停用“majun”" })).ToBeVisibleAsync();
        await Assertions.Expect(expired.GetByTestId("account-state")).ToContainTextAsync("停用");
        var disabled = await browser.App.AsSystemAsync((_, db) => db.Users.AsNoTracking().SingleAsync(a => a.UserName == "majun"));
        Assert.NotNull(disabled.LockoutEnd);

        // A role that accounts still hold is not deleted; the page says how many.
        await page.OpenAsync("/system/roles");
        await PickAsync(page, "filter-company", DemoStaff.MaintenanceB);
        var inUse = page.GetByTestId("roles").Locator("tbody tr", new() { HasText = "维保经理" });
        await Assertions.Expect(inUse).ToHaveCountAsync(1);
        await inUse.GetByTestId("role-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "删除角色" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("role-message")).ToContainTextAsync("个账号使用");
        Assert.True(await browser.App.AsSystemAsync((_, db) => db.Roles.AnyAsync(r => r.Name == "维保经理" && r.Company!.Name == DemoStaff.MaintenanceB)));
        await page.ScreenshotAsync("roles");

        // Full HD in dark mode, with the rows loaded (the gallery may catch the first page of a run still loading).
        var wide = await browser.SignedInAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password, 1920, 1080);
        await wide.Context.AddCookiesAsync([new Cookie { Name = UiPreferences.ThemeCookie, Value = UiPreferences.FormatTheme(ThemeMode.Dark), Url = browser.BaseUrl }]);
        await wide.OpenAsync("/system/accounts");
        await Assertions.Expect(wide.GetByTestId("accounts").Locator("tbody tr", new() { HasText = "weibao" }).First).ToBeVisibleAsync();
        await wide.ScreenshotAsync("accounts-dark-1920");
        await wide.OpenAsync("/system/roles");
        await wide.GetByTestId("roles").Locator("tbody tr").Nth(1).Locator("[data-testid=role-edit]").ClickAsync();
        await Assertions.Expect(wide.GetByTestId("permission-tree")).ToBeVisibleAsync();
        await wide.ScreenshotAsync("role-form-dark-1920");
    }
}
