namespace TiLianBang.Web.Simulation;

/// <summary>
/// Connects a set of simulated collectors and moves their elevators on, tick by tick, until cancelled. A collector
/// that cannot connect or loses its connection (e.g. a real collector took its id over) stays quiet; the others go
/// on. It does not reconnect: taking the id back from a real device would only start a tug of war.
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

    public static async Task RunAsync(IReadOnlyList<SimulatedCollector> collectors, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SimulatedCollector.Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var collector in collectors)
                {
                    try
                    {
                        await collector.StepAsync(SimulatedCollector.Tick, cancellationToken);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        LogQuiet(logger, collector.DeviceId, e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated collector {DeviceId} could not connect: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated collector {DeviceId} lost its connection ({Reason}); it stays quiet")]
    private static partial void LogQuiet(ILogger logger, string deviceId, string reason);
}
