using MudBlazor;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Web.Features.Monitoring;

/// <summary>The manual's words for live values (localizer keys) and the icons that go with them.</summary>
public static class StateLabels
{
    public static string Mode(ServiceMode mode) => mode switch
    {
        ServiceMode.OutOfService => "停止服务",
        ServiceMode.Normal => "正常",
        ServiceMode.Inspection => "检修",
        ServiceMode.FireReturn => "消防返回",
        ServiceMode.Firefighter => "消防员运行",
        ServiceMode.EmergencyPower => "应急电源",
        ServiceMode.Earthquake => "地震",
        _ => "未知",
    };

    public static string Door(DoorState door) => door switch
    {
        DoorState.Closing => "关门中",
        DoorState.Closed => "门关",
        DoorState.Opening => "开门中",
        DoorState.Open => "门开",
        DoorState.Locked => "门锁",
        DoorState.NotFullyClosed => "门未关好",
        _ => "门状态未知",
    };

    public static bool DoorIsOpen(DoorState door) => door is DoorState.Open or DoorState.Opening or DoorState.NotFullyClosed;

    public static string Running(ElevatorLiveState state) => state.Running ? "运行" : "停止";

    public static string DirectionIcon(CarDirection direction) => direction switch
    {
        CarDirection.Up => Icons.Material.Filled.ArrowUpward,
        CarDirection.Down => Icons.Material.Filled.ArrowDownward,
        _ => Icons.Material.Filled.Remove,
    };
}
