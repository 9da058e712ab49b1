using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices.LiveState;

namespace TiLianBang.Core.Health;

/// <summary>
/// Once a second: raises 疑似困人 for cars stuck long enough (unless the device's own 困人 is active). Once a minute and
/// at each hour's end: stores the ended hours. On shutdown: stores the hours in progress, so that a restart loses none.
/// </summary>
public sealed partial class HealthRecorder(
    HealthTrackers trackers, ElevatorStateHub hub, IServiceScopeFactory scopes, TimeProvider clock, ILogger<HealthRecorder> logger)
    : ResilientBackgroundService(clock, logger)
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan SaveEvery = TimeSpan.FromMinutes(1);

    /// <summary>Stuck cars not yet raised because the database failed: tried again on the next tick.</summary>
    private readonly List<StuckCar> _toRaise = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _savedAt;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!trackers.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(Tick, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>One tick (tests call it directly after moving the clock).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await TickAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        _toRaise.AddRange(trackers.StuckCars(now));
        if (_toRaise.Count > 0)
        {
            await RaiseAsync(cancellationToken);
        }
        if (_savedAt == default)
        {
            _savedAt = now;
        }
        if (now - _savedAt >= SaveEvery || HourAccumulator.HourOf(now) != HourAccumulator.HourOf(_savedAt))
        {
            _savedAt = now;
            await SaveAsync(trackers.TakeEndedHours(now), cancellationToken);
        }
    }

    protected override Task StoppedAsync() => trackers.Enabled ? SaveAllAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>Stores everything counted so far, the hours in progress included (shutdown; tests).</summary>
    public async Task SaveAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SaveAsync(trackers.TakeAll(), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RaiseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem(SystemName);
        var desk = scope.ServiceProvider.GetRequiredService<EntrapmentDesk>();
        foreach (var car in _toRaise.ToList())
        {
            // The device said 困人 itself: its own alarm is on the desk already.
            if (hub.Find(car.ElevatorId)?.PassengersTrapped != true
                && await desk.RaiseAsync(car, cancellationToken) is { } raised)
            {
                LogRaised(Logger, car.ElevatorId, car.DeviceId, raised.Id, car.Floor, car.Since);
            }
            _toRaise.Remove(car);
        }
    }

    private async Task SaveAsync(List<EndedHour> hours, CancellationToken cancellationToken)
    {
        if (hours.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem(SystemName);
        var store = scope.ServiceProvider.GetRequiredService<HealthHourStore>();
        var saved = 0;
        try
        {
            foreach (var part in hours.Chunk(HealthHourStore.Chunk))
            {
                await store.SaveAsync(part, cancellationToken);
                saved += part.Length;
            }
        }
        catch
        {
            // Kept for the next save: an unavailable database delays the hours, it does not lose them. Only the parts
            // not stored go back; a stored one again would count its hour twice.
            trackers.PutBack(hours.Skip(saved));
            throw;
        }
    }

    public const string SystemName = "system:health";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suspected entrapment raised for elevator {ElevatorId} (collector {DeviceId}): suspicion {Id}, landing {Floor}, stuck since {Since:O}")]
    private static partial void LogRaised(ILogger logger, int elevatorId, string deviceId, int id, int floor, DateTimeOffset since);
}
