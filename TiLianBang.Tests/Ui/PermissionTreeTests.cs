using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Organizations;
using TiLianBang.Web.Features.Accounts.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>角色权限's tree: what a company's kind may hold, what the editor may hand out, actions under their page.</summary>
public sealed class PermissionTreeTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static HashSet<string> Set(params string[] permissions) => permissions.ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task OnlyWhatTheCompanysKindMayHoldIsListedInTheManualsOrder()
    {
        await using var ctx = NewContext();

        var tree = ctx.Render<PermissionTree>(p => p
            .Add(t => t.Kind, CompanyKind.UserUnit)
            .Add(t => t.Grantable, PermissionCatalog.AllowedFor(CompanyKind.UserUnit).ToHashSet()));

        var listed = tree.FindAll("[data-permission]").Select(e => e.GetAttribute("data-permission")).ToList();
        Assert.Equal(PermissionCatalog.Groups.SelectMany(g => g.Entries).SelectMany(e => e.Actions.Prepend(e))
            .Where(e => e.Kinds.Contains(CompanyKind.UserUnit)).Select(e => e.Permission), listed);
        Assert.DoesNotContain(Permissions.MaintenancePlanEntry, listed);
        Assert.DoesNotContain(Permissions.SystemFaultCodes, listed);
        Assert.Contains(Permissions.MonitorRescue, listed);
    }

    [Fact]
    public async Task WhatTheEditorDoesNotHoldIsShownLockedAndCannotBeTicked()
    {
        await using var ctx = NewContext();

        var tree = ctx.Render<PermissionTree>(p => p
            .Add(t => t.Kind, CompanyKind.MaintenanceCompany)
            .Add(t => t.Grantable, Set(Permissions.MonitorArea))
            .Add(t => t.Value, Set(Permissions.RepairTasks)));

        var area = tree.Find($"[data-permission='{Permissions.MonitorArea}'] input");
        var tasks = tree.Find($"[data-permission='{Permissions.RepairTasks}'] input");
        Assert.False(area.HasAttribute("disabled"));
        Assert.True(tasks.HasAttribute("disabled"));
        // Held by the role but not by the editor: still ticked, so saving keeps it.
        Assert.True(tasks.HasAttribute("checked") || tasks.GetAttribute("aria-checked") == "true");
        Assert.NotEmpty(tree.FindAll($"[data-permission='{Permissions.RepairTasks}'] .tlb-permission-lock"));
        Assert.Empty(tree.FindAll($"[data-permission='{Permissions.MonitorArea}'] .tlb-permission-lock"));
    }

    [Fact]
    public async Task TickingAnActionTicksItsPageAndUntickingThePageUnticksItsActions()
    {
        await using var ctx = NewContext();
        IReadOnlySet<string> value = Set();
        var grantable = PermissionCatalog.AllowedFor(CompanyKind.MaintenanceCompany).ToHashSet();
        var tree = ctx.Render<PermissionTree>(p => p
            .Add(t => t.Kind, CompanyKind.MaintenanceCompany)
            .Add(t => t.Grantable, grantable)
            .Add(t => t.Value, value)
            .Add(t => t.ValueChanged, (IReadOnlySet<string> v) => value = v));

        await tree.Find($"[data-permission='{Permissions.MonitorRemoteCall}'] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        Assert.Equal(Set(Permissions.MonitorQuery, Permissions.MonitorRemoteCall).Order(), value.Order());

        tree.Render(p => p.Add(t => t.Value, value));
        await tree.Find($"[data-permission='{Permissions.MonitorQuery}'] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });
        Assert.Empty(value);
    }

    [Fact]
    public void EveryPermissionTitleHasAnEnglishTranslation()
    {
        var english = new System.Resources.ResourceManager("TiLianBang.Web.Resources.SharedResource", typeof(PermissionTree).Assembly);
        var titles = PermissionCatalog.Groups.Select(g => g.Title)
            .Concat(PermissionCatalog.Groups.SelectMany(g => g.Entries).SelectMany(e => e.Actions.Prepend(e)).Select(e => e.Title));

        var missing = titles.Where(t => string.IsNullOrEmpty(english.GetString(t, new CultureInfo("en")))).ToList();

        Assert.Empty(missing);
    }
}
