using Microsoft.Extensions.Options;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Health;

namespace TiLianBang.Tests.Health;

/// <summary>Issue 21.1: door cycles, trips and stops from consecutive states, exact.</summary>
public sealed class DoorAndTripMetricsTests
{
    private static readonly DateTimeOffset HourStart = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private const long DeviceStart = 1_780_000_000_000;
    private static readonly int[] Jitter = [0, 180, 40, 310, 90, 0, 250, 20, 140, 60, 300, 10, 200, 80, 0, 270, 30, 150];

    private static HealthTrackers Trackers() => new(Options.Create(new HealthOptions()), TimeProvider.System);

    [Fact]
    public void ARecordedSequenceGivesExactDoorAndTripMetricsFromTheDeviceClockWhateverTheNetworkDelay()
    {
        var trackers = Trackers();
        var steps = RecordedStates.DoorsAndTrips;
        for (var i = 0; i < steps.Length; i++)
        {
            // The network delays each message differently; the device's own clock says when things happened.
            trackers.Observe(7, "C7", RecordedStates.Report(steps[i], DeviceStart, i + 1), HourStart.AddSeconds(10).AddMilliseconds(steps[i].Ms + Jitter[i]));
        }

        var hours = trackers.TakeAll();

        var ended = Assert.Single(hours);
        var hour = ended.Hour;
        Assert.Equal((7, HourStart.UtcDateTime), (hour.ElevatorId, hour.HourUtc));
        RecordedStates.AssertDoorsAndTrips(hour);
        // The same cycles and stops once more, each at its landing, bound for the hour's local day.
        var day = DateOnly.FromDateTime(HourStart.ToLocalTime().DateTime);
        Assert.All(ended.Landings, l => Assert.Equal((7, day), (l.ElevatorId, l.Day)));
        RecordedStates.AssertLandings(ended.Landings);
    }

    [Fact]
    public void WithoutTheDeviceClockTheReceiveTimesAreUsed()
    {
        var trackers = Trackers();
        var steps = RecordedStates.DoorsAndTrips;
        for (var i = 0; i < steps.Length; i++)
        {
            var report = RecordedStates.Report(steps[i], DeviceStart, i + 1) with { DeviceTime = null };
            trackers.Observe(7, "C7", report, HourStart.AddMilliseconds(steps[i].Ms));
        }

        RecordedStates.AssertDoorsAndTrips(Assert.Single(trackers.TakeAll()).Hour);
    }

    [Fact]
    public void AGapInTheSequenceNumbersIsNotMeasuredAcross()
    {
        var trackers = Trackers();
        var at = HourStart;
        trackers.Observe(7, "C7", State(DoorState.Closing, seq: 1, ms: 0), at);
        // Message 2 (closed) and 3 (opening) were lost: 4 says open. Neither a closing nor a re-opening may be counted.
        trackers.Observe(7, "C7", State(DoorState.Open, seq: 4, ms: 9_000), at.AddSeconds(9));
        trackers.Observe(7, "C7", State(DoorState.Closing, seq: 5, ms: 13_000), at.AddSeconds(13));
        trackers.Observe(7, "C7", State(DoorState.Closed, seq: 6, ms: 16_000), at.AddSeconds(16));

        var hour = Assert.Single(trackers.TakeAll()).Hour;
        Assert.Equal(0, hour.Reopenings);
        Assert.Equal(0, hour.DoorDwell.Count);
        Assert.Equal((1, 3_000L), (hour.DoorClosing.Count, hour.DoorClosing.SumMs));
        Assert.Equal(1, hour.DoorCycles);
    }

    [Fact]
    public void AReconnectOrAnotherCollectorStartsThePhasesOver()
    {
        var trackers = Trackers();
        trackers.Observe(7, "C7", State(DoorState.Closing, seq: null, ms: 0), HourStart);
        trackers.Restart(7);
        trackers.Observe(7, "C7", State(DoorState.Closed, seq: null, ms: 60_000), HourStart.AddMinutes(1));
        trackers.Observe(7, "C7", State(DoorState.Closing, seq: null, ms: 70_000), HourStart.AddSeconds(70));
        trackers.Observe(7, "C8", State(DoorState.Closed, seq: null, ms: 73_000), HourStart.AddSeconds(73));

        Assert.Empty(trackers.TakeAll());
    }

    [Fact]
    public void EachHourIsItsOwnRowAndAQuietElevatorsHourEndsOnTheClock()
    {
        var trackers = Trackers();
        var steps = RecordedStates.DoorsAndTrips;
        long seq = 0;
        foreach (var start in new[] { HourStart.AddMinutes(10), HourStart.AddMinutes(70) })
        {
            foreach (var step in steps)
            {
                trackers.Observe(7, "C7", RecordedStates.Report(step, DeviceStart + (long)(start - HourStart).TotalMilliseconds, ++seq), start.AddMilliseconds(step.Ms));
            }
        }

        // The first hour ended when the second one's first state came; the second ends when the clock passes it.
        var first = Assert.Single(trackers.TakeEndedHours(HourStart.AddMinutes(90))).Hour;
        Assert.Equal(HourStart.UtcDateTime, first.HourUtc);
        RecordedStates.AssertDoorsAndTrips(first);
        var second = Assert.Single(trackers.TakeEndedHours(HourStart.AddMinutes(121))).Hour;
        Assert.Equal(HourStart.AddHours(1).UtcDateTime, second.HourUtc);
        RecordedStates.AssertDoorsAndTrips(second);
        Assert.Empty(trackers.TakeAll());
    }

    [Fact]
    public void NotFullyClosedIsPartOfTheClosingAndReopeningFromItIsAReopening()
    {
        var trackers = Trackers();
        trackers.Observe(7, "C7", State(DoorState.Open, 1, 0), HourStart);
        trackers.Observe(7, "C7", State(DoorState.Closing, 2, 4_000), HourStart.AddSeconds(4));
        trackers.Observe(7, "C7", State(DoorState.NotFullyClosed, 3, 6_000), HourStart.AddSeconds(6));
        trackers.Observe(7, "C7", State(DoorState.Closing, 4, 7_000), HourStart.AddSeconds(7));
        trackers.Observe(7, "C7", State(DoorState.Closed, 5, 9_000), HourStart.AddSeconds(9));
        trackers.Observe(7, "C7", State(DoorState.Opening, 6, 10_000), HourStart.AddSeconds(10));
        trackers.Observe(7, "C7", State(DoorState.Open, 7, 12_000), HourStart.AddSeconds(12));
        trackers.Observe(7, "C7", State(DoorState.Closing, 8, 16_000), HourStart.AddSeconds(16));
        trackers.Observe(7, "C7", State(DoorState.NotFullyClosed, 9, 18_000), HourStart.AddSeconds(18));
        trackers.Observe(7, "C7", State(DoorState.Opening, 10, 19_000), HourStart.AddSeconds(19));

        var hour = Assert.Single(trackers.TakeAll()).Hour;
        Assert.Equal((1, 5_000L), (hour.DoorClosing.Count, hour.DoorClosing.SumMs));
        Assert.Equal(1, hour.DoorCycles);
        Assert.Equal(1, hour.Reopenings);
    }

    [Fact]
    public void ADeviceClockJumpingByYearsOrBackwardsIsNotADuration()
    {
        var trackers = Trackers();
        trackers.Observe(7, "C7", State(DoorState.Closing, 1, 0) with { DeviceTime = 0 }, HourStart);
        trackers.Observe(7, "C7", State(DoorState.Closed, 2, 0) with { DeviceTime = long.MaxValue }, HourStart.AddSeconds(3));
        trackers.Observe(7, "C7", State(DoorState.Opening, 3, 0) with { DeviceTime = long.MaxValue }, HourStart.AddSeconds(4));
        trackers.Observe(7, "C7", State(DoorState.Open, 4, 0) with { DeviceTime = 5 }, HourStart.AddSeconds(6));

        // Nothing measured, and nothing thrown (which would have cost these states their place in the live view).
        Assert.Empty(trackers.TakeAll());
    }

    [Fact]
    public void TheNinetyFifthPercentileIsTheNearestRank()
    {
        var accumulator = new TimingAccumulator();
        foreach (var ms in Enumerable.Range(1, 40).Select(i => i * 100).Reverse())
        {
            accumulator.Add(ms);
        }
        var timing = accumulator.ToTiming();
        // 40 samples: rank ceil(0.95 × 40) = 38 → 3,800.
        Assert.Equal((40, 82_000L, 3_800), (timing.Count, timing.SumMs, timing.P95Ms));
        Assert.Equal(2_050, timing.MeanMs);
    }

    [Fact]
    public void StatesWithoutHealthAnalyticsAreIgnored()
    {
        var trackers = new HealthTrackers(Options.Create(new HealthOptions { Enabled = false }), TimeProvider.System);
        foreach (var (step, i) in RecordedStates.DoorsAndTrips.Select((s, i) => (s, i)))
        {
            trackers.Observe(7, "C7", RecordedStates.Report(step, DeviceStart, i + 1), HourStart.AddMilliseconds(step.Ms));
        }
        Assert.Empty(trackers.TakeAll());
    }

    private static StateReport State(DoorState door, long? seq, long ms) =>
        new(ServiceMode.Normal, false, CarDirection.None, 3, door, true, false, null, null, null, DeviceStart + ms, seq);
}
