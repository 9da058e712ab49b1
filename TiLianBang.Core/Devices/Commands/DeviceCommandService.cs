using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Commands;

/// <summary>
/// Sends a command to an elevator's collector and waits for the matching reply or the timeout. Only elevators
/// in the actor's scope can be commanded, and every command goes to the operation log with who asked.
/// </summary>
public sealed class DeviceCommandService(
    TiLianBangDbContext db,
    DeviceDirectory directory,
    DeviceActivityRegistry activities,
    PendingCommands pending,
    IDeviceCommandTransport transport,
    CurrentActor actor,
    IOptions<DeviceCommandOptions> options,
    TimeProvider clock)
{
    public async Task<CommandResult> SendToElevatorAsync(int elevatorId, string operation, object? args, CancellationToken cancellationToken)
    {
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        var device = directory.FindByElevator(elevatorId)
            ?? throw new DomainException("device.not_bound", "该电梯未绑定采集器。", DomainErrorKind.Conflict);
        return await SendAsync(device, operation, args, cancellationToken);
    }

    private async Task<CommandResult> SendAsync(DeviceEntry device, string operation, object? args, CancellationToken cancellationToken)
    {
        if (!DeviceOperation.All.Contains(operation))
        {
            throw new DomainException("command.unknown_op", $"不支持的指令：{operation}");
        }
        var arguments = CommandArguments.Validate(operation, args);
        var commandId = "c-" + Guid.NewGuid().ToString("N")[..16];
        CommandResult result;
        if (activities.Find(device.DeviceId) is not { Online: true })
        {
            result = new CommandResult(commandId, CommandStatus.Offline, null, "设备离线");
        }
        else
        {
            var reply = pending.Register(commandId, device.DeviceId);
            try
            {
                var payload = JsonSerializer.SerializeToUtf8Bytes(new { id = commandId, op = operation, args = arguments });
                await transport.PublishAsync(DeviceTopic.For(device.DeviceId, TopicKind.Command), payload, cancellationToken);
                var answer = await reply.WaitAsync(options.Value.ReplyTimeout, clock, cancellationToken);
                result = new CommandResult(commandId, answer.Ok ? CommandStatus.Succeeded : CommandStatus.Failed, answer.DataJson, answer.Error);
                if (answer.Ok && operation == DeviceOperation.SetHeartbeat && CommandArguments.HeartbeatSeconds(arguments) is { } seconds)
                {
                    // The offline watch must wait three of the new heartbeats, not the old ones.
                    activities.For(device.DeviceId).HeartbeatSeconds = seconds;
                }
            }
            catch (TimeoutException)
            {
                result = new CommandResult(commandId, CommandStatus.TimedOut, null, "设备未在规定时间内应答");
            }
            finally
            {
                pending.Forget(commandId);
            }
        }
        db.OperationLogs.Add(new OperationLog
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            AccountId = actor.AccountId,
            UserName = actor.UserName,
            CompanyId = actor.CompanyId,
            IpAddress = actor.IpAddress,
            Action = OperationAction.DeviceCommand,
            Target = device.ElevatorId is { } id ? $"Elevator#{id}" : $"Device#{device.Id}",
            Summary = $"{operation} → {result.Status} ({device.DeviceId}, {commandId})",
        });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
