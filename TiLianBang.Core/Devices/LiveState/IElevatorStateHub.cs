namespace TiLianBang.Core.Devices.LiveState;

/// <summary>
/// In-process publish/subscribe of live elevator state (MON-8): pages and the API's server-sent events subscribe,
/// the device pipeline publishes. No database polling. Handlers run on the publisher's thread and must be quick
/// (a Blazor component hands the change to its own dispatcher with InvokeAsync).
/// </summary>
public interface IElevatorStateHub
{
    /// <summary>Latest snapshot of every elevator that has a bound collector and has been heard from.</summary>
    IReadOnlyCollection<ElevatorLiveState> All { get; }

    ElevatorLiveState? Find(int elevatorId);

    IDisposable Subscribe(int elevatorId, Action<ElevatorStateChanged> handler);

    IDisposable SubscribeAll(Action<ElevatorStateChanged> handler);
}
