namespace TiLianBang.Tests.Infrastructure;

/// <summary>After something hostile or broken: the broker still takes a collector's state and the state goes live.</summary>
public static class ServingCheck
{
    private static int _sequence = 700_000;

    public static async Task AssertStillServesCollectorsAsync(this TiLianBangAppFactory app, int elevatorIndex)
    {
        var other = await DemoCollector.OfElevatorAsync(app, elevatorIndex);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, other);
        var seq = Interlocked.Increment(ref _sequence);
        await device.PublishAsync(other.Topic("state"), $$"""{"seq":{{seq}},"mode":1,"run":0,"dir":0,"floor":2,"door":4}""");
        await app.WaitForAsync(other.ElevatorId, s => s.Sequence == seq);
    }
}
