using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.LiveState;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>Waits for the live-state notification a page would get (subscribe first, then act).</summary>
public static class LiveStateWaiter
{
    /// <summary>A guard against a hung test, not a sleep: the wait ends as soon as the change arrives.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    public static Task<ElevatorLiveState> WaitForAsync(this TiLianBangAppFactory app, int elevatorId, Func<ElevatorLiveState, bool> condition)
    {
        var hub = app.Services.GetRequiredService<IElevatorStateHub>();
        var done = new TaskCompletionSource<ElevatorLiveState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = hub.Subscribe(elevatorId, change =>
        {
            if (condition(change.State))
            {
                done.TrySetResult(change.State);
            }
        });
        if (hub.Find(elevatorId) is { } current && condition(current))
        {
            done.TrySetResult(current);
        }
        return done.Task.WaitAsync(Guard).ContinueWith(t =>
        {
            subscription.Dispose();
            return t;
        }, TaskScheduler.Default).Unwrap();
    }
}
