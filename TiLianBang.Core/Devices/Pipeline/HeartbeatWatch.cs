using Microsoft.Extensions.Hosting;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>Every few seconds, marks offline the collectors that have been silent for three heartbeats.</summary>
public sealed class HeartbeatWatch(DeviceMessageProcessor processor, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await processor.MarkSilentDevicesOfflineAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
