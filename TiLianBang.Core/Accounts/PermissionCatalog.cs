using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Every permission in the manual's menu order (§6.1.3 – §6.1.8, then the mini-program's own), each with its
/// Chinese title, the actions under it and which kinds of company may hold it at all (SYS-6). Platform-wide
/// tables (故障代码, IO, 8K 参数, 系统配置, the company directories) belong to the platform operator: a company
/// changes only what is its own. The kinds are enforced where permissions become claims
/// (<see cref="EffectiveFor"/>), so a role stored with a permission its company may not have grants nothing.
/// </summary>
public static class PermissionCatalog
{
    private static readonly CompanyKind[] Everyone = Enum.GetValues<CompanyKind>();
    private static readonly CompanyKind[] PlatformOnly = [CompanyKind.Platform];
    private static readonly CompanyKind[] Maintainers = [CompanyKind.Platform, CompanyKind.MaintenanceCompany];
    private static readonly CompanyKind[] MaintainersAndUsers = [CompanyKind.Platform, CompanyKind.MaintenanceCompany, CompanyKind.UserUnit];

    public static readonly IReadOnlyList<PermissionGroup> Groups =
    [
        new("电梯监控",
        [
            Entry(Permissions.MonitorArea, "区域监控", Everyone),
            Entry(Permissions.MonitorMap, "地图监控", Everyone),
            Entry(Permissions.MonitorQuery, "监控查询", Everyone,
                Entry(Permissions.MonitorRemoteCall, "呼梯", Maintainers),
                Entry(Permissions.MonitorRescue, "启动救援", MaintainersAndUsers)),
        ]),
        new("急修管理",
        [
            Entry(Permissions.RepairTasks, "急修任务", Everyone),
            Entry(Permissions.RepairAlarm, "故障接警", Maintainers),
            Entry(Permissions.RepairHandle, "急修处理", Maintainers),
            Entry(Permissions.RepairManualEntry, "人工录入", MaintainersAndUsers),
            Entry(Permissions.RepairReview, "急修审核", Maintainers),
        ]),
        new("维保工作管理",
        [
            Entry(Permissions.MaintenancePlanReview, "计划审核", Maintainers),
            Entry(Permissions.MaintenancePlanEntry, "计划录入", Maintainers),
            Entry(Permissions.MaintenanceQuery, "保养查询", Everyone),
            Entry(Permissions.MaintenanceItems, "保养项目分类", Maintainers),
            Entry(Permissions.MaintenanceGroups, "保养分组", Maintainers),
        ]),
        new("统计分析",
        [
            Entry(Permissions.StatisticsElevators, "电梯信息查询", Everyone),
            Entry(Permissions.StatisticsFaults, "故障统计分析", Everyone),
            Entry(Permissions.StatisticsMaintenance, "维保工作统计", Everyone),
            Entry(Permissions.StatisticsScreen, "投屏统计", Everyone),
            Entry(Permissions.StatisticsAnalysis, "数据分析", Everyone),
        ]),
        new("基础数据管理",
        [
            Entry(Permissions.ArchiveElevatorsView, "电梯档案管理", Everyone,
                Entry(Permissions.ArchiveElevatorsEdit, "新增、修改、导入", MaintainersAndUsers)),
            Entry(Permissions.ArchiveManufacturers, "电梯制造单位管理", PlatformOnly),
            // A maintenance company brings its customers along: it may add their units and communities.
            Entry(Permissions.ArchiveUserUnits, "使用单位管理", Maintainers),
            Entry(Permissions.ArchiveSupervisors, "政府监管机构管理", PlatformOnly),
            Entry(Permissions.ArchiveMaintenanceCompanies, "维保公司管理", PlatformOnly),
            Entry(Permissions.ArchiveInspectionAgencies, "检验机构管理", PlatformOnly),
            Entry(Permissions.ArchiveCommunities, "小区管理", Maintainers),
            Entry(Permissions.ArchiveFaultAttributes, "故障属性", PlatformOnly),
        ]),
        new("系统管理",
        [
            Entry(Permissions.SystemConfiguration, "系统配置", PlatformOnly),
            Entry(Permissions.SystemFaultCodes, "故障代码管理", PlatformOnly),
            Entry(Permissions.SystemIoNames, "IO", PlatformOnly),
            Entry(Permissions.SystemParameters, "8K参数规格设置", PlatformOnly),
            Entry(Permissions.SystemAccounts, "人员管理", Everyone),
            Entry(Permissions.SystemRoles, "角色权限", Everyone),
            Entry(Permissions.SystemLogs, "日志查询", Everyone),
            Entry(Permissions.SystemSpecifications, "工作规范", Everyone),
        ]),
        new("小程序",
        [
            Entry(Permissions.MaintenanceWork, "保养作业", Maintainers),
            Entry(Permissions.DeviceDebug, "设备调试", Maintainers),
        ]),
    ];

    private static readonly Dictionary<string, PermissionEntry> ByPermission =
        Groups.SelectMany(g => g.Entries).SelectMany(e => e.Actions.Prepend(e)).ToDictionary(e => e.Permission, StringComparer.Ordinal);

    public static PermissionEntry? Find(string permission) => ByPermission.GetValueOrDefault(permission);

    /// <summary>The Chinese title of a permission (the menu item or action it opens), or the raw string when unknown.</summary>
    public static string TitleOf(string permission) => Find(permission)?.Title ?? permission;

    public static bool IsAllowedFor(string permission, CompanyKind kind) =>
        ByPermission.TryGetValue(permission, out var entry) && entry.Kinds.Contains(kind);

    /// <summary>What a role's stored permissions grant to an account of a company of this kind.</summary>
    public static IEnumerable<string> EffectiveFor(CompanyKind kind, IEnumerable<string> stored) =>
        stored.Where(p => IsAllowedFor(p, kind)).Distinct(StringComparer.Ordinal);

    public static IEnumerable<string> AllowedFor(CompanyKind kind) =>
        ByPermission.Values.Where(e => e.Kinds.Contains(kind)).Select(e => e.Permission);

    private static PermissionEntry Entry(string permission, string title, CompanyKind[] kinds, params PermissionEntry[] actions) =>
        new(permission, title, kinds, actions);
}

/// <summary>A menu group of the permission tree.</summary>
public sealed record PermissionGroup(string Title, IReadOnlyList<PermissionEntry> Entries);

/// <summary>A menu item (or an action under one) that a role can be granted.</summary>
public sealed record PermissionEntry(string Permission, string Title, IReadOnlyList<CompanyKind> Kinds, IReadOnlyList<PermissionEntry> Actions);
