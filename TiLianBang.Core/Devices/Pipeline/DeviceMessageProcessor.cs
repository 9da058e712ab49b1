using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Devices.Cluster;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Health;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>
/// The message hot path: validates each device message against the protocol, applies a good one to the live
/// state (which notifies subscribers) and hands what must last to the record writer. A bad message is rejected
/// whole, counted and logged, and changes nothing. No database access here.
/// Under overload: each collector has a message budget (excess QoS 0 is dropped and counted, excess QoS 1 waits, which
/// holds up that connection's reading only), and QoS 0 states are coalesced per collector: the socket is read on at
/// once, and only the newest state reaches the live view when they come faster than they are applied. Trip
/// boundaries are recorded as they arrive, before coalescing, so the state history loses none.
/// </summary>
public sealed partial class DeviceMessageProcessor(
    DeviceDirectory directory,
    DeviceActivityRegistry activities,
    ElevatorStateHub hub,
    DeviceRecordBuffer records,
    PendingCommands commands,
    FaultCodeCatalog faultCodes,
    DeviceCluster cluster,
    HealthTrackers health,
    TimeProvider clock,
    IOptions<DeviceBudgetOptions> budgetOptions,
    ILogger<DeviceMessageProcessor> logger)
{
    private readonly DeviceBudgetOptions _budget = budgetOptions.Value;

    private readonly string _droppedNote = $"over budget ({budgetOptions.Value.MessagesPerSecond:0.#}/s after a burst of {budgetOptions.Value.Burst}): dropped";
    private readonly string _delayedNote = $"over budget ({budgetOptions.Value.MessagesPerSecond:0.#}/s after a burst of {budgetOptions.Value.Burst}): delayed, taken when the budget allows";

    /// <summary>
    /// Applies one device message. With <paramref name="durable"/> (QoS 1) the outcome's <see cref="MessageOutcome.Stored"/>
    /// completes once what the message recorded is committed: the acknowledgement waits for it. Never throws for
    /// anything a device sends. <paramref name="ownConnection"/>: the message came on the device's own connection, so
    /// an over-budget QoS 1 message may wait (it holds up only that device); a shared subscription (External mode)
    /// must not wait for one device.
    /// </summary>
    public async ValueTask<MessageOutcome> ProcessAsync(
        string deviceId, TopicKind kind, ReadOnlyMemory<byte> payload, bool durable, CancellationToken cancellationToken,
        bool ownConnection = true)
    {
        var now = clock.GetUtcNow();
        var activity = activities.For(deviceId);
        var device = directory.Find(deviceId);
        if (device is not null && !activity.TryTakeMessage(now, _budget, out var wait))
        {
            if (!durable)
            {
                activity.CountShed();
                activity.Remember(now, kind, payload.Span, _droppedNote);
                LogOverBudget(activity, kind, now, "dropped");
                return MessageOutcome.OverBudget;
            }
            if (ownConnection)
            {
                activity.CountDelayed();
                activity.Remember(now, kind, payload.Span, _delayedNote);
                LogOverBudget(activity, kind, now, "delayed");
            }
            while (ownConnection)
            {
                // Not read on until the budget allows: TCP holds the rest of this collector's messages, no one else's.
                await Task.Delay(wait, clock, cancellationToken);
                now = clock.GetUtcNow();
                if (activity.TryTakeMessage(now, _budget, out wait))
                {
                    break;
                }
            }
        }
        MessageOutcome outcome;
        try
        {
            outcome = device is null
                ? MessageOutcome.Reject("unknown device")
                : await ApplyAsync(device, activity, kind, payload, durable, ownConnection, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect of ours must not cost the device its connection, nor loop its redelivery.
            LogFailed(logger, e, deviceId, kind);
            outcome = MessageOutcome.Fail("the platform could not process this message");
        }

        activity.Remember(now, kind, payload.Span, outcome.Rejection);
        if (!outcome.Accepted)
        {
            activity.CountRejected();
            if (activity.RejectionLog.TryEnter(now, out var held))
            {
                LogRejected(logger, deviceId, kind, outcome.Rejection!, held);
            }
            return outcome;
        }
        activity.CountAccepted();
        return outcome;
    }

    /// <summary>The collector's connection was accepted.</summary>
    public async ValueTask ConnectedAsync(string deviceId, string? remoteEndpoint, CancellationToken cancellationToken)
    {
        var activity = activities.For(deviceId);
        activity.Connected = true;
        // Trip boundaries of the new connection are found against the live state (another node may have had it).
        activity.SwapTrip(null);
        if (directory.Find(deviceId)?.ElevatorId is { } elevatorId)
        {
            health.Restart(elevatorId);
        }
        activity.RemoteEndpoint = remoteEndpoint;
        activity.ConnectedAt = clock.GetUtcNow();
        activity.LastSeen = activity.ConnectedAt;
        await records.EnqueueAsync(new CollectorFacts(deviceId, activity.ConnectedAt.Value.UtcDateTime)
        {
            Connected = true,
            RemoteEndpoint = remoteEndpoint,
            ServerNode = Environment.MachineName,
        }, cancellationToken);
        await SetOnlineAsync(deviceId, activity, true, ConnectionReason.Connected, durable: false, cancellationToken);
    }

    public async ValueTask DisconnectedAsync(string deviceId, ConnectionReason reason, CancellationToken cancellationToken)
    {
        var activity = activities.For(deviceId);
        activity.Connected = false;
        activity.SetListening(false);
        await records.EnqueueAsync(new CollectorFacts(deviceId, clock.GetUtcNow().UtcDateTime) { Connected = false }, cancellationToken);
        await SetOnlineAsync(deviceId, activity, false, reason, durable: false, cancellationToken);
    }

    /// <summary>The broker granted a subscription; only the device's own command topic gets this far.</summary>
    public void SubscribedToCommands(string deviceId, string topic)
    {
        if (topic == DeviceTopic.For(deviceId, TopicKind.Command))
        {
            activities.For(deviceId).SetListening(true);
        }
    }

    /// <summary>A publish or subscription outside the device's own topics was refused.</summary>
    public void Refused(string deviceId, string what)
    {
        var activity = activities.For(deviceId);
        activity.CountRefused();
        activity.Remember(clock.GetUtcNow(), what, "refused: not its own topic");
        if (activity.RefusalLog.TryEnter(clock.GetUtcNow(), out var held))
        {
            LogRefused(logger, deviceId, what, held);
        }
    }

    /// <summary>Marks offline every collector silent for three heartbeats (PROTOCOL.md).</summary>
    public async Task MarkSilentDevicesOfflineAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var activity in activities.All)
        {
            if (activity.Online && activity.LastSeen is { } seen && now - seen > TimeSpan.FromSeconds(3 * activity.HeartbeatSeconds)
                && cluster.Decides(activity.DeviceId))
            {
                await SetOnlineAsync(activity.DeviceId, activity, false, ConnectionReason.HeartbeatTimeout, durable: false, cancellationToken);
            }
        }
    }

    private async ValueTask<MessageOutcome> ApplyAsync(
        DeviceEntry device, DeviceActivity activity, TopicKind kind, ReadOnlyMemory<byte> payload, bool durable, bool ownConnection,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A shared subscription (External mode) may hand one device's states to several nodes in turn: there each
        // state is applied at once and its trip boundary found against the live state, which the nodes share.
        var coalesce = !durable && ownConnection;
        if (kind is TopicKind.Event or TopicKind.Stats or TopicKind.Online && !activity.TryTakeRecord(now, _budget))
        {
            // Not taken now rather than refused: a QoS 1 message goes unacknowledged and comes again later.
            return MessageOutcome.Fail(
                $"too many records: at most {_budget.RecordsPerSecond} a second after a burst of {_budget.RecordBurst}; send again later");
        }
        MessageOutcome outcome;
        switch (kind)
        {
            case TopicKind.State:
                var state = ProtocolParser.State(payload.Span);
                outcome = !state.IsValid ? MessageOutcome.Reject(state.Error!)
                    : !coalesce ? await ApplyStateAsync(device, activity, state.Value!, durable, ownConnection, now, cancellationToken)
                    : await OfferStateAsync(device, activity, state.Value!, now, cancellationToken);
                break;
            case TopicKind.Event:
                var report = ProtocolParser.Event(payload.Span);
                outcome = report.IsValid ? await ApplyEventAsync(device, activity, report.Value!, durable, now, cancellationToken) : MessageOutcome.Reject(report.Error!);
                break;
            case TopicKind.Io:
                var io = ProtocolParser.Io(payload.Span);
                outcome = io.IsValid ? ApplyIo(device, io.Value!, now) : MessageOutcome.Reject(io.Error!);
                break;
            case TopicKind.Stats:
                var stats = ProtocolParser.Stats(payload.Span);
                outcome = stats.IsValid ? await ApplyStatsAsync(device, stats.Value!, durable, now, cancellationToken) : MessageOutcome.Reject(stats.Error!);
                break;
            case TopicKind.Info:
                var info = ProtocolParser.Info(payload.Span);
                outcome = info.IsValid ? await ApplyInfoAsync(device, activity, info.Value!, durable, now, cancellationToken) : MessageOutcome.Reject(info.Error!);
                break;
            case TopicKind.Reply:
                var reply = ProtocolParser.Reply(payload.Span);
                if (reply.IsValid && !commands.Complete(device.DeviceId, reply.Value!))
                {
                    // With several nodes the command may have been sent by another one, which waits for this.
                    cluster.ReplyElsewhere(device.DeviceId, reply.Value!);
                }
                outcome = reply.IsValid ? MessageOutcome.Ok : MessageOutcome.Reject(reply.Error!);
                break;
            case TopicKind.Online:
                if (ProtocolParser.Online(payload.Span) is not { } online)
                {
                    return MessageOutcome.Reject("online payload must be 1 or 0");
                }
                activity.LastSeen = now;
                var change = await SetOnlineAsync(device.DeviceId, activity, online, online ? ConnectionReason.MessageReceived : ConnectionReason.LastWill, durable, cancellationToken);
                return MessageOutcome.Ok with { Stored = change };
            default:
                return MessageOutcome.Reject($"devices do not publish to {kind}");
        }
        if (outcome.Accepted)
        {
            var coalesced = kind == TopicKind.State && coalesce;
            // Any good message proves the collector is alive.
            activity.LastSeen = now;
            if (!activity.Online)
            {
                await SetOnlineAsync(device.DeviceId, activity, true, ConnectionReason.MessageReceived, durable: false, cancellationToken);
            }
            else
            {
                // A coalesced state sets LastSeen when it is applied; one notification per message would undo coalescing.
                if (!coalesced && device.ElevatorId is { } elevatorId)
                {
                    hub.Update(elevatorId, device.DeviceId, s => s.LastSeen == now ? s : s with { LastSeen = now });
                }
                if (cluster.Enabled && now - activity.SeenToldAt >= SeenNoticeInterval(activity))
                {
                    TellPeers(activity, true, ConnectionReason.MessageReceived, now);
                }
            }
        }
        return outcome;
    }

    /// <summary>A QoS 1 state (or any from a shared subscription): applied at once, its trip-boundary row acknowledged once stored.</summary>
    private async ValueTask<MessageOutcome> ApplyStateAsync(
        DeviceEntry device, DeviceActivity activity, StateReport report, bool durable, bool ownConnection, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (device.ElevatorId is not { } elevatorId)
        {
            return MessageOutcome.Ok;
        }
        if (!ownConnection)
        {
            activity.SwapTrip(null);
        }
        health.Observe(elevatorId, device.DeviceId, report, now);
        var boundary = TripBoundary(device, elevatorId, activity, report, now);
        // An older QoS 0 state still waiting must not overwrite this newer one.
        activity.DiscardPendingState();
        ApplyLiveState(new PendingState(device, elevatorId, report, now));
        // The live view first: a full record queue makes this connection wait, not what the office sees.
        var stored = boundary is null ? null : await EnqueueAsync(boundary, durable, cancellationToken);
        return MessageOutcome.Ok with { Stored = stored };
    }

    /// <summary>
    /// A QoS 0 state: its trip boundary is recorded now, in arrival order; the live view gets it as soon as an applier
    /// is free, or a newer state of the same collector in its place.
    /// </summary>
    private async ValueTask<MessageOutcome> OfferStateAsync(
        DeviceEntry device, DeviceActivity activity, StateReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (device.ElevatorId is not { } elevatorId)
        {
            return MessageOutcome.Ok;
        }
        // The boundary is decided before the live state can change (it compares with the previous state); it is
        // queued after the offer, so that a record queue full of a slow database holds back this connection's reading
        // (TCP back-pressure) but never the live view. Health sees every state, as they arrive, before coalescing.
        health.Observe(elevatorId, device.DeviceId, report, now);
        var boundary = TripBoundary(device, elevatorId, activity, report, now);
        if (activity.OfferState(new PendingState(device, elevatorId, report, now)))
        {
            // At most one work item per collector is ever queued, so this queue is bounded by the number of collectors.
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Processor.ApplyPendingStates(s.Activity), (Processor: this, Activity: activity), preferLocal: false);
        }
        if (boundary is not null)
        {
            await records.EnqueueAsync(boundary, cancellationToken);
        }
        return MessageOutcome.Ok;
    }

    private void ApplyPendingStates(DeviceActivity activity)
    {
        while (activity.TakePendingState() is { } pending)
        {
            try
            {
                ApplyLiveState(pending);
            }
            catch (Exception e)
            {
                // A defect of ours must not stop this collector's later states from being applied.
                LogFailed(logger, e, activity.DeviceId, TopicKind.State);
            }
        }
    }

    private void ApplyLiveState(PendingState pending)
    {
        var (device, elevatorId, report, now) = pending;
        hub.Update(elevatorId, device.DeviceId, s => s with
        {
            HasState = true,
            Mode = report.Mode,
            Running = report.Running,
            Direction = report.Direction,
            Floor = report.Floor,
            FloorLabel = device.FloorMap.Label(report.Floor),
            Door = report.Door,
            InDoorZone = report.InDoorZone,
            PassengerInCar = report.PassengerInCar,
            LoadPercent = report.LoadPercent,
            Speed = report.Speed,
            Calls = report.Calls ?? CallSet.None,
            Sequence = report.Sequence,
            StateAt = now,
            StateDeviceTime = report.DeviceTime is { } ts && FromDeviceTime(ts) is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null,
            // Exactly this message's time, as before coalescing: each node's version counts its own updates, and a
            // second update per message (to correct a later LastSeen) would outrun the other nodes' versions.
            LastSeen = now,
        });
    }

    /// <summary>
    /// A trip-boundary row when the mode or running changed since this collector's previous state (or, after a
    /// reconnect, since the live state), within the device's record budget: a controller flipping faster loses
    /// history rows, never the live state.
    /// </summary>
    private StateChange? TripBoundary(DeviceEntry device, int elevatorId, DeviceActivity activity, StateReport report, DateTimeOffset now)
    {
        var key = new TripKey(report.Mode, report.Running);
        var previous = activity.SwapTrip(key)
            ?? (hub.Find(elevatorId) is { HasState: true } live && live.DeviceId == device.DeviceId ? new TripKey(live.Mode, live.Running) : null);
        if (previous == key || !activity.TryTakeRecord(now, _budget))
        {
            return null;
        }
        return new StateChange
        {
            ElevatorId = elevatorId,
            DeviceId = device.DeviceId,
            Mode = report.Mode,
            Running = report.Running,
            Direction = report.Direction,
            Floor = report.Floor,
            AtUtc = now.UtcDateTime,
        };
    }

    private async ValueTask<MessageOutcome> ApplyEventAsync(
        DeviceEntry device, DeviceActivity activity, EventReport report, bool durable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!activity.TryClaimEventId(report.EventId, claim.Task, out var first))
        {
            return MessageOutcome.DuplicateEvent with { Stored = first };
        }
        var kind = faultCodes.Find(report.Code).Kind;
        Task? stored;
        try
        {
            stored = await EnqueueAsync(new ElevatorEvent
            {
                DeviceId = device.DeviceId,
                EventId = report.EventId,
                ElevatorId = device.ElevatorId,
                Code = report.Code,
                Kind = kind,
                Raised = report.Raised,
                Floor = report.Floor,
                DetailJson = report.DetailJson,
                DeviceTimeUtc = FromDeviceTime(report.DeviceTime),
                ReceivedAtUtc = now.UtcDateTime,
            }, durable, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            activity.ForgetEventId(report.EventId, claim.Task);
            claim.TrySetCanceled(cancellationToken);
            throw;
        }
        _ = ReleaseClaimAsync(activity, report.EventId, claim, stored);
        if (kind != FaultKind.Event && device.ElevatorId is { } elevatorId)
        {
            hub.Update(elevatorId, device.DeviceId, s =>
            {
                var faults = report.Raised ? s.ActiveFaults.Add(report.Code) : s.ActiveFaults.Remove(report.Code);
                return faults == s.ActiveFaults ? s : s with { ActiveFaults = faults };
            });
        }
        return MessageOutcome.Ok with { Stored = claim.Task };
    }

    /// <summary>Repeats of an event complete with its first delivery; if that was not stored, the next one counts.</summary>
    private static async Task ReleaseClaimAsync(DeviceActivity activity, string eventId, TaskCompletionSource claim, Task? stored)
    {
        if (stored is null)
        {
            claim.TrySetResult();
            return;
        }
        try
        {
            await stored;
            claim.TrySetResult();
        }
        catch (Exception e)
        {
            activity.ForgetEventId(eventId, claim.Task);
            claim.TrySetException(e);
        }
    }

    private MessageOutcome ApplyIo(DeviceEntry device, IoReport report, DateTimeOffset now)
    {
        if (device.ElevatorId is { } elevatorId)
        {
            hub.Update(elevatorId, device.DeviceId, s => s with
            {
                Inputs = report.Inputs ?? s.Inputs,
                Outputs = report.Outputs ?? s.Outputs,
                IoAt = now,
            });
        }
        return MessageOutcome.Ok;
    }

    private async ValueTask<MessageOutcome> ApplyStatsAsync(
        DeviceEntry device, StatsReport report, bool durable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await EnqueueAsync(new CounterReading
        {
            DeviceId = device.DeviceId,
            ElevatorId = device.ElevatorId,
            Runs = report.Runs,
            RunHours = report.RunHours,
            DoorCycles = report.DoorCycles,
            Distance = report.Distance,
            DeviceTimeUtc = FromDeviceTime(report.DeviceTime),
            ReceivedAtUtc = now.UtcDateTime,
        }, durable, cancellationToken);
        if (device.ElevatorId is { } elevatorId)
        {
            hub.Update(elevatorId, device.DeviceId, s => s with
            {
                Counters = new RunCounters(report.Runs, report.RunHours, report.DoorCycles, report.Distance, now),
            });
        }
        return MessageOutcome.Ok with { Stored = stored };
    }

    private async ValueTask<MessageOutcome> ApplyInfoAsync(
        DeviceEntry device, DeviceActivity activity, InfoReport report, bool durable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        activity.HeartbeatSeconds = report.HeartbeatSeconds ?? activity.HeartbeatSeconds;
        activity.Imei = report.Imei ?? activity.Imei;
        activity.Firmware = report.Firmware ?? activity.Firmware;
        if (device.ElevatorId is { } elevatorId)
        {
            hub.Update(elevatorId, device.DeviceId, s => s with
            {
                Info = new DeviceInfo(report.Firmware, report.Model, report.Imei, report.Iccid, report.Signal, activity.HeartbeatSeconds),
            });
        }
        // Kept on the device row, so that 设备调试 shows it after a restart and while the collector is away.
        var stored = await EnqueueAsync(new CollectorFacts(device.DeviceId, now.UtcDateTime) { Info = report }, durable, cancellationToken);
        return MessageOutcome.Ok with { Stored = stored };
    }

    /// <summary>Records an online/offline transition; returns when it is stored if <paramref name="durable"/>.</summary>
    private async ValueTask<Task?> SetOnlineAsync(
        string deviceId, DeviceActivity activity, bool online, ConnectionReason reason, bool durable, CancellationToken cancellationToken,
        bool fromPeer = false)
    {
        var now = clock.GetUtcNow();
        lock (activity)
        {
            if (activity.Online == online && activity.OnlineChangedAt is not null)
            {
                return null;
            }
            activity.Online = online;
            activity.OnlineChangedAt = now;
        }
        var device = directory.Find(deviceId);
        if (device?.ElevatorId is { } elevatorId)
        {
            hub.Update(elevatorId, deviceId, s => s with
            {
                Online = online,
                OnlineSince = online ? now : s.OnlineSince,
                OfflineSince = online ? null : now,
                LastSeen = online ? now : s.LastSeen,
            });
        }
        if (cluster.Enabled)
        {
            if (!fromPeer)
            {
                TellPeers(activity, online, reason, now);
            }
            if (!cluster.Decides(deviceId))
            {
                // The deciding node records it when our notice arrives: once, whichever node heard it first.
                LogOnline(logger, deviceId, online, reason);
                return null;
            }
        }
        var stored = await EnqueueAsync(new ConnectionChange
        {
            DeviceId = deviceId,
            ElevatorId = device?.ElevatorId,
            Online = online,
            Reason = reason,
            AtUtc = now.UtcDateTime,
        }, durable, cancellationToken);
        LogOnline(logger, deviceId, online, reason);
        return stored;
    }

    /// <summary>
    /// Another node heard from the device (or decided it is offline): this node follows, so that its commands and its
    /// heartbeat rule know the device is there; the deciding node records the transition.
    /// </summary>
    public async ValueTask PeerSeenAsync(DeviceSeen seen, CancellationToken cancellationToken)
    {
        if (directory.Find(seen.DeviceId) is null)
        {
            return;
        }
        var activity = activities.For(seen.DeviceId);
        var now = clock.GetUtcNow();
        if (seen.Online)
        {
            activity.LastSeen = now;
        }
        activity.HeartbeatSeconds = seen.HeartbeatSeconds;
        await SetOnlineAsync(seen.DeviceId, activity, seen.Online, seen.Reason, durable: false, cancellationToken, fromPeer: true);
    }

    /// <summary>
    /// How often a node tells the others it still hears a device: often enough that the deciding node's last-seen time
    /// lags far less than the three heartbeats after which it marks the device offline.
    /// </summary>
    private static TimeSpan SeenNoticeInterval(DeviceActivity activity) =>
        TimeSpan.FromSeconds(Math.Clamp(activity.HeartbeatSeconds / 2.0, 1, 10));

    private void TellPeers(DeviceActivity activity, bool online, ConnectionReason reason, DateTimeOffset now)
    {
        activity.SeenToldAt = now;
        cluster.Seen(new DeviceSeen(activity.DeviceId, online, reason, activity.HeartbeatSeconds));
    }

    /// <summary>Queues a record; with <paramref name="durable"/> returns the task that completes once it is committed.</summary>
    private async ValueTask<Task?> EnqueueAsync(object record, bool durable, CancellationToken cancellationToken)
    {
        if (durable)
        {
            return await records.EnqueueDurableAsync(record, cancellationToken);
        }
        await records.EnqueueAsync(record, cancellationToken);
        return null;
    }

    private static DateTime? FromDeviceTime(long? unixMilliseconds) =>
        unixMilliseconds is { } ms && ms <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Kind} message from device {DeviceId}: {Reason} ({Held} more rejected since the last line, logged at most once a minute)")]
    private static partial void LogRejected(ILogger logger, string deviceId, TopicKind kind, string reason, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused device {DeviceId}: {What} ({Held} more refused since the last line, logged at most once a minute)")]
    private static partial void LogRefused(ILogger logger, string deviceId, string what, long held);

    private void LogOverBudget(DeviceActivity activity, TopicKind kind, DateTimeOffset now, string what)
    {
        if (activity.BudgetLog.TryEnter(now, out var held))
        {
            LogOverBudget(logger, activity.DeviceId, kind, what, _budget.MessagesPerSecond, _budget.Burst, held,
                activity.OverBudgetDropped, activity.OverBudgetDelayed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} is over its budget of {Rate} messages a second (burst {Burst}): a {Kind} message was {What} ({Held} more over budget since the last line, logged at most once a minute; {Dropped} dropped and {Delayed} delayed in all)")]
    private static partial void LogOverBudget(ILogger logger, string deviceId, TopicKind kind, string what, double rate, int burst, long held, long dropped, long delayed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing a {Kind} message of device {DeviceId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string deviceId, TopicKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} online={Online} ({Reason})")]
    private static partial void LogOnline(ILogger logger, string deviceId, bool online, ConnectionReason reason);
}
