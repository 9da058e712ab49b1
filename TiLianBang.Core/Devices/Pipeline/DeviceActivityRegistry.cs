using System.Collections.Concurrent;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>The <see cref="DeviceActivity"/> of every collector this node has heard from.</summary>
public sealed class DeviceActivityRegistry
{
    private readonly ConcurrentDictionary<string, DeviceActivity> _activities = new(StringComparer.Ordinal);

    public DeviceActivity For(string deviceId) => _activities.GetOrAdd(deviceId, static id => new DeviceActivity(id));

    public DeviceActivity? Find(string deviceId) => _activities.TryGetValue(deviceId, out var activity) ? activity : null;

    public IEnumerable<DeviceActivity> All => _activities.Values;

    /// <summary>The device's messages as the pipeline takes or rejects them (device debugging, DEV-5); see <see cref="DeviceActivity.Watch"/>.</summary>
    public IDisposable Watch(string deviceId, Action<RawMessage> handler, out IReadOnlyList<RawMessage> recent) =>
        For(deviceId).Watch(handler, out recent);
}
