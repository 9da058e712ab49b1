using System.Collections.Concurrent;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// The last 读取参数 result per elevator, kept in memory: values are the controller's, asked for on demand, so after a
/// restart reading again is the honest answer rather than showing stale values from the database.
/// </summary>
public sealed class LastParameterReadings
{
    private readonly ConcurrentDictionary<int, ParameterReading> _readings = new();

    public ParameterReading? Find(int elevatorId) => _readings.TryGetValue(elevatorId, out var reading) ? reading : null;

    public void Remember(int elevatorId, ParameterReading reading) => _readings[elevatorId] = reading;
}
