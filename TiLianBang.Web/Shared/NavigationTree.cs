using MudBlazor;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Shared;

/// <summary>
/// The staff web app's menu, in the manual's order (§6.1.3–§6.1.8). Titles are localizer keys (the Chinese
/// text); each item names the permission that shows it and guards its page.
/// </summary>
public static class NavigationTree
{
    public static readonly IReadOnlyList<NavSection> Sections =
    [
        new("电梯监控", Icons.Material.Outlined.Elevator,
        [
            new("区域监控", "/monitor/area", Permissions.MonitorArea),
            new("地图监控", "/monitor/map", Permissions.MonitorMap),
            new("监控查询", "/monitor/query", Permissions.MonitorQuery),
            new("设备健康", "/monitor/health", Permissions.MonitorQuery),
        ]),
        new("急修管理", Icons.Material.Outlined.Build,
        [
            new("急修任务", "/repairs/tasks", Permissions.RepairTasks),
            new("故障接警", "/repairs/alarms", Permissions.RepairAlarm),
            new("急修处理", "/repairs/handling", Permissions.RepairHandle),
            new("人工录入", "/repairs/manual", Permissions.RepairManualEntry),
            new("急修审核", "/repairs/review", Permissions.RepairReview),
        ]),
        new("维保工作管理", Icons.Material.Outlined.EventNote,
        [
            new("计划审核", "/maintenance/review", Permissions.MaintenancePlanReview),
            new("计划录入", "/maintenance/plans", Permissions.MaintenancePlanEntry),
            new("保养查询", "/maintenance/query", Permissions.MaintenanceQuery),
            new("保养项目分类", "/maintenance/items", Permissions.MaintenanceItems),
            new("保养分组", "/maintenance/groups", Permissions.MaintenanceGroups),
        ]),
        new("统计分析", Icons.Material.Outlined.BarChart,
        [
            new("电梯信息查询", "/statistics/elevators", Permissions.StatisticsElevators),
            new("故障统计分析", "/statistics/faults", Permissions.StatisticsFaults),
            new("维保工作统计", "/statistics/maintenance", Permissions.StatisticsMaintenance),
            new("投屏统计", "/statistics/screen", Permissions.StatisticsScreen),
            new("投屏数据", "/statistics/screen-data", Permissions.StatisticsScreen),
            new("数据分析", "/statistics/analysis", Permissions.StatisticsAnalysis),
        ]),
        new("基础数据管理", Icons.Material.Outlined.FolderShared,
        [
            new("电梯档案管理", "/archive/elevators", Permissions.ArchiveElevatorsView),
            new("电梯制造单位管理", "/archive/manufacturers", Permissions.ArchiveManufacturers),
            new("使用单位管理", "/archive/user-units", Permissions.ArchiveUserUnits),
            new("政府监管机构管理", "/archive/supervisors", Permissions.ArchiveSupervisors),
            new("维保公司管理", "/archive/maintenance-companies", Permissions.ArchiveMaintenanceCompanies),
            new("检验机构管理", "/archive/inspection-agencies", Permissions.ArchiveInspectionAgencies),
            new("小区管理", "/archive/communities", Permissions.ArchiveCommunities),
            new("故障属性", "/archive/fault-attributes", Permissions.ArchiveFaultAttributes),
        ]),
        new("系统管理", Icons.Material.Outlined.Settings,
        [
            new("系统配置", "/system/config", Permissions.SystemConfiguration),
            new("故障代码管理", "/system/fault-codes", Permissions.SystemFaultCodes),
            new("IO", "/system/io", Permissions.SystemIoNames),
            new("8K参数规格设置", "/system/parameters", Permissions.SystemParameters),
            new("人员管理", "/system/accounts", Permissions.SystemAccounts),
            new("角色权限", "/system/roles", Permissions.SystemRoles),
            new("日志查询", "/system/logs", Permissions.SystemLogs),
            new("工作规范", "/system/specifications", Permissions.SystemSpecifications),
            new("发送失败的消息", "/system/failed-messages", Permissions.SystemConfiguration),
        ]),
    ];

    public static IEnumerable<NavItem> Items => Sections.SelectMany(s => s.Items);

    public static NavItem? Find(string path) =>
        Items.FirstOrDefault(i => string.Equals(i.Href, path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The menu entry a page belongs to: its own item, or for a detail page (<c>/repairs/orders/12</c>) the item
    /// whose address is the longest prefix of its path. Null for pages outside the menu.
    /// </summary>
    public static (NavSection Section, NavItem Item)? Locate(string path)
    {
        var clean = path.Split('?', '#')[0].TrimEnd('/');
        return Sections
            .SelectMany(s => s.Items.Select(i => (Section: s, Item: i)))
            .Where(p => clean.Equals(p.Item.Href, StringComparison.OrdinalIgnoreCase)
                || clean.StartsWith(p.Item.Href + "/", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Item.Href.Length)
            .Select(p => ((NavSection, NavItem)?)(p.Section, p.Item))
            .FirstOrDefault() ?? DetailOwner(clean);
    }

    /// <summary>Detail pages whose address is not under their list's (orders are opened from several lists).</summary>
    private static (NavSection, NavItem)? DetailOwner(string path)
    {
        var owner = path.StartsWith("/repairs/orders", StringComparison.OrdinalIgnoreCase) ? "/repairs/tasks"
            : path.StartsWith("/maintenance/orders", StringComparison.OrdinalIgnoreCase) ? "/maintenance/query"
            : path.StartsWith("/monitor/elevators", StringComparison.OrdinalIgnoreCase) ? "/monitor/area"
            : null;
        return owner is null ? null : Locate(owner);
    }

    public static int? SectionIndexOf(string path) =>
        Locate(path) is { } found ? Sections.ToList().IndexOf(found.Section) : null;
}

public sealed record NavSection(string Title, string Icon, IReadOnlyList<NavItem> Items);

public sealed record NavItem(string Title, string Href, string Permission);
