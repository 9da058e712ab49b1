using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Statistics;

namespace TiLianBang.Benchmarks;

/// <summary>
/// year-of-data --elevators N --days D --trips T --stats-minutes M --writer-rate W: D days of raw device rows for N
/// elevators at a real elevator's rates (T trips a day = 2T state-history rows, a counter reading every M minutes, two
/// connection changes, an event a day and a fault with its repair order every tenth day) into a fresh SQLite file
/// with raw prepared INSERTs; then sizes per table (dbstat), projected linearly to 5,000 elevators and a year; the
/// 运行统计 and 故障统计 queries; the fold of every day; the prune (90/90/365 days) while the record writer stores W
/// rows a second and waits for each commit; sizes and queries again, and whether every figure stayed the same.
/// </summary>
internal static class YearOfDataBenchmark
{
    private const int ProjectedElevators = 5000;

    public static async Task<int> RunAsync(int elevators, int days, int trips, int statsMinutes, int writerRate)
    {
        var data = Path.Combine(Path.GetTempPath(), "tlb-bench-year-" + Guid.NewGuid().ToString("N")[..8]);
        await using var factory = new BenchmarkFactory(data, 0, new Dictionary<string, string>());
        _ = factory.Server;
        var clock = factory.Services.GetRequiredService<TimeProvider>();
        var file = Path.Combine(data, "tilianbang.db");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sample: {elevators} elevators x {days} days; {trips} trips/day ({2 * trips} state rows), a counter reading every {statsMinutes} min, 2 connection changes/day, 1 event/day, a fault + repair order every 10th day"));

        var watch = Stopwatch.StartNew();
        var fleet = await GenerateAsync(factory.Services, clock, elevators, days, trips, statsMinutes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated in {watch.Elapsed.TotalSeconds:0} s, file {new FileInfo(file).Length / 1048576.0:0} MiB ({data})"));
        var retention = new RetentionOptions();
        var kept = new Dictionary<string, int>
        {
            ["StateChanges"] = retention.StateHistoryDays, ["CounterReadings"] = retention.CounterReadingDays, ["ConnectionChanges"] = retention.ConnectionChangeDays,
        };

        Console.WriteLine();
        Console.WriteLine("Before pruning (measured; projected: 5,000 elevators, a year kept raw):");
        var before = await SizesAsync(factory.Services, file);
        PrintSizes(before, elevators, days, new Dictionary<string, int>());
        var queriesBefore = await QueriesAsync(factory.Services, clock, fleet, "before");

        // The fold of every day first, timed alone: on an existing installation this is the first night's catch-up.
        watch.Restart();
        int folded;
        await using (var scope = SystemScope(factory.Services))
        {
            folded = await scope.ServiceProvider.GetRequiredService<DailyAggregator>().FoldPendingDaysAsync(CancellationToken.None);
        }
        var foldSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fold: {folded} days x {elevators} elevators in {foldSeconds:0.0} s ({foldSeconds / folded * 1000:0} ms a day)"));

        var buffer = factory.Services.GetRequiredService<DeviceRecordBuffer>();
        var alone = await WriterLoadAsync(buffer, fleet, writerRate, TimeSpan.FromSeconds(10), null);
        Console.WriteLine($"writer alone, 10 s:        {alone}");
        RetentionRun? run = null;
        watch.Restart();
        var during = await WriterLoadAsync(buffer, fleet, writerRate, null, async () =>
        {
            await using var scope = SystemScope(factory.Services);
            run = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);
        });
        var pruneSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"writer during the prune:   {during}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prune: {run!.StateChangesDeleted:N0} state changes, {run.CounterReadingsDeleted:N0} counter readings, {run.ConnectionChangesDeleted:N0} connection changes in {run.Batches:N0} batches, {pruneSeconds:0.0} s = {run.RowsDeleted / pruneSeconds:N0} rows/s (batch 5,000, pause 50 ms)"));

        Console.WriteLine();
        Console.WriteLine("After pruning (pages in use; the file keeps its size until VACUUM, freed pages are reused by new rows;");
        Console.WriteLine("projected: 5,000 elevators a year on, raw tables at their retention, the rest a year's worth):");
        var after = await SizesAsync(factory.Services, file);
        PrintSizes(after, elevators, days, kept);
        var queriesAfter = await QueriesAsync(factory.Services, clock, fleet, "after");
        var same = queriesBefore.SequenceEqual(queriesAfter);
        Console.WriteLine(same ? "every 运行统计 and 故障统计 figure is the same after pruning" : "FIGURES DIFFER after pruning");
        return same ? 0 : 1;
    }

    private static AsyncServiceScope SystemScope(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("benchmark");
        return scope;
    }

    private static async Task<List<int>> GenerateAsync(IServiceProvider services, TimeProvider clock, int count, int days, int trips, int statsMinutes)
    {
        await using var scope = SystemScope(services);
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var existing = await db.Elevators.CountAsync();
        var community = await db.Communities.Select(c => c.Id).FirstAsync();
        var maintainer = await db.Companies.Where(c => c.Kind == CompanyKind.MaintenanceCompany).Select(c => c.Id).FirstAsync();
        for (var n = existing + 1; n <= count; n++)
        {
            db.Elevators.Add(new Elevator { Number = $"YD{n:D6}", Name = $"一年数据电梯 {n}", CommunityId = community, MaintenanceCompanyId = maintainer, Brand = "西南", Floors = 18 });
        }
        await db.SaveChangesAsync();
        var fleet = await db.Elevators.OrderBy(e => e.Id).Select(e => e.Id).Take(count).ToListAsync();
        var today = clock.Today();
        var zone = clock.LocalTimeZone;
        IEnumerable<(int Day, DateTime Start, int Elevator)> Days() =>
            from d in Enumerable.Range(1, days).Reverse()
            from e in fleet
            select (d, StatisticsPeriod.StartOfDayUtc(today.AddDays(-d), zone), e);

        var random = new Random(20);
        var runs = fleet.ToDictionary(e => e, _ => (long)random.Next(10_000, 500_000));
        var perReading = Math.Max(1, trips * statsMinutes / 1440);
        var readings = await StatisticsBenchmark.BulkInsertAsync<CounterReading>(db, ["DeviceId", "ElevatorId", "Runs", "RunHours", "DoorCycles", "IsReset", "ReceivedAtUtc"],
            Days().SelectMany(x => Enumerable.Range(0, 1440 / statsMinutes).Select(k =>
            {
                var r = runs[x.Elevator] += perReading + random.Next(-perReading / 2, perReading / 2 + 1);
                return new object?[] { $"YD{x.Elevator:D6}", x.Elevator, r, r / 90.0, 2 * r, false, x.Start.AddMinutes(k * statsMinutes + x.Elevator % statsMinutes) };
            })));
        var states = await StatisticsBenchmark.BulkInsertAsync<StateChange>(db, ["ElevatorId", "DeviceId", "Mode", "Running", "Direction", "Floor", "AtUtc"],
            Days().SelectMany(x => Enumerable.Range(0, trips).SelectMany(k =>
            {
                var start = x.Start.AddSeconds((k + 0.5) * 86400 / trips);
                return new[]
                {
                    new object?[] { x.Elevator, $"YD{x.Elevator:D6}", ServiceMode.Normal, true, CarDirection.Up, k % 18 + 1, start },
                    new object?[] { x.Elevator, $"YD{x.Elevator:D6}", ServiceMode.Normal, false, CarDirection.None, (k + 5) % 18 + 1, start.AddSeconds(40) },
                };
            })));
        var connections = await StatisticsBenchmark.BulkInsertAsync<ConnectionChange>(db, ["DeviceId", "ElevatorId", "Online", "Reason", "AtUtc"],
            Days().SelectMany(x => new[]
            {
                new object?[] { $"YD{x.Elevator:D6}", x.Elevator, false, ConnectionReason.HeartbeatTimeout, x.Start.AddHours(3) },
                new object?[] { $"YD{x.Elevator:D6}", x.Elevator, true, ConnectionReason.MessageReceived, x.Start.AddHours(3).AddMinutes(2) },
            }));
        var faultDays = Days().Where(x => (x.Day + x.Elevator) % 10 == 0).ToList();
        var events = await StatisticsBenchmark.BulkInsertAsync<ElevatorEvent>(db, ["DeviceId", "EventId", "ElevatorId", "Code", "Kind", "Raised", "ReceivedAtUtc", "HandledAtUtc"],
            Days().Select(x => new object?[] { $"YD{x.Elevator:D6}", $"e{x.Day}", x.Elevator, 41, FaultKind.Event, true, x.Start.AddHours(9), x.Start.AddHours(9) })
                .Concat(faultDays.SelectMany(x => new[]
                {
                    new object?[] { $"YD{x.Elevator:D6}", $"f{x.Day}r", x.Elevator, 2, FaultKind.Fault, true, x.Start.AddHours(15), x.Start.AddHours(15) },
                    new object?[] { $"YD{x.Elevator:D6}", $"f{x.Day}c", x.Elevator, 2, FaultKind.Fault, false, x.Start.AddHours(16), x.Start.AddHours(16) },
                })));
        var orders = await StatisticsBenchmark.BulkInsertAsync<RepairOrder>(db,
            ["Number", "ElevatorId", "Source", "FaultCode", "PassengersTrapped", "Description", "Occurrences", "State", "CreatedAtUtc", "ClosedAtUtc"],
            faultDays.Select((x, i) => new object?[] { $"YD{i:D8}", x.Elevator, RepairOrderSource.Device, 2, false, "一年数据基准", 1, RepairOrderState.Closed, x.Start.AddHours(15), x.Start.AddHours(18) }));
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows: {states:N0} state changes, {readings:N0} counter readings, {connections:N0} connection changes, {events:N0} events, {orders:N0} repair orders"));
        return fleet;
    }

    private static readonly string[] Tables = ["StateChanges", "CounterReadings", "ConnectionChanges", "ElevatorEvents", "ElevatorDays", "RepairOrders"];

    /// <summary>
    /// Rows and bytes in use per table, its indexes included: SQLite's dbstat (b-tree pages, free pages not counted),
    /// read with Debian's sqlite3 because the bundled SQLite is built without it.
    /// </summary>
    private static async Task<Dictionary<string, (long Rows, long Bytes)>> SizesAsync(IServiceProvider services, string file)
    {
        await using var scope = SystemScope(services);
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var result = new Dictionary<string, (long, long)>();
        foreach (var table in Tables)
        {
            // The table names are the fixed list above.
            var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            var rows = await db.Database.SqlQueryRaw<long>(count).SingleAsync();
            var sqlite = Process.Start(new ProcessStartInfo("sqlite3", ["-readonly", file,
                $"SELECT COALESCE(SUM(s.pgsize), 0) FROM dbstat s JOIN sqlite_master m ON m.name = s.name WHERE m.tbl_name = '{table}'"])
            { RedirectStandardOutput = true })!;
            var bytes = long.Parse((await sqlite.StandardOutput.ReadToEndAsync()).Trim(), CultureInfo.InvariantCulture);
            await sqlite.WaitForExitAsync();
            result[table] = (rows, bytes);
        }
        return result;
    }

    /// <summary>
    /// Measured sizes and their projection to 5,000 elevators a year on: a table holds per elevator and day what the
    /// sample holds, for as many days as it keeps (its retention, else the year), so the sample's rows are scaled by
    /// the elevators and by the kept days over the days the sample covers.
    /// </summary>
    private static void PrintSizes(Dictionary<string, (long Rows, long Bytes)> sizes, int elevators, int days, IReadOnlyDictionary<string, int> keep)
    {
        Console.WriteLine($"| {"table",-18} | {"rows",12} | {"MiB",8} | {"bytes/row",9} | {"projected rows",15} | {"projected GiB",13} |");
        Console.WriteLine($"| {new string('-', 18)} | {new string('-', 12)}:| {new string('-', 8)}:| {new string('-', 9)}:| {new string('-', 15)}:| {new string('-', 13)}:|");
        var projectedTotal = 0.0;
        foreach (var (table, (rows, bytes)) in sizes)
        {
            var kept = Math.Min(keep.GetValueOrDefault(table, 365), 365);
            var scale = (double)ProjectedElevators / elevators * kept / Math.Min(kept, days);
            projectedTotal += bytes * scale;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {table,-18} | {rows,12:N0} | {bytes / 1048576.0,8:0.0} | {(rows == 0 ? 0 : bytes / (double)rows),9:0} | {rows * scale,15:N0} | {bytes * scale / 1073741824.0,13:0.00} |"));
        }
        var total = sizes.Values.Sum(s => s.Bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"total",-18} | {"",12} | {total / 1048576.0,8:0.0} | {"",9} | {"",15} | {projectedTotal / 1073741824.0,13:0.00} |"));
    }

    /// <summary>运行统计 (day, week and month charts of a few elevators) and 故障统计 over a year, median of 5 after a first call; returns every figure.</summary>
    private static async Task<List<string>> QueriesAsync(IServiceProvider services, TimeProvider clock, List<int> fleet, string label)
    {
        var today = clock.Today();
        var year = new StatisticsPeriod(today.AddDays(-364), today);
        var figures = new List<string>();
        var calls = new (string Name, Func<IServiceProvider, Task<string>> Call)[]
        {
            ("运行统计 30 days", s => Running(s, fleet, StatisticsGrouping.Day, 30)),
            ("运行统计 26 weeks", s => Running(s, fleet, StatisticsGrouping.Week, 26)),
            ("运行统计 12 months", s => Running(s, fleet, StatisticsGrouping.Month, 12)),
            ("故障统计 单台电梯 (year)", async s => JsonSerializer.Serialize((await s.GetRequiredService<FaultStatistics>().GetAsync(new FaultStatisticsQuery(year, FaultDimension.Elevator, 10), CancellationToken.None)).Rows)),
            ("故障统计 电梯品牌 (year)", async s => JsonSerializer.Serialize((await s.GetRequiredService<FaultStatistics>().GetAsync(new FaultStatisticsQuery(year, FaultDimension.Brand, 10), CancellationToken.None)).Rows)),
        };
        Console.WriteLine($"| {"query (" + label + " pruning)",-34} | {"first ms",8} | {"median ms",9} |");
        Console.WriteLine($"| {new string('-', 34)} | {new string('-', 8)}:| {new string('-', 9)}:|");
        foreach (var (name, call) in calls)
        {
            var times = new List<double>();
            string result = "";
            for (var i = 0; i < 6; i++)
            {
                await using var scope = SystemScope(services);
                var watch = Stopwatch.StartNew();
                result = await call(scope.ServiceProvider);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            figures.Add(name + " " + result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name,-34} | {times[0],8:0} | {times.Skip(1).Order().ElementAt(2),9:0} |"));
        }
        return figures;
    }

    /// <summary>The chart of 5 elevators spread over the fleet (the timing is for the 5 together).</summary>
    private static async Task<string> Running(IServiceProvider services, List<int> fleet, StatisticsGrouping grouping, int periods)
    {
        var statistics = services.GetRequiredService<RunningStatistics>();
        var all = new List<RunningPeriod>();
        foreach (var id in Enumerable.Range(0, 5).Select(i => fleet[i * fleet.Count / 5]))
        {
            all.AddRange(await statistics.ForElevatorAsync(id, grouping, periods, CancellationToken.None));
        }
        return JsonSerializer.Serialize(all);
    }

    /// <summary>
    /// State-history rows into the record writer at <paramref name="rate"/> a second, each waited for until committed
    /// (as a QoS 1 acknowledgement waits), for <paramref name="duration"/> or while <paramref name="work"/> runs.
    /// </summary>
    private static async Task<string> WriterLoadAsync(DeviceRecordBuffer buffer, List<int> fleet, int rate, TimeSpan? duration, Func<Task>? work)
    {
        var latencies = new List<double>();
        var pending = new List<Task>();
        var total = Stopwatch.StartNew();
        var running = work?.Invoke() ?? Task.Delay(duration!.Value);
        var sent = 0L;
        while (!running.IsCompleted)
        {
            var due = (long)(total.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var elevator = fleet[(int)(sent % fleet.Count)];
                var at = Stopwatch.GetTimestamp();
                var stored = await buffer.EnqueueDurableAsync(new StateChange
                {
                    ElevatorId = elevator, DeviceId = $"YD{elevator:D6}", Mode = ServiceMode.Normal, Running = sent % 2 == 0, AtUtc = DateTime.UtcNow,
                }, CancellationToken.None);
                pending.Add(stored.ContinueWith(_ =>
                {
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    }
                }, TaskScheduler.Default));
            }
            await Task.Delay(10);
        }
        await running;
        await Task.WhenAll(pending);
        var seconds = total.Elapsed.TotalSeconds;
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        return string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Count:N0} rows in {seconds:0.0} s ({latencies.Count / seconds:N0}/s), commit wait p50 {P(0.5):0} ms, p99 {P(0.99):0} ms, max {(latencies.Count == 0 ? 0 : latencies[^1]):0} ms");
    }
}
