namespace TiLianBang.Core.Demo;

/// <summary>The demo sign-ins, one per kind of company (documented in the README).</summary>
public static class DemoAccounts
{
    public const string Password = "Demo@2026";

    public const string PlatformAdmin = "admin";
    public const string MaintenanceManager = "weibao";
    public const string OtherMaintenanceManager = "weibao2";
    public const string MaintenanceWorker = "worker";
    public const string UserUnitManager = "wuye";
    public const string OtherUserUnitManager = "wuye2";
    public const string ManufacturerManager = "zhizao";
    public const string Supervisor = "jianguan";
}
