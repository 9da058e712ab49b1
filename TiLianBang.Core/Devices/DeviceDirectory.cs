using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Devices;

/// <summary>
/// Every collector with its secret hash and binding, in memory: CONNECT and the message hot path never touch
/// the database. Loaded at start-up; reloaded for one device whenever its record or its elevator changes.
/// </summary>
public sealed class DeviceDirectory(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);

    public int Count => _devices.Count;

    public DeviceEntry? Find(string deviceId) => _devices.TryGetValue(deviceId, out var entry) ? entry : null;

    public DeviceEntry? FindByElevator(int elevatorId) => _devices.Values.FirstOrDefault(d => d.ElevatorId == elevatorId);

    public DeviceAuthentication Authenticate(string? clientId, string? userName, string? secret)
    {
        if (!DeviceTopic.IsValidDeviceId(userName) || clientId != userName)
        {
            return DeviceAuthentication.BadIdentity;
        }
        if (Find(userName!) is not { } entry)
        {
            return DeviceAuthentication.UnknownDevice;
        }
        return secret is not null && DeviceSecret.Verify(entry.SecretHash, secret)
            ? DeviceAuthentication.Accepted
            : DeviceAuthentication.WrongSecret;
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var entries = await QueryAsync(null, cancellationToken);
        _devices.Clear();
        foreach (var entry in entries)
        {
            _devices[entry.DeviceId] = entry;
        }
    }

    public async Task RefreshAsync(string deviceId, CancellationToken cancellationToken)
    {
        var entries = await QueryAsync(deviceId, cancellationToken);
        if (entries.Count == 0)
        {
            _devices.TryRemove(deviceId, out _);
        }
        else
        {
            _devices[deviceId] = entries[0];
        }
    }

    private async Task<List<DeviceEntry>> QueryAsync(string? deviceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:devices");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var devices = db.Devices.AsNoTracking();
        if (deviceId is not null)
        {
            devices = devices.Where(d => d.DeviceId == deviceId);
        }
        var rows = await devices
            .Select(d => new { d.Id, d.DeviceId, d.SecretHash, d.CompanyId, d.ElevatorId, d.Channel, Labels = d.Elevator == null ? null : d.Elevator.FloorLabels })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DeviceEntry(r.Id, r.DeviceId, r.SecretHash, r.CompanyId, r.ElevatorId, r.Channel, new FloorMap(r.Labels))).ToList();
    }
}
