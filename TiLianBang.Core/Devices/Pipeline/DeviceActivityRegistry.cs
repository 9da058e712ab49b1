using System.Collections.Concurrent;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>The <see cref="DeviceActivity"/> of every collector this node has heard from.</summary>
public sealed class DeviceActivityRegistry
{
    private readonly ConcurrentDictionary<string, DeviceActivity> _activities = new(StringComparer.Ordinal);

    public DeviceActivity For(string deviceId) => _activities.GetOrAdd(deviceId, static id => new DeviceActivity(id));

    public DeviceActivity? Find(string deviceId) => _activities.TryGetValue(deviceId, out var activity) ? activity : null;

    public IEnumerable<DeviceActivity> All => _activities.Values;
}
