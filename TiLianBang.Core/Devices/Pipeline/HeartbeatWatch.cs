using Microsoft.Extensions.Logging;
using TiLianBang.Core.Common;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>Every few seconds, marks offline the collectors that have been silent for three heartbeats.</summary>
public sealed class HeartbeatWatch(DeviceMessageProcessor processor, TimeProvider clock, ILogger<HeartbeatWatch> logger)
    : ResilientBackgroundService(clock, logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await processor.MarkSilentDevicesOfflineAsync(stoppingToken);
        }
    }
}
