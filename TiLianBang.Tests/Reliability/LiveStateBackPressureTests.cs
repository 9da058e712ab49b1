using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Reliability;

/// <summary>
/// A database that falls behind fills the record queue, and then a collector whose state starts a trip waits to hand
/// over its history row (TCP back-pressure); the live view must not wait with it (issue 20). Here the queue is small
/// and nothing drains it, as if the database had stopped.
/// </summary>
public sealed class LiveStateBackPressureTests(LiveStateBackPressureTests.Fixture app) : IClassFixture<LiveStateBackPressureTests.Fixture>
{
    /// <summary>A guard against a hung test, not a sleep: each wait ends as soon as what it waits for happened.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public sealed class Fixture : TiLianBangAppFactory
    {
        public const int QueueCapacity = 64;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(new DeviceRecordBuffer(QueueCapacity));
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DeviceRecordWriter)));
            });
        }
    }

    [Fact]
    public async Task ATripStartReachesTheLiveViewWhileItsHistoryRowWaitsForAFullQueue()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 41);
        var filler = await DemoCollector.OfElevatorAsync(app, 42);
        await using var connection = await RawMqttConnection.ConnectAsync(app.MqttPort, collector);
        var hub = app.Services.GetRequiredService<IElevatorStateHub>();
        var buffer = app.Services.GetRequiredService<DeviceRecordBuffer>();
        var standing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = hub.Subscribe(collector.ElevatorId, change =>
        {
            if (change.State.HasState)
            {
                (change.State.Running ? running : standing).TrySetResult();
            }
        });
        // The car stands: once that is live, the connection's start-up (and its records) is behind us.
        await connection.SendAsync(RawMqttConnection.Publish(collector.Topic("state"),
            Encoding.UTF8.GetBytes("""{"seq":7000,"mode":1,"run":0,"dir":0,"floor":1,"door":1}"""), qos: 0));
        await standing.Task.WaitAsync(Guard);

        // Nobody drains the queue here (as when the database is slow): it fills up.
        ValueTask waiting;
        var filled = 0;
        while ((waiting = buffer.EnqueueAsync(Row(filler, filled++), CancellationToken.None)).IsCompleted)
        {
            Assert.True(filled <= Fixture.QueueCapacity, "the record queue never filled");
        }

        // A trip starts: its history row has to wait for room in the queue, the live view does not.
        await connection.SendAsync(RawMqttConnection.Publish(collector.Topic("state"),
            Encoding.UTF8.GetBytes("""{"seq":7001,"mode":1,"run":1,"dir":1,"floor":3,"door":2}"""), qos: 0));
        await running.Task.WaitAsync(Guard);

        Assert.False(waiting.IsCompleted);
        Assert.Equal(3, hub.Find(collector.ElevatorId)!.Floor);
    }

    private static StateChange Row(DemoCollector collector, int i) => new()
    {
        ElevatorId = collector.ElevatorId,
        DeviceId = collector.DeviceId,
        Mode = Core.Devices.Protocol.ServiceMode.Normal,
        Running = i % 2 == 0,
        Direction = Core.Devices.Protocol.CarDirection.None,
        Floor = 1,
        AtUtc = DateTime.UtcNow,
    };
}
