using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Accounts;
using TiLianBang.Web.Shared;

namespace TiLianBang.Tests.Ui;

/// <summary>The menu shows a role only what it may open.</summary>
public sealed class NavMenuTests
{
    private static BunitContext NewContext(params string[] permissions)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("worker");
        auth.SetClaims([.. permissions.Select(p => new Claim(AccountClaimTypes.Permission, p))]);
        return ctx;
    }

    [Fact]
    public async Task MenuHidesItemsAndSectionsTheRoleHasNoPermissionFor()
    {
        await using var ctx = NewContext(Permissions.MonitorArea, Permissions.RepairTasks);

        var menu = ctx.Render<NavMenu>();

        var links = menu.FindAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/monitor/area", "/repairs/tasks"], links);
        Assert.Contains("电梯监控", menu.Markup);
        Assert.Contains("急修管理", menu.Markup);
        Assert.DoesNotContain("系统管理", menu.Markup);
        Assert.DoesNotContain("人员管理", menu.Markup);
    }

    [Fact]
    public async Task AdministratorSeesTheWholeTreeInTheManualsOrder()
    {
        await using var ctx = NewContext([.. Permissions.All]);

        var menu = ctx.Render<NavMenu>();

        var links = menu.FindAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(NavigationTree.Items.Select(i => i.Href), links);
    }

    [Fact]
    public async Task MenuSpeaksEnglishWhenChosen()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            await using var ctx = NewContext(Permissions.MonitorArea, Permissions.SystemLogs);

            var menu = ctx.Render<NavMenu>();

            Assert.Contains("Area monitoring", menu.Markup);
            Assert.Contains("Operation log", menu.Markup);
            Assert.DoesNotContain("区域监控", menu.Markup);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void EveryMenuTitleHasAnEnglishTranslation()
    {
        var english = new System.Resources.ResourceManager("TiLianBang.Web.Resources.SharedResource", typeof(NavMenu).Assembly);
        var titles = NavigationTree.Sections.Select(s => s.Title).Concat(NavigationTree.Items.Select(i => i.Title));

        var missing = titles.Where(t => string.IsNullOrEmpty(english.GetString(t, new CultureInfo("en")))).ToList();

        Assert.Empty(missing);
    }
}
