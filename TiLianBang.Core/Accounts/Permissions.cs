namespace TiLianBang.Core.Accounts;

/// <summary>
/// Every menu and action a role can be granted. Permission strings are stored in roles, so a value never
/// changes meaning once released; new ones are added.
/// </summary>
public static class Permissions
{
    // 电梯监控
    public const string MonitorArea = "monitor.area";
    public const string MonitorMap = "monitor.map";
    public const string MonitorQuery = "monitor.query";
    public const string MonitorRemoteCall = "monitor.call";
    public const string MonitorRescue = "monitor.rescue";

    // 急修管理
    public const string RepairTasks = "repair.tasks";
    public const string RepairAlarm = "repair.alarm";
    public const string RepairHandle = "repair.handle";
    public const string RepairManualEntry = "repair.manual";
    public const string RepairReview = "repair.review";

    // 维保工作管理
    public const string MaintenancePlanReview = "maintenance.review";
    public const string MaintenancePlanEntry = "maintenance.plan";
    public const string MaintenanceQuery = "maintenance.query";
    public const string MaintenanceItems = "maintenance.items";
    public const string MaintenanceGroups = "maintenance.groups";
    /// <summary>保养作业 (mini-program): sign in, tick items, submit the visits assigned to oneself.</summary>
    public const string MaintenanceWork = "maintenance.work";

    // 统计分析
    public const string StatisticsElevators = "statistics.elevators";
    public const string StatisticsFaults = "statistics.faults";
    public const string StatisticsMaintenance = "statistics.maintenance";
    public const string StatisticsScreen = "statistics.screen";
    public const string StatisticsAnalysis = "statistics.analysis";

    // 基础数据管理
    public const string ArchiveElevatorsView = "archive.elevators.view";
    public const string ArchiveElevatorsEdit = "archive.elevators.edit";
    public const string ArchiveManufacturers = "archive.manufacturers";
    public const string ArchiveUserUnits = "archive.userunits";
    public const string ArchiveSupervisors = "archive.supervisors";
    public const string ArchiveMaintenanceCompanies = "archive.maintenancecompanies";
    public const string ArchiveInspectionAgencies = "archive.inspectionagencies";
    public const string ArchiveCommunities = "archive.communities";
    public const string ArchiveFaultAttributes = "archive.faultattributes";

    // 系统管理
    public const string SystemConfiguration = "system.config";
    public const string SystemFaultCodes = "system.faultcodes";
    public const string SystemIoNames = "system.io";
    public const string SystemParameters = "system.parameters";
    public const string SystemAccounts = "system.accounts";
    public const string SystemRoles = "system.roles";
    public const string SystemLogs = "system.logs";
    /// <summary>工作规范: the company's own documents for its workers (read by everyone in the mini-program).</summary>
    public const string SystemSpecifications = "system.specifications";

    // 设备调试 (mini-program)
    public const string DeviceDebug = "devices.debug";

    public static readonly IReadOnlyList<string> All =
    [
        MonitorArea, MonitorMap, MonitorQuery, MonitorRemoteCall, MonitorRescue,
        RepairTasks, RepairAlarm, RepairHandle, RepairManualEntry, RepairReview,
        MaintenancePlanReview, MaintenancePlanEntry, MaintenanceQuery, MaintenanceItems, MaintenanceGroups, MaintenanceWork,
        StatisticsElevators, StatisticsFaults, StatisticsMaintenance, StatisticsScreen, StatisticsAnalysis,
        ArchiveElevatorsView, ArchiveElevatorsEdit, ArchiveManufacturers, ArchiveUserUnits, ArchiveSupervisors,
        ArchiveMaintenanceCompanies, ArchiveInspectionAgencies, ArchiveCommunities, ArchiveFaultAttributes,
        SystemConfiguration, SystemFaultCodes, SystemIoNames, SystemParameters, SystemAccounts, SystemRoles, SystemLogs, SystemSpecifications,
        DeviceDebug,
    ];

    public static bool IsKnown(string permission) => All.Contains(permission);
}
