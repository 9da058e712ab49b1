using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Api;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Reliability;

/// <summary>An app whose collectors have a small message budget: 5 a second after a burst of 50 (issue 20).</summary>
public sealed class OverloadAppFactory : TiLianBangAppFactory
{
    public const int Rate = 5;
    public const int Burst = 50;

    public OverloadAppFactory()
    {
        Settings["Mqtt:DeviceBudget:MessagesPerSecond"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Mqtt:DeviceBudget:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Overload (issue 20): a collector over its budget has its QoS 0 excess dropped and counted (visible in 设备调试)
/// while the others go on; QoS 1 over budget waits and is stored, never lost; QoS 0 states that come faster than
/// they are applied are coalesced to the newest, and every trip boundary is still recorded. Real MQTT over TCP; the
/// budget's time is the fake clock, which only these tests move.
/// </summary>
public sealed class DeviceOverloadTests(OverloadAppFactory app) : IClassFixture<OverloadAppFactory>
{
    /// <summary>A guard against a hung test, not a sleep: each wait ends as soon as what it waits for happened.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FloodingCollectorsExcessIsDroppedCountedAndShownWhileAnotherCollectorsStatesAllArrive()
    {
        var flooder = await DemoCollector.OfElevatorAsync(app, 11);
        var other = await DemoCollector.OfElevatorAsync(app, 12);
        using var flooding = await MqttTestClient.ConnectAsync(app.MqttPort, flooder);
        using var steady = await MqttTestClient.ConnectAsync(app.MqttPort, other);
        var activities = app.Services.GetRequiredService<DeviceActivityRegistry>();
        var flooderActivity = activities.For(flooder.DeviceId);
        var otherActivity = activities.For(other.DeviceId);
        var flooderSeen = SeenCount(flooderActivity, 2 * OverloadAppFactory.Burst + 5);

        // Twice the burst, back to back, without the clock moving: the burst is taken, the rest dropped.
        for (var seq = 1; seq <= 2 * OverloadAppFactory.Burst; seq++)
        {
            await flooding.PublishAsync(State(flooder, seq, running: seq % 2 == 0));
        }
        // Meanwhile: the other collector's states all count and the newest reaches the live view.
        var otherSeen = SeenCount(otherActivity, 5);
        for (var seq = 1; seq <= 5; seq++)
        {
            await steady.PublishAsync(State(other, seq, running: false));
            await flooding.PublishAsync(State(flooder, 1000 + seq, running: false));
        }
        await otherSeen.WaitAsync(Guard);
        await flooderSeen.WaitAsync(Guard);
        await app.WaitForAsync(other.ElevatorId, s => s.Sequence == 5).WaitAsync(Guard);

        Assert.Equal(5, otherActivity.Accepted);
        Assert.Equal(0, otherActivity.OverBudgetDropped);
        Assert.Equal(OverloadAppFactory.Burst, flooderActivity.Accepted);
        Assert.Equal(OverloadAppFactory.Burst + 5, flooderActivity.OverBudgetDropped);
        // The live view of the flooder shows the newest state it was allowed, never a dropped one.
        var flooderLive = await app.WaitForAsync(flooder.ElevatorId, s => s.Sequence == OverloadAppFactory.Burst).WaitAsync(Guard);
        Assert.Equal(OverloadAppFactory.Burst, flooderLive.Sequence);

        // Visible in 设备调试 over HTTP, and in its latest raw messages with the reason.
        using var api = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);
        var detail = (await api.GetFromJsonAsync<DeviceDetail>($"/api/v1/devices/{flooder.DeviceId}", ApiJson.Options))!;
        Assert.Equal(OverloadAppFactory.Burst + 5, detail.Counters.OverBudgetDropped);
        Assert.Equal(OverloadAppFactory.Burst, detail.Counters.Accepted);
        Assert.Contains(detail.LatestMessages, m => m.Rejection?.Contains("over budget", StringComparison.Ordinal) == true);

        // A second later the budget has room again for the flooder too.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await flooding.PublishAsync(State(flooder, 2000, running: false));
        await app.WaitForAsync(flooder.ElevatorId, s => s.Sequence == 2000).WaitAsync(Guard);
    }

    [Fact]
    public async Task StatesFasterThanTheyAreAppliedAreCoalescedToTheNewestAndEveryTripBoundaryIsRecorded()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 13);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var hub = app.Services.GetRequiredService<IElevatorStateHub>();
        var activity = app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId);
        var applied = new List<long?>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim(false);
        // The first state's notification holds the applier (as a slow pipeline would) while the others arrive.
        using var subscription = hub.Subscribe(collector.ElevatorId, change =>
        {
            if (change.State.Sequence == change.Previous?.Sequence)
            {
                return;
            }
            lock (applied)
            {
                applied.Add(change.State.Sequence);
            }
            if (change.State.Sequence == 1)
            {
                holding.TrySetResult();
                release.Wait(Guard);
            }
        });
        const int count = 20;
        var seen = SeenCount(activity, count);

        await device.PublishAsync(State(collector, 1, running: true));
        await holding.Task.WaitAsync(Guard);
        // Every one a trip boundary: running flips with each state.
        for (var seq = 2; seq <= count; seq++)
        {
            await device.PublishAsync(State(collector, seq, running: seq % 2 == 1));
        }
        await seen.WaitAsync(Guard);
        release.Set();
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == count).WaitAsync(Guard);
        await app.FlushDeviceRecordsAsync();

        // The live view went from the first state straight to the newest; the 18 between were superseded.
        lock (applied)
        {
            Assert.Equal([1, count], applied);
        }
        Assert.Equal(count - 2, activity.Superseded);
        Assert.Equal(count, activity.Accepted);
        // The state history has every boundary, in order.
        var rows = await app.AsSystemAsync((_, db) => db.StateChanges
            .Where(c => c.DeviceId == collector.DeviceId).OrderBy(c => c.Id).Select(c => c.Running).ToListAsync());
        Assert.Equal(Enumerable.Range(1, count).Select(seq => seq % 2 == 1), rows);
    }

    [Fact]
    public async Task QoS1EventsOverTheBudgetWaitAndAreAllStored()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 14);
        // No keep-alive: while the delayed message waits for the test's clock, the broker reads nothing more from this
        // connection, PINGREQ included (that is the back-pressure), and a ping timing out would end the test early.
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", app.MqttPort)
            .WithClientId(collector.DeviceId)
            .WithCredentials(collector.DeviceId, collector.Secret)
            .WithKeepAlivePeriod(TimeSpan.Zero)
            .WithTimeout(Guard)
            .Build());
        var activity = app.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId);
        const int over = 30;
        var total = OverloadAppFactory.Burst + over;

        var delayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = activity.Watch(m =>
        {
            if (m.Rejection?.Contains("delayed", StringComparison.Ordinal) == true)
            {
                delayed.TrySetResult();
            }
        }, out _);

        // All sent at once, each awaiting its PUBACK; the broker handles them in order on this one connection.
        var acks = Enumerable.Range(0, total)
            .Select(i => device.PublishAsync(collector.Topic("event"), $$"""{"id":"over-{{i}}","code":40,"state":1}"""))
            .ToList();
        var burst = await Task.WhenAll(acks.Take(OverloadAppFactory.Burst)).WaitAsync(Guard);
        Assert.All(burst, a => Assert.True(a.IsSuccess));
        // The first one over the budget waits for a token, which only the clock brings; the others wait behind it.
        await delayed.Task.WaitAsync(Guard);
        Assert.DoesNotContain(acks.Skip(OverloadAppFactory.Burst), a => a.IsCompleted);

        // The rest wait for the budget (the clock), not lost and not refused: time passes, they are stored. The clock
        // moves a second at a time until they are: the waiting message may start its timer only after the "delayed"
        // mark was seen, and a timer started after an advance waits for the next one.
        var waiting = Task.WhenAll(acks.Skip(OverloadAppFactory.Burst));
        for (var second = 0; second < 4 * (over / OverloadAppFactory.Rate + 1) && !waiting.IsCompleted; second++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }
        var rest = await waiting.WaitAsync(Guard);
        Assert.All(rest, a => Assert.True(a.IsSuccess));
        Assert.True(device.IsConnected);
        // Each time the budget runs dry the next message waits (once per second of the clock here), and is counted.
        Assert.InRange(activity.OverBudgetDelayed, 1, over);
        Assert.Equal(0, activity.OverBudgetDropped);
        await app.FlushDeviceRecordsAsync();
        Assert.Equal(total, await app.AsSystemAsync((_, db) => db.ElevatorEvents.CountAsync(e => e.DeviceId == collector.DeviceId && e.EventId.StartsWith("over-"))));
    }

    private static MqttApplicationMessage State(DemoCollector collector, int seq, bool running) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(collector.Topic("state"))
            .WithPayload(Encoding.UTF8.GetBytes($$"""{"seq":{{seq}},"mode":1,"run":{{(running ? 1 : 0)}},"dir":0,"floor":3,"door":2}"""))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();

    /// <summary>Completes once the pipeline has taken (or dropped) this many more of the collector's messages.</summary>
    private static Task SeenCount(DeviceActivity activity, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        var watch = activity.Watch(_ =>
        {
            if (Interlocked.Increment(ref seen) == count)
            {
                done.TrySetResult();
            }
        }, out _);
        return done.Task.ContinueWith(_ => watch.Dispose(), TaskScheduler.Default);
    }
}
