using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// Writes device records in batches: whatever arrived within <see cref="FlushInterval"/>, at most
/// <see cref="MaxBatch"/> rows per transaction, never one database round trip per message. On shutdown it
/// drains the queue before the process exits (it stops after the broker, which stops producing first).
/// </summary>
public sealed partial class DeviceRecordWriter(
    DeviceRecordBuffer queue,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<DeviceRecordWriter> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);
    public const int MaxBatch = 2000;

    private readonly Dictionary<string, CounterReading> _lastCounters = new(StringComparer.Ordinal);

    public long Written { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batch = new List<object>(MaxBatch);
        var markers = new List<DeviceRecordBuffer.FlushMarker>();
        // Waiting stops with the host, but the drain below runs to the end of the queue regardless.
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var deadline = clock.GetTimestamp() + (long)(FlushInterval.TotalSeconds * clock.TimestampFrequency);
                while (batch.Count < MaxBatch && markers.Count == 0)
                {
                    if (reader.TryRead(out var item))
                    {
                        Collect(item, batch, markers);
                        continue;
                    }
                    if (clock.GetTimestamp() >= deadline)
                    {
                        break;
                    }
                    // Nothing now: give producers a moment, within the flush interval.
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    wait.CancelAfter(FlushInterval);
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }
                }
                await WriteAsync(batch, markers, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        queue.Complete();
        while (reader.TryRead(out var item))
        {
            Collect(item, batch, markers);
            if (batch.Count >= MaxBatch)
            {
                await WriteAsync(batch, markers, CancellationToken.None);
            }
        }
        await WriteAsync(batch, markers, CancellationToken.None);
        LogDrained(logger, Written);
    }

    private static void Collect(object item, List<object> batch, List<DeviceRecordBuffer.FlushMarker> markers)
    {
        if (item is DeviceRecordBuffer.FlushMarker marker)
        {
            markers.Add(marker);
        }
        else
        {
            batch.Add(item);
        }
    }

    private async Task WriteAsync(List<object> batch, List<DeviceRecordBuffer.FlushMarker> markers, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:device-records");
                var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
                var events = await AddAsync(db, batch, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                Written += batch.Count;
                if (events.Count > 0)
                {
                    await NotifyAsync(scope.ServiceProvider, events, cancellationToken);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                // Keep the pipeline alive; the rows are in the log for manual recovery.
                LogWriteFailed(logger, e, batch.Count);
                _lastCounters.Clear();
            }
            batch.Clear();
        }
        foreach (var marker in markers)
        {
            marker.Done.TrySetResult();
        }
        markers.Clear();
    }

    private async Task NotifyAsync(IServiceProvider services, IReadOnlyList<ElevatorEvent> events, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IStoredEventSubscriber>())
        {
            try
            {
                await handler.HandleAsync(events, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Common.DomainException)
            {
                // The events themselves are stored; what a handler failed to do is in the log.
                LogHandlerFailed(logger, e, handler.GetType().Name, events.Count);
            }
        }
    }

    /// <summary>Adds the batch to the context; returns the events that are new (not repeats).</summary>
    private async Task<IReadOnlyList<ElevatorEvent>> AddAsync(TiLianBangDbContext db, List<object> batch, CancellationToken cancellationToken)
    {
        var added = new List<ElevatorEvent>();
        var events = batch.OfType<ElevatorEvent>().ToList();
        if (events.Count > 0)
        {
            // Duplicates were mostly caught in memory; this catches the ones across a restart.
            var devices = events.Select(e => e.DeviceId).Distinct().ToList();
            var ids = events.Select(e => e.EventId).Distinct().ToList();
            var existing = (await db.ElevatorEvents.IgnoreQueryFilters()
                    .Where(e => devices.Contains(e.DeviceId) && ids.Contains(e.EventId))
                    .Select(e => new { e.DeviceId, e.EventId })
                    .ToListAsync(cancellationToken))
                .Select(e => (e.DeviceId, e.EventId))
                .ToHashSet();
            foreach (var record in events)
            {
                if (existing.Add((record.DeviceId, record.EventId)))
                {
                    db.ElevatorEvents.Add(record);
                    added.Add(record);
                }
            }
        }
        foreach (var reading in batch.OfType<CounterReading>())
        {
            var previous = await LastCountersAsync(db, reading.DeviceId, cancellationToken);
            if (previous is not null)
            {
                var backwards = new List<string>(3);
                if (reading.Runs < previous.Runs) backwards.Add("runs");
                if (reading.RunHours < previous.RunHours) backwards.Add("runHours");
                if (reading.DoorCycles < previous.DoorCycles) backwards.Add("doorCycles");
                if (reading.Distance < previous.Distance) backwards.Add("distance");
                reading.IsReset = backwards.Count > 0;
                reading.ResetCounters = reading.IsReset ? string.Join(", ", backwards) : null;
            }
            _lastCounters[reading.DeviceId] = reading;
            db.CounterReadings.Add(reading);
        }
        db.ConnectionChanges.AddRange(batch.OfType<ConnectionChange>());
        db.StateChanges.AddRange(batch.OfType<StateChange>());
        return added;
    }

    private async Task<CounterReading?> LastCountersAsync(TiLianBangDbContext db, string deviceId, CancellationToken cancellationToken)
    {
        if (_lastCounters.TryGetValue(deviceId, out var known))
        {
            return known;
        }
        var last = await db.CounterReadings.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.DeviceId == deviceId)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (last is not null)
        {
            _lastCounters[deviceId] = last;
        }
        return last;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} device records failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Handler} failed for {Count} stored device events")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device record writer stopped after writing {Count} records")]
    private static partial void LogDrained(ILogger logger, long count);
}
