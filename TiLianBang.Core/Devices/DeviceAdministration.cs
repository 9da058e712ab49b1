using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices;

/// <summary>
/// Registering collectors, finding them by id or IMEI, and binding them to elevators (DEV-5). A company works
/// only with its own collectors and the elevators in its scope. Records already written stay with the elevator
/// they were recorded for; only new messages follow the new binding.
/// </summary>
public sealed class DeviceAdministration(
    TiLianBangDbContext db,
    DeviceDirectory directory,
    DeviceActivityRegistry activities,
    ElevatorStateHub hub,
    CurrentActor actor,
    TimeProvider clock)
{
    public async Task<RegisteredDevice> RegisterAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!DeviceTopic.IsValidDeviceId(deviceId))
        {
            throw new ValidationException(new Dictionary<string, string> { ["DeviceId"] = "设备编号须为 4–64 位字母、数字、下划线或连字符。" });
        }
        var company = actor.CompanyId ?? throw new DomainException("device.no_company", "只有单位账号可以登记采集器。", DomainErrorKind.Forbidden);
        if (await db.Devices.IgnoreQueryFilters().AnyAsync(d => d.DeviceId == deviceId, cancellationToken))
        {
            throw new DomainException("device.exists", $"采集器 {deviceId} 已登记。", DomainErrorKind.Conflict);
        }
        var secret = DeviceSecret.NewSecret();
        db.Devices.Add(new Device { DeviceId = deviceId, SecretHash = DeviceSecret.Hash(secret), CompanyId = company });
        await db.SaveChangesAsync(cancellationToken);
        await directory.RefreshAsync(deviceId, cancellationToken);
        return new RegisteredDevice(deviceId, secret);
    }

    /// <summary>
    /// A new random secret for a collector of the actor's company, shown this once: for a lost secret, and for a
    /// collector whose stored hash is of the old format an external Mosquitto cannot read. The old secret stops
    /// working at once (its open connection stays until it reconnects).
    /// </summary>
    public async Task<RegisteredDevice> ResetSecretAsync(string deviceId, CancellationToken cancellationToken)
    {
        var device = await db.Devices.SingleOrDefaultAsync(d => d.DeviceId == deviceId, cancellationToken) ?? throw NotFound(deviceId);
        var secret = DeviceSecret.NewSecret();
        device.SecretHash = DeviceSecret.Hash(secret);
        await db.SaveChangesAsync(cancellationToken);
        await directory.RefreshAsync(deviceId, cancellationToken);
        return new RegisteredDevice(deviceId, secret);
    }

    /// <summary>By device id, or by the IMEI the collector reported in its <c>info</c>.</summary>
    public async Task<DeviceStatus> FindAsync(string idOrImei, CancellationToken cancellationToken)
    {
        var key = idOrImei.Trim();
        var deviceId = activities.All.FirstOrDefault(a => a.Imei == key)?.DeviceId ?? key;
        var device = await db.Devices.AsNoTracking()
            .Where(d => d.DeviceId == deviceId)
            .Select(d => new { d.DeviceId, d.ElevatorId, d.Channel, Number = d.Elevator == null ? null : d.Elevator.Number, Name = d.Elevator == null ? null : d.Elevator.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(idOrImei);
        var activity = activities.Find(device.DeviceId);
        return new DeviceStatus(
            device.DeviceId, activity?.Imei, activity?.Firmware, device.ElevatorId, device.Number, device.Name, device.Channel,
            activity?.Online ?? false, activity?.Connected ?? false, activity?.ListensForCommands ?? false,
            Environment.MachineName, activity?.RemoteEndpoint, activity?.LastSeen,
            activity?.Accepted ?? 0, activity?.Rejected ?? 0, activity?.Refused ?? 0,
            activity?.Superseded ?? 0, activity?.OverBudgetDropped ?? 0, activity?.OverBudgetDelayed ?? 0, activity?.LatestMessages ?? []);
    }

    /// <summary>The collectors bound to an elevator the actor can see, with their traffic and latest raw messages.</summary>
    public async Task<IReadOnlyList<DeviceStatus>> ForElevatorAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var ids = await db.Devices.AsNoTracking()
            .Where(d => d.ElevatorId == elevatorId)
            .OrderBy(d => d.Channel)
            .Select(d => d.DeviceId)
            .ToListAsync(cancellationToken);
        var statuses = new List<DeviceStatus>(ids.Count);
        foreach (var id in ids)
        {
            statuses.Add(await FindAsync(id, cancellationToken));
        }
        return statuses;
    }

    /// <summary>
    /// Binds the collector to the elevator on a channel. A collector already on that elevator (a replaced one) is
    /// unbound; so is this collector's previous elevator.
    /// </summary>
    public async Task BindAsync(string deviceId, int elevatorId, int channel, CancellationToken cancellationToken)
    {
        if (channel is < 1 or > 16)
        {
            throw new ValidationException(new Dictionary<string, string> { ["channel"] = "通道号应在 1 到 16 之间。" });
        }
        var device = await db.Devices.SingleOrDefaultAsync(d => d.DeviceId == deviceId, cancellationToken) ?? throw NotFound(deviceId);
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        var displaced = await db.Devices.IgnoreQueryFilters()
            .Where(d => d.ElevatorId == elevatorId && d.Id != device.Id)
            .ToListAsync(cancellationToken);
        foreach (var other in displaced)
        {
            other.ElevatorId = null;
        }
        var previousElevator = device.ElevatorId;
        device.ElevatorId = elevatorId;
        device.Channel = channel;
        await db.SaveChangesAsync(cancellationToken);

        foreach (var other in displaced)
        {
            await directory.RefreshAsync(other.DeviceId, cancellationToken);
        }
        await directory.RefreshAsync(deviceId, cancellationToken);
        if (previousElevator is { } old && old != elevatorId)
        {
            MarkUnwatched(old, deviceId);
        }
    }

    public async Task UnbindAsync(string deviceId, CancellationToken cancellationToken)
    {
        var device = await db.Devices.SingleOrDefaultAsync(d => d.DeviceId == deviceId, cancellationToken) ?? throw NotFound(deviceId);
        if (device.ElevatorId is not { } elevatorId)
        {
            return;
        }
        device.ElevatorId = null;
        await db.SaveChangesAsync(cancellationToken);
        await directory.RefreshAsync(deviceId, cancellationToken);
        MarkUnwatched(elevatorId, deviceId);
    }

    /// <summary>An elevator whose collector left shows offline rather than its last state forever.</summary>
    private void MarkUnwatched(int elevatorId, string deviceId)
    {
        if (hub.Find(elevatorId) is { DeviceId: var current } && current == deviceId)
        {
            var now = clock.GetUtcNow();
            hub.Update(elevatorId, deviceId, s => s with { Online = false, OfflineSince = now });
        }
    }

    private static DomainException NotFound(string idOrImei) =>
        new("device.not_found", $"未找到采集器 {idOrImei}，或它不属于本单位。", DomainErrorKind.NotFound);
}
