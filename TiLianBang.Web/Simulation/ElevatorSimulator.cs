namespace TiLianBang.Web.Simulation;

/// <summary>
/// Connects a set of simulated collectors and moves their elevators on, tick by tick, until cancelled. A collector
/// that cannot connect or loses its connection stays quiet while the others go on; given a
/// <see cref="CollectorReconnect"/> it comes back once its id is free again (the demo, against our own broker).
/// </summary>
public static partial class ElevatorSimulator
{
    /// <summary>Connections opened at once: a real fleet does not reconnect in one instant either.</summary>
    private const int ConnectConcurrency = 32;

    /// <summary>Connects every collector it can; returns how many are connected.</summary>
    public static async Task<int> ConnectAllAsync(
        IReadOnlyList<SimulatedCollector> collectors, string host, int port, ILogger logger, CancellationToken cancellationToken)
    {
        var connected = 0;
        await Parallel.ForEachAsync(collectors, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
            async (collector, ct) =>
            {
                try
                {
                    await collector.ConnectAsync(host, port, ct);
                    Interlocked.Increment(ref connected);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogConnectFailed(logger, collector.DeviceId, e.Message);
                }
            });
        return connected;
    }

    public static async Task RunAsync(
        IReadOnlyList<SimulatedCollector> collectors, TimeProvider clock, ILogger logger, CancellationToken cancellationToken, CollectorReconnect? reconnect = null)
    {
        using var timer = new PeriodicTimer(SimulatedCollector.Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync(collectors, reconnect, logger, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One tick: connected collectors move on and publish; the others try to come back when allowed.</summary>
    public static async Task TickAsync(IReadOnlyList<SimulatedCollector> collectors, CollectorReconnect? reconnect, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var collector in collectors)
        {
            try
            {
                if (collector.IsConnected)
                {
                    await collector.StepAsync(SimulatedCollector.Tick, cancellationToken);
                }
                else if (reconnect is not null && collector.CanReconnect && await reconnect.TryAsync(collector, cancellationToken))
                {
                    LogReconnected(logger, collector.DeviceId);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogLost(logger, collector.DeviceId, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated collector {DeviceId} could not connect: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated collector {DeviceId} has no connection ({Reason})")]
    private static partial void LogLost(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated collector {DeviceId} is connected again")]
    private static partial void LogReconnected(ILogger logger, string deviceId);
}
