using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Health;

namespace TiLianBang.Benchmarks;

/// <summary>
/// What health analytics add to each state message in the pipeline (issue 21): <see cref="HealthTrackers.Observe"/>
/// for N elevators sending realistic state streams — every message a transition (door opening, open, closing, closed,
/// trip start, stop), the worst case, since collectors send on change — over simulated hours, so hour ends are
/// included. Prints nanoseconds and bytes allocated per message, single thread and with all cores.
/// </summary>
internal static class HealthTrackerBenchmark
{
    private static readonly (DoorState Door, bool Running, int Floor, int Ms)[] Cycle =
    [
        (DoorState.Opening, false, 1, 1_000), (DoorState.Open, false, 1, 2_500), (DoorState.Closing, false, 1, 4_000), (DoorState.Closed, false, 1, 2_500),
        (DoorState.Closed, true, 1, 500), (DoorState.Closed, false, 5, 10_000),
        (DoorState.Opening, false, 5, 500), (DoorState.Open, false, 5, 2_500), (DoorState.Closing, false, 5, 4_000), (DoorState.Closed, false, 5, 2_500),
        (DoorState.Closed, true, 5, 500), (DoorState.Closed, false, 1, 10_000),
    ];

    public static int Run(int elevators, int messagesPerElevator)
    {
        var reports = Cycle.Select((c, i) => new StateReport(ServiceMode.Normal, c.Running, c.Running ? CarDirection.Up : CarDirection.None, c.Floor, c.Door,
            true, true, null, null, null, null, null)).ToArray();
        var cycleMs = Cycle.Sum(c => c.Ms);
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            var trackers = new HealthTrackers(Options.Create(new HealthOptions()), TimeProvider.System);
            var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
            // Warm-up: trackers exist, code is jitted.
            Feed(trackers, 0, elevators, 50, reports, cycleMs, start);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                Feed(trackers, t * elevators / threads, (t + 1) * elevators / threads, messagesPerElevator, reports, cycleMs, start.AddHours(1)));
            watch.Stop();
            var total = (long)elevators * messagesPerElevator;
            var hours = trackers.TakeAll().Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"health-tracker threads={threads} elevators={elevators} messages={total} ns/message={watch.Elapsed.TotalNanoseconds / total:F0} " +
                $"messages/s={total / watch.Elapsed.TotalSeconds:F0} bytes/message={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)total:F1} hour-rows={hours}"));
        }
        return 0;
    }

    private static void Feed(HealthTrackers trackers, int from, int to, int messages, StateReport[] reports, int cycleMs, DateTimeOffset start)
    {
        for (var e = from; e < to; e++)
        {
            var at = start;
            var deviceId = "B" + e.ToString(CultureInfo.InvariantCulture);
            for (var m = 0; m < messages; m++)
            {
                var step = m % reports.Length;
                at = at.AddMilliseconds(Cycle[step].Ms);
                trackers.Observe(e + 1, deviceId, reports[step], at);
            }
        }
    }
}
