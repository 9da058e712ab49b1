using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>
/// Writes device records in batches (group commit): whatever arrived while the previous batch was being written,
/// at most <see cref="MaxBatch"/> rows per transaction, never one database round trip per message. A batch that
/// somebody waits for (a QoS 1 acknowledgement, a flush) is written as soon as the queue is momentarily empty;
/// otherwise records gather for up to <see cref="FlushInterval"/>. A failed batch is retried, then written record
/// by record, so that one bad row costs only its own acknowledgement.
/// Stored events are then handed to the <see cref="IStoredEventSubscriber"/>s (repair orders) and marked handled in
/// the same transaction as what the handlers did; events stored but not handled (a crash in between, a handler
/// failure) are handled again at start-up, after a back-off and at shutdown. On shutdown it drains the queue.
/// </summary>
public sealed partial class DeviceRecordWriter(
    DeviceRecordBuffer queue,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<DeviceRecordWriter> logger) : ResilientBackgroundService(clock, logger)
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);
    public const int MaxBatch = 2000;
    private const int BatchAttempts = 3;

    private readonly Dictionary<string, CounterReading> _lastCounters = new(StringComparer.Ordinal);
    private readonly List<DeviceRecordBuffer.PendingRecord> _batch = new(MaxBatch);
    private long _written;
    // Events up to this id may be stored but not yet handled; null when there are none (as far as we know).
    private long? _unhandledUpTo;
    private DateTimeOffset _handleAgainAt;
    private int _handlerFailures;

    private long _commits;

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Transactions that stored records (diagnostics: records per commit shows how well commits group).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (_unhandledUpTo is null && Written == 0)
        {
            // Events a previous run stored but did not hand to the repair workflow (killed in between).
            _unhandledUpTo = long.MaxValue;
        }
        await HandleLeftOverEventsAsync(CancellationToken.None);
        if (_batch.Count > 0)
        {
            // Collected before the loop failed and started again: their waiters are still waiting.
            await WriteAsync(CancellationToken.None);
        }
        var reader = queue.Reader;
        while (await WaitForRecordsAsync(reader, stoppingToken))
        {
            if (reader.TryPeek(out _))
            {
                await CollectBatchAsync(reader, stoppingToken);
                await WriteAsync(CancellationToken.None);
            }
            await HandleLeftOverEventsAsync(CancellationToken.None);
        }
    }

    /// <summary>Drains whatever is queued; the broker has stopped producing by now.</summary>
    protected override async Task StoppedAsync()
    {
        queue.Complete();
        var reader = queue.Reader;
        while (reader.TryRead(out var item))
        {
            _batch.Add(item);
            if (_batch.Count >= MaxBatch)
            {
                await WriteAsync(CancellationToken.None);
            }
        }
        await WriteAsync(CancellationToken.None);
        // Last chance for events whose handling failed lately; what is still left is handled at the next start.
        _handleAgainAt = DateTimeOffset.MinValue;
        await HandleLeftOverEventsAsync(CancellationToken.None);
        LogDrained(Logger, Written);
    }

    /// <summary>False when the host stops. Wakes up for left-over events when they are due.</summary>
    private async Task<bool> WaitForRecordsAsync(System.Threading.Channels.ChannelReader<DeviceRecordBuffer.PendingRecord> reader, CancellationToken stoppingToken)
    {
        if (_unhandledUpTo is null)
        {
            return await reader.WaitToReadAsync(stoppingToken);
        }
        var wait = _handleAgainAt - Clock.GetUtcNow();
        using var timer = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Clock);
        using var due = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            return await reader.WaitToReadAsync(due.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private async Task CollectBatchAsync(System.Threading.Channels.ChannelReader<DeviceRecordBuffer.PendingRecord> reader, CancellationToken stoppingToken)
    {
        var deadline = Clock.GetTimestamp() + (long)(FlushInterval.TotalSeconds * Clock.TimestampFrequency);
        var waitedFor = false;
        while (_batch.Count < MaxBatch)
        {
            if (reader.TryRead(out var item))
            {
                _batch.Add(item);
                waitedFor |= item.Stored is not null;
                continue;
            }
            // Somebody waits for this batch: commit now; what arrives meanwhile goes into the next one.
            if (waitedFor || Clock.GetTimestamp() >= deadline)
            {
                return;
            }
            // Nothing now: give producers a moment, within the flush interval.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(FlushInterval);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var records = _batch.Where(p => p.Record is not null).ToList();
        var markers = _batch.Where(p => p.Record is null).Select(p => p.Stored!).ToList();
        _batch.Clear();
        try
        {
            if (records.Count > 0)
            {
                var events = await StoreAsync(records, cancellationToken);
                if (events.Count > 0)
                {
                    await HandleAsync(events, cancellationToken);
                }
            }
        }
        catch (Exception e)
        {
            // Nobody may wait for ever: whatever was not completed yet is not stored, as far as its sender knows.
            Complete(records, new DeviceRecordNotStoredException(e));
            throw;
        }
        finally
        {
            foreach (var marker in markers)
            {
                marker.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Commits the records, retrying the batch and then record by record; completes each waiter with the outcome
    /// of its own record. Returns the events that were new (not repeats) and are now stored.
    /// </summary>
    private async Task<IReadOnlyList<ElevatorEvent>> StoreAsync(List<DeviceRecordBuffer.PendingRecord> records, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= BatchAttempts; attempt++)
        {
            try
            {
                var events = await SaveAsync(records.Select(r => r.Record!), cancellationToken);
                Complete(records, null);
                return events;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _lastCounters.Clear();
                LogBatchFailed(Logger, e, records.Count, attempt, BatchAttempts);
                // A constraint means another node stored one of these events first (or a record is at fault): the
                // next try sees what is stored now, so it need not wait; only a busy or failing database needs time.
                if (attempt < BatchAttempts && !DatabaseErrors.IsConstraintViolation(e))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(4, attempt - 1)), Clock, cancellationToken);
                }
            }
        }
        // The batch as a whole will not go in: find the record(s) at fault, keep the rest.
        var stored = new List<ElevatorEvent>();
        foreach (var record in records)
        {
            try
            {
                stored.AddRange(await SaveAsync([record.Record!], cancellationToken));
                record.Stored?.TrySetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _lastCounters.Clear();
                if (record.Record is ElevatorEvent repeat && await IsStoredAsync(repeat, cancellationToken))
                {
                    // The database holds it already (its own comparison of ids found it): a repeat, acknowledged.
                    record.Stored?.TrySetResult();
                    continue;
                }
                LogRecordFailed(Logger, e, record.Record!.GetType().Name, Describe(record.Record));
                record.Stored?.TrySetException(new DeviceRecordNotStoredException(e));
            }
        }
        return stored;
    }

    private async Task<bool> IsStoredAsync(ElevatorEvent record, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = SystemScope();
            return await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().ElevatorEvents.IgnoreQueryFilters()
                .AnyAsync(e => e.DeviceId == record.DeviceId && e.EventId == record.EventId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    private static void Complete(List<DeviceRecordBuffer.PendingRecord> records, Exception? error)
    {
        foreach (var record in records)
        {
            if (error is null)
            {
                record.Stored?.TrySetResult();
            }
            else
            {
                record.Stored?.TrySetException(error);
            }
        }
    }

    private async Task<IReadOnlyList<ElevatorEvent>> SaveAsync(IEnumerable<object> records, CancellationToken cancellationToken)
    {
        var batch = records.ToList();
        await using var scope = SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        // Only new rows are added: nothing for change detection to find, once per row, thousands of times a second.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var rows = new List<object>(batch.Count);
        var sqlite = db.Database.IsSqlite();
        var events = await AddAsync(db, batch, rows, lookUpRepeats: !sqlite, scope.ServiceProvider.GetServices<IStoredEventSubscriber>().ToList(), cancellationToken);
        if (sqlite)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The unique index finds repeated events as it inserts: no look-up query first.
            var repeats = SqliteRowInserter.Insert(db, rows);
            // What collectors said about themselves: a few tracked updates of their rows, in the same transaction.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (repeats.Count > 0)
            {
                events = [.. events.Where(e => !repeats.Contains(e))];
            }
        }
        else
        {
            db.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
        }
        Interlocked.Add(ref _written, batch.Count);
        Interlocked.Increment(ref _commits);
        return events;
    }

    /// <summary>
    /// Runs the subscribers for stored events and marks them handled, all in one transaction: either the repair
    /// orders and the mark are committed together or neither is, and the events are handled again later.
    /// </summary>
    private async Task<bool> HandleAsync(IReadOnlyList<ElevatorEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = SystemScope();
            var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var handler in scope.ServiceProvider.GetServices<IStoredEventSubscriber>())
            {
                await handler.HandleAsync(events, cancellationToken);
            }
            var ids = events.Select(e => e.Id).ToList();
            var now = Clock.GetUtcNow().UtcDateTime;
            await db.ElevatorEvents.IgnoreQueryFilters()
                .Where(e => ids.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.HandledAtUtc, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _handlerFailures = 0;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The events are stored; what they imply is done again after a pause (1 s, 2 s, 4 s … up to a minute).
            var retry = RestartDelay(++_handlerFailures);
            LogHandlerFailed(Logger, e, events.Count, retry);
            _unhandledUpTo = Math.Max(_unhandledUpTo ?? 0, events.Max(x => x.Id));
            _handleAgainAt = Clock.GetUtcNow() + retry;
            return false;
        }
    }

    /// <summary>Handles stored events nobody handled yet (up to the known id), in order, a batch at a time.</summary>
    private async Task HandleLeftOverEventsAsync(CancellationToken cancellationToken)
    {
        if (_unhandledUpTo is not { } upTo || Clock.GetUtcNow() < _handleAgainAt)
        {
            return;
        }
        var after = 0L;
        var someLeft = false;
        while (true)
        {
            List<ElevatorEvent> events;
            try
            {
                await using var scope = SystemScope();
                var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
                events = await db.ElevatorEvents.IgnoreQueryFilters().AsNoTracking()
                    .Where(e => e.HandledAtUtc == null && e.Id > after && e.Id <= upTo)
                    .OrderBy(e => e.Id)
                    .Take(MaxBatch)
                    .ToListAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var retry = RestartDelay(++_handlerFailures);
                LogHandlerFailed(Logger, e, 0, retry);
                _handleAgainAt = Clock.GetUtcNow() + retry;
                return;
            }
            if (events.Count == 0)
            {
                // Events that failed on their own stay for the next try (HandleAsync set when).
                _unhandledUpTo = someLeft ? upTo : null;
                return;
            }
            LogHandlingLeftOver(Logger, events.Count);
            if (!await HandleAsync(events, cancellationToken))
            {
                var failed = await HandleOneByOneAsync(events, cancellationToken);
                if (failed is null)
                {
                    // The database itself fails (three in a row): try again after the back-off HandleAsync set.
                    _unhandledUpTo = upTo;
                    return;
                }
                someLeft |= failed.Value;
            }
            after = events[^1].Id;
        }
    }

    /// <summary>
    /// After a batch failed: each event on its own, so that one event that always fails (a defect in what it
    /// implies) holds up only itself; it stays unhandled and is tried again later. Returns whether any failed, or
    /// null after three failures in a row (then it is the database, not an event).
    /// </summary>
    private async Task<bool?> HandleOneByOneAsync(List<ElevatorEvent> events, CancellationToken cancellationToken)
    {
        var failuresInARow = 0;
        var anyFailed = false;
        foreach (var single in events)
        {
            if (await HandleAsync([single], cancellationToken))
            {
                failuresInARow = 0;
                continue;
            }
            anyFailed = true;
            if (++failuresInARow == 3)
            {
                return null;
            }
        }
        return anyFailed;
    }

    /// <summary>
    /// Puts the batch's new rows into <paramref name="rows"/> and applies collector facts to the tracked device rows;
    /// returns the events that need handling. With <paramref name="lookUpRepeats"/> events the database holds
    /// already, or that come twice in the batch, are left out here; without it the insert must skip them.
    /// </summary>
    private async Task<IReadOnlyList<ElevatorEvent>> AddAsync(
        TiLianBangDbContext db, List<object> batch, List<object> rows, bool lookUpRepeats, IReadOnlyList<IStoredEventSubscriber> subscribers,
        CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var added = new List<ElevatorEvent>();
        var events = batch.OfType<ElevatorEvent>().ToList();
        // Without the look-up (SQLite) the insert skips repeats; with it, the ones stored already or twice in the batch.
        var repeats = lookUpRepeats && events.Count > 0 ? await StoredEventKeysAsync(db, events, cancellationToken) : null;
        var trim = db.Database.IsSqlServer();
        foreach (var record in events)
        {
            if (repeats is not null && !repeats.Add((record.DeviceId, trim ? record.EventId.TrimEnd(' ') : record.EventId)))
            {
                continue;
            }
            if (subscribers.Any(s => s.Wants(record)))
            {
                added.Add(record);
            }
            else
            {
                record.HandledAtUtc = now;
            }
            rows.Add(record);
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
            rows.Add(reading);
        }
        await ApplyCollectorFactsAsync(db, batch.OfType<CollectorFacts>().ToList(), cancellationToken);
        rows.AddRange(batch.OfType<ConnectionChange>());
        rows.AddRange(batch.OfType<StateChange>());
        return added;
    }

    /// <summary>Writes what collectors said about themselves onto their rows, in the order it was said.</summary>
    private static async Task ApplyCollectorFactsAsync(TiLianBangDbContext db, List<CollectorFacts> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return;
        }
        var ids = facts.Select(f => f.DeviceId).Distinct().ToList();
        var devices = await db.Devices.IgnoreQueryFilters()
            .Where(d => ids.Contains(d.DeviceId))
            .ToDictionaryAsync(d => d.DeviceId, StringComparer.Ordinal, cancellationToken);
        foreach (var fact in facts)
        {
            if (devices.TryGetValue(fact.DeviceId, out var device))
            {
                fact.ApplyTo(device);
            }
        }
        // Change detection is off for the batch (rows are only added); these few updates are found here.
        foreach (var device in devices.Values)
        {
            db.Entry(device).DetectChanges();
        }
    }

    /// <summary>Which of these events are stored already (duplicates were mostly caught in memory; these are across a restart).</summary>
    private static async Task<HashSet<(string DeviceId, string EventId)>> StoredEventKeysAsync(
        TiLianBangDbContext db, List<ElevatorEvent> events, CancellationToken cancellationToken)
    {
        var devices = events.Select(e => e.DeviceId).Distinct().ToList();
        var ids = events.Select(e => e.EventId).Distinct().ToList();
        // Compared as the database compares: SQL Server's '=' ignores trailing spaces even in a binary collation.
        var trim = db.Database.IsSqlServer();
        return (await db.ElevatorEvents.IgnoreQueryFilters()
                .Where(e => devices.Contains(e.DeviceId) && ids.Contains(e.EventId))
                .Select(e => new { e.DeviceId, e.EventId })
                .ToListAsync(cancellationToken))
            .Select(e => (e.DeviceId, trim ? e.EventId.TrimEnd(' ') : e.EventId))
            .ToHashSet();
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

    /// <summary>A DI scope acting as the platform itself, named so in the operation log.</summary>
    private AsyncServiceScope SystemScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:device-records");
        return scope;
    }

    private static string Describe(object record) => record switch
    {
        ElevatorEvent e => $"device {e.DeviceId} event {e.EventId} code {e.Code} raised {e.Raised}",
        CounterReading c => $"device {c.DeviceId} runs {c.Runs} hours {c.RunHours} doors {c.DoorCycles}",
        ConnectionChange c => $"device {c.DeviceId} online {c.Online} ({c.Reason})",
        StateChange s => $"device {s.DeviceId} mode {s.Mode} running {s.Running}",
        CollectorFacts f => $"device {f.DeviceId} info {f.Info is not null} connected {f.Connected}",
        _ => record.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} device records failed (attempt {Attempt} of {Attempts})")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count, int attempt, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Type} could not be stored and was not acknowledged: {Record}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string type, string record);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Count} stored device events failed; trying again in {Retry}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, int count, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handling {Count} stored device events that were not handled yet")]
    private static partial void LogHandlingLeftOver(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device record writer stopped after writing {Count} records")]
    private static partial void LogDrained(ILogger logger, long count);
}
