using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Monitoring;

/// <summary>Why a command brought nothing back, as a stable code and a text for people (null when it succeeded).</summary>
public static class CommandRefusal
{
    public static (string Code, LocalizedText Message)? Of(CommandResult result) => result.Status switch
    {
        CommandStatus.Succeeded => null,
        CommandStatus.Offline => ("device.offline", LocalizedText.Of("采集器离线，指令未发送。")),
        CommandStatus.TimedOut => ("device.timeout", LocalizedText.Of("采集器未在规定时间内应答。")),
        _ => ("device.refused", $"采集器拒绝了指令：{result.Error ?? ""}"),
    };
}
