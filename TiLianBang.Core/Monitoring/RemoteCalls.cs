using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Commands;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// 呼梯 (MON-4) for the web page and the API: a landing chosen by index or by its label, sent as the protocol's
/// <c>call</c> through the command service (scope check, argument check, operation log).
/// </summary>
public sealed class RemoteCalls(TiLianBangDbContext db, DeviceCommandService commands)
{
    public async Task<RemoteCallOutcome> CallAsync(int elevatorId, string? kind, int? floor, string? floorLabel, CancellationToken cancellationToken)
    {
        var elevator = await db.Elevators.AsNoTracking()
            .Where(e => e.Id == elevatorId)
            .Select(e => new { e.Floors, e.FloorLabels })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        var map = new Elevators.FloorMap(elevator.FloorLabels);
        var landing = Landing(map, elevator.Floors, floor, floorLabel);
        var result = await commands.SendToElevatorAsync(elevatorId, DeviceOperation.Call, new { floor = landing, kind }, cancellationToken);
        return new RemoteCallOutcome(result, landing, map.Label(landing));
    }

    private static int Landing(Elevators.FloorMap map, int landings, int? floor, string? floorLabel)
    {
        var errors = new Dictionary<string, string>();
        int? landing = null;
        if (floorLabel is { Length: > Elevators.ElevatorService.MaxFloorLabelLength })
        {
            errors["floorLabel"] = $"楼层名称最多 {Elevators.ElevatorService.MaxFloorLabelLength} 个字符。";
        }
        else if (!string.IsNullOrWhiteSpace(floorLabel))
        {
            landing = map.LandingOf(floorLabel, landings);
            if (landing is null)
            {
                errors["floorLabel"] = $"该电梯没有名为“{floorLabel.Trim()}”的楼层。";
            }
            else if (floor is { } index && index != landing)
            {
                errors["floor"] = "楼层序号与楼层名称不一致。";
            }
        }
        else if (floor is null)
        {
            errors["floor"] = "请选择要呼叫的楼层。";
        }
        else if (floor is < 1 || floor > landings)
        {
            errors["floor"] = $"楼层序号须为 1–{landings}。";
        }
        else
        {
            landing = floor;
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        return landing!.Value;
    }
}

/// <summary>What the collector made of a call, with the landing it was for.</summary>
public sealed record RemoteCallOutcome(CommandResult Result, int Floor, string FloorLabel);
