namespace TiLianBang.Core.Auditing;

/// <summary>
/// The names background work acts under (<see cref="Accounts.CurrentActor.SetSystem"/>) and what people call them
/// (localizer keys). A name not listed still reads as "系统：…" rather than as an internal identifier.
/// </summary>
public static class SystemActors
{
    public const string Prefix = "system:";
    public const string PublicPrefix = "public:";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["system:device-records"] = "设备上报",
        ["system:devices"] = "系统：设备接入",
        ["system:escalation"] = "系统：5级上报",
        ["system:outbox"] = "系统：消息发送",
        ["system:maintenance-generation"] = "系统：保养工单生成",
        ["system:expiry-warnings"] = "系统：到期预警",
        ["system:fault-codes"] = "系统：故障代码表",
        ["system:reference-data"] = "系统：基础数据",
        ["system:setup"] = "系统：初始化",
        ["system:migrate"] = "系统：数据库升级",
        ["system:demo-seed"] = "系统：演示数据",
        ["system:demo-simulator"] = "系统：演示模拟",
        ["public:qr"] = "扫码访客",
    };

    public static bool IsSystem(string? name) =>
        name is not null && (name.StartsWith(Prefix, StringComparison.Ordinal) || name.StartsWith(PublicPrefix, StringComparison.Ordinal));

    /// <summary>The localizer key for a system name, or null when <paramref name="name"/> is not one.</summary>
    public static string? KeyOf(string? name) =>
        !IsSystem(name) ? null : Names.GetValueOrDefault(name!) ?? "系统";
}
