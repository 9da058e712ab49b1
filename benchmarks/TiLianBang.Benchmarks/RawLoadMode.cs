using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TiLianBang.Core.Demo;

namespace TiLianBang.Benchmarks;

/// <summary>What <see cref="RawLoadMode"/> is asked to do (see Program.cs for the command line).</summary>
internal sealed record RawLoadOptions(
    string Host,
    int Port,
    int Connections,
    int First,
    double Rate,
    bool BackToBack,
    bool Events,
    int Qos,
    int InFlight,
    int ProtocolLevel,
    int Seconds,
    int Threads);

/// <summary>
/// A load generator that is not the bottleneck (issue 20): pre-encoded MQTT packets on raw sockets, a few sender
/// threads each serving many connections, states (QoS 0) or events (QoS 1, code 40: no repair order) either at an
/// exact rate per connection, spread evenly over the period, or back to back (as fast as the broker reads; QoS 1 with
/// a window of unacknowledged publishes per connection). Prints what was sent and acknowledged each second and a
/// RESULT line. At the end every connection sends PINGREQ: a broker answers in order, so the last PINGRESP means it
/// has read everything sent, and the ingest rate counts until then.
/// </summary>
internal static class RawLoadMode
{
    public static async Task<int> RunAsync(RawLoadOptions options)
    {
        var v5 = options.ProtocolLevel == 5;
        var acknowledged = options.Qos > 0;
        var server = new IPEndPoint((await Dns.GetHostAddressesAsync(options.Host)).First(a => a.AddressFamily == AddressFamily.InterNetwork), options.Port);
        var runTag = Guid.NewGuid().ToString("N")[..8];
        using var wake = new AutoResetEvent(false);
        void OnAck() => wake.Set();

        var connections = new RawConnection[options.Connections];
        var connectClock = Stopwatch.StartNew();
        var refusedAtConnect = 0;
        using (var gate = new SemaphoreSlim(64))
        {
            // A few dozen handshakes at a time: a burst of thousands overflows the listener's backlog.
            await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async i =>
            {
                var id = DemoDevices.DeviceIdFor(options.First + i);
                var template = new RawPublishTemplate(id, options.Events, options.Qos, v5, runTag);
                var connection = connections[i] = new RawConnection(template, v5, acknowledged, OnAck);
                await gate.WaitAsync();
                try
                {
                    var connect = RawMqttPackets.Connect(id, id, DemoDevices.SecretFor(id), v5 ? 5 : 4, 60);
                    if (await connection.ConnectAsync(server, connect, acknowledged ? options.InFlight : int.MaxValue, CancellationToken.None) != 0)
                    {
                        Interlocked.Increment(ref refusedAtConnect);
                        await connection.DisposeAsync();
                    }
                }
                catch (Exception error) when (error is SocketException or TimeoutException)
                {
                    Interlocked.Increment(ref refusedAtConnect);
                    await connection.DisposeAsync();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var live = connections.Where(c => !c.Closed).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CONNECTED {live.Length} of {options.Connections} in {connectClock.Elapsed.TotalSeconds:F1}s (refused or failed {refusedAtConnect})"));
        if (live.Length == 0)
        {
            return 1;
        }

        var process = Process.GetCurrentProcess();
        var cpuAtStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var sendFor = TimeSpan.FromSeconds(options.Seconds);
        var stopSending = false;
        var slices = Enumerable.Range(0, options.Threads)
            .Select(t => Enumerable.Range(0, live.Length).Where(i => i % options.Threads == t).ToArray())
            .ToArray();
        var senders = slices.Select(slice => new Thread(() => SendLoop(live, slice, options, clock, wake, () => Volatile.Read(ref stopSending)))
        {
            IsBackground = true,
            Name = "raw-load sender",
        }).ToArray();
        foreach (var sender in senders)
        {
            sender.Start();
        }

        var perSecondSent = new List<long>();
        var perSecondAcked = new List<long>();
        long lastSent = 0, lastAcked = 0;
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            while (clock.Elapsed < sendFor && await timer.WaitForNextTickAsync())
            {
                var sent = live.Sum(c => Volatile.Read(ref c.Generated));
                var acked = live.Sum(c => Volatile.Read(ref c.Acknowledged));
                perSecondSent.Add(sent - lastSent);
                perSecondAcked.Add(acked - lastAcked);
                lastSent = sent;
                lastAcked = acked;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t={perSecondSent.Count}s sent/s={perSecondSent[^1]} ack/s={perSecondAcked[^1]} inflight={live.Sum(c => Volatile.Read(ref c.InFlight))} closed={live.Count(c => c.Closed)}"));
            }
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stopSending, true);
        foreach (var sender in senders)
        {
            sender.Join();
        }

        // Drain: everything sent must be read by the broker (its PINGRESP) and, for QoS 1, acknowledged.
        var drainLimit = TimeSpan.FromSeconds(120);
        var draining = Stopwatch.StartNew();
        while (draining.Elapsed < drainLimit && live.Any(c => !c.Closed && (c.PingsAnswered < c.PingsSent || Volatile.Read(ref c.InFlight) > 0)))
        {
            wake.WaitOne(10);
        }
        var totalSeconds = clock.Elapsed.TotalSeconds;
        var cpu = (process.TotalProcessorTime - cpuAtStart).TotalSeconds;

        var drained = !live.Any(c => !c.Closed && (c.PingsAnswered < c.PingsSent || Volatile.Read(ref c.InFlight) > 0));
        var totalSent = live.Sum(c => c.Generated);
        var totalAcked = live.Sum(c => c.Acknowledged);
        var refused = live.Sum(c => c.Refused);
        var unanswered = live.Where(c => !c.Closed).Sum(c => Math.Max(0, c.InFlight));
        var behind = live.Sum(c => c.Owed);
        var closed = live.Where(c => c.Closed).ToList();
        foreach (var reason in closed.GroupBy(c => c.CloseReason ?? "?").OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"CLOSED {reason.Count()}: {reason.Key}");
        }
        // Steady state: the first two seconds ramp up.
        static long Median(List<long> values)
        {
            var steady = values.Skip(Math.Min(2, values.Count / 4)).Order().ToList();
            return steady.Count == 0 ? 0 : steady[steady.Count / 2];
        }
        var mode = options.BackToBack ? "back-to-back" : string.Create(CultureInfo.InvariantCulture, $"rate={options.Rate}/s/connection");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT kind={(options.Events ? "event" : "state")} qos={options.Qos} protocol={(v5 ? "5" : "3.1.1")} {mode} connected={live.Length} " +
            $"sent={totalSent} sent/s={totalSent / sendSeconds:F0} median-sent/s={Median(perSecondSent)} " +
            $"ingested/s={totalSent / totalSeconds:F0} drain={totalSeconds - sendSeconds:F1}s drained={(drained ? "yes" : "no")} " +
            $"acknowledged={totalAcked} ack/s={totalAcked / totalSeconds:F0} median-ack/s={Median(perSecondAcked)} " +
            $"refused={refused} unacknowledged={unanswered} behind-schedule={behind} errors={refusedAtConnect} disconnects={closed.Count} " +
            $"cpu={cpu / totalSeconds * 100:F0}% cpu-s={cpu:F1} cpu-per-1000={(totalSent == 0 ? 0 : cpu * 1000 / totalSent * 1000):F2}ms threads={options.Threads}"));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
        return 0;
    }

    /// <summary>
    /// One sender thread. Paced: slot g (message g / N of connection g % N) is due at g / (N × rate), so connections
    /// become due in index order and a pass touches only the connections that are due or still have bytes to write.
    /// Back to back: every pass tops up every connection (QoS 1: up to its window). Writes never block; a pass that
    /// moved nothing waits a millisecond or for an acknowledgement. At the end: flush and the closing PINGREQ.
    /// </summary>
    private static void SendLoop(RawConnection[] connections, int[] slice, RawLoadOptions options, Stopwatch clock, AutoResetEvent wake, Func<bool> stopping)
    {
        var keepAlive = Stopwatch.Frequency * 30;
        var n = connections.Length;
        var mine = new bool[n];
        foreach (var i in slice)
        {
            mine[i] = true;
        }
        var busy = new List<RawConnection>();
        long slot = 0;
        var lastKeepAliveCheck = Stopwatch.GetTimestamp();
        while (!stopping())
        {
            var progress = false;
            var now = Stopwatch.GetTimestamp();
            var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (options.BackToBack)
            {
                foreach (var i in slice)
                {
                    progress |= TopUp(connections[i], int.MaxValue, options.Qos, now, ts);
                }
            }
            else
            {
                var target = (long)Math.Floor(clock.Elapsed.TotalSeconds * n * options.Rate) + 1;
                for (; slot < target; slot++)
                {
                    var i = (int)(slot % n);
                    if (mine[i] && !connections[i].Closed)
                    {
                        var c = connections[i];
                        c.Owed++;
                        if (!c.Queued)
                        {
                            c.Queued = true;
                            busy.Add(c);
                        }
                    }
                }
                for (var j = busy.Count - 1; j >= 0; j--)
                {
                    var c = busy[j];
                    progress |= TopUp(c, c.Owed, options.Qos, now, ts);
                    if (c.Closed || (c.Owed == 0 && !c.HasPending))
                    {
                        c.Queued = false;
                        busy[j] = busy[^1];
                        busy.RemoveAt(busy.Count - 1);
                    }
                }
            }
            if (now - lastKeepAliveCheck > Stopwatch.Frequency)
            {
                lastKeepAliveCheck = now;
                foreach (var i in slice)
                {
                    var c = connections[i];
                    if (!c.Closed && !c.HasPending && now - c.LastSendTimestamp > keepAlive)
                    {
                        c.AppendPing();
                        c.TryFlush(now);
                    }
                }
            }
            if (!progress)
            {
                wake.WaitOne(1);
            }
        }
        foreach (var i in slice)
        {
            var c = connections[i];
            if (!c.Closed)
            {
                c.AppendPing();
            }
        }
        var flushing = Stopwatch.StartNew();
        while (slice.Any(i => !connections[i].Closed && connections[i].HasPending) && flushing.Elapsed < TimeSpan.FromSeconds(60))
        {
            var now = Stopwatch.GetTimestamp();
            var progress = false;
            foreach (var i in slice)
            {
                progress |= connections[i].TryFlush(now);
            }
            if (!progress)
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Flushes what is pending, then appends up to <paramref name="due"/> publishes and writes them.</summary>
    private static bool TopUp(RawConnection c, long due, int qos, long now, long unixMilliseconds)
    {
        if (c.Closed)
        {
            return false;
        }
        var progress = c.TryFlush(now);
        if (c.HasPending)
        {
            return progress;
        }
        if (qos > 0)
        {
            var free = c.Window - Volatile.Read(ref c.InFlight);
            // Back to back, top up once half the window is free: fewer, larger writes for the same window.
            due = Math.Min(due, due == int.MaxValue && free < Math.Max(1, c.Window / 2) ? 0 : free);
        }
        var count = (int)Math.Min(due, c.Room);
        if (count <= 0)
        {
            return progress;
        }
        c.Append(count, unixMilliseconds);
        c.Owed = Math.Max(0, c.Owed - count);
        return c.TryFlush(now) | progress;
    }
}
