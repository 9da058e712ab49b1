namespace TiLianBang.Web.Simulation;

/// <summary>Connects a set of simulated collectors and moves their elevators on, tick by tick, until cancelled.</summary>
public static class ElevatorSimulator
{
    /// <summary>Connections opened at once: a real fleet does not reconnect in one instant either.</summary>
    private const int ConnectConcurrency = 32;

    public static async Task ConnectAllAsync(IReadOnlyList<SimulatedCollector> collectors, string host, int port, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(collectors, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
            async (collector, ct) => await collector.ConnectAsync(host, port, ct));
    }

    public static async Task RunAsync(IReadOnlyList<SimulatedCollector> collectors, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SimulatedCollector.Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var collector in collectors)
                {
                    await collector.StepAsync(SimulatedCollector.Tick, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
