using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Reliability;

/// <summary>
/// Our own reliability suite for device input. Per class of bad input one table-driven test sends each case over
/// real TCP to the real broker and checks the same four things: the message is refused with its reason, the
/// elevator's live state and stored records are unchanged, the reason is recorded with the raw message, and the
/// same connection still gets a good message through.
/// </summary>
public sealed class DeviceInputReliabilityTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static int _sequence = 1000;

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "state", "", "invalid JSON" },
        { "state", "{", "invalid JSON" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4}garbage""", "invalid JSON" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,}""", "invalid JSON" },
        { "state", """{"mode":1 /* comment */,"run":0,"dir":0,"floor":3,"door":4}""", "invalid JSON" },
        { "state", """{"mode":NaN,"run":0,"dir":0,"floor":3,"door":4}""", "invalid JSON" },
        { "state", "null", "must be a JSON object" },
        { "event", "\"e-1\"", "must be a JSON object" },
        { "stats", "[]", "must be a JSON object" },
        { "reply", """{"id":"c-1","ok":true""", "invalid JSON" },
        { "online", "", "online payload must be 1 or 0" },
        { "online", "10", "online payload must be 1 or 0" },
    };

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "state", """{"mode":"1","run":0,"dir":0,"floor":3,"door":4}""", "'mode' must be an integer" },
        { "state", """{"mode":1,"run":true,"dir":0,"floor":3,"door":4}""", "'run' must be an integer" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"calls":[1]}""", "'calls' must be an object" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"calls":{"car":5}}""", "'car' must be an array" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"calls":{"up":["2"]}}""", "'up' entries" },
        { "event", """{"id":7,"code":11,"state":1}""", "'id' must be a string" },
        { "event", """{"id":"e-t","code":11,"state":1,"detail":"text"}""", "'detail' must be an object" },
        { "event", """{"id":"e-t","code":11,"state":1,"detail":["\u00ff"]}""", "'detail' must be an object" },
        { "io", """{"in":"0101"}""", "'in' must be an array" },
        { "stats", """{"runs":"5","runHours":1,"doorCycles":1}""", "'runs' must be an integer" },
        { "info", """{"heartbeat":"30"}""", "'heartbeat' must be an integer" },
        { "reply", """{"id":"c-1","ok":"yes"}""", "'ok' must be true or false" },
    };

    public static TheoryData<string, string, string> Ranges => new()
    {
        { "state", """{"mode":1,"run":0,"dir":0,"floor":0,"door":4}""", "'floor' must be between 1 and 255" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":256,"door":4}""", "'floor' must be between 1 and 255" },
        { "state", """{"mode":-1,"run":0,"dir":0,"floor":3,"door":4}""", "'mode' must be between 0 and 7" },
        { "state", """{"mode":1,"run":2,"dir":0,"floor":3,"door":4}""", "'run' must be between 0 and 1" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":1e30,"door":4}""", "'floor' must be an integer" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"seq":-1}""", "'seq' must be between" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"seq":99999999999999999999999}""", "'seq' must be an integer" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"speed":1e400}""", "'speed' must be between" },
        { "event", """{"id":"e-r","code":0,"state":1}""", "'code' must be between 1 and 999" },
        { "event", """{"id":"e-r","code":11,"state":1,"ts":-5}""", "'ts' must be between" },
        { "info", """{"heartbeat":5}""", "'heartbeat' must be between 10 and 600" },
        { "info", """{"signal":100}""", "'signal' must be between 0 and 99" },
        { "stats", """{"runs":1,"runHours":-0.5,"doorCycles":1}""", "'runHours' must be between" },
    };

    public static TheoryData<string, string, string> Sizes => new()
    {
        { "event", """{"id":"PAD","code":11,"state":1}""".Replace("PAD", new string('x', 65), StringComparison.Ordinal), "'id' must be 1–64 characters long" },
        { "event", """{"id":"","code":11,"state":1}""", "'id' must be 1–64 characters long" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"calls":{"car":[LIST]}}""".Replace("LIST", string.Join(',', Enumerable.Repeat(1, 256)), StringComparison.Ordinal), "'car' may hold at most 255 entries" },
        { "io", """{"in":[LIST]}""".Replace("LIST", string.Join(',', Enumerable.Repeat(0, 257)), StringComparison.Ordinal), "'in' may hold at most 256 entries" },
        { "info", """{"fw":"PAD"}""".Replace("PAD", new string('9', 65), StringComparison.Ordinal), "'fw' must be 0–64 characters long" },
        { "event", """{"id":"e-big","code":11,"state":1,"detail":{"pad":"PAD"}}""".Replace("PAD", new string('x', 16 * 1024), StringComparison.Ordinal), "at most 16384 allowed" },
    };

    public static TheoryData<string, string, string> Nesting => new()
    {
        { "event", """{"id":"e-n","code":11,"state":1,"detail":DEEP}""".Replace("DEEP", new string('[', 40) + new string(']', 40), StringComparison.Ordinal), "invalid JSON" },
        { "event", """{"id":"e-n","code":11,"state":1,"detail":DEEP}""".Replace("DEEP", string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20), StringComparison.Ordinal), "invalid JSON" },
        { "state", """{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"calls":{"car":[[3]]}}""", "'car' entries" },
        { "reply", """{"id":"c-1","ok":true,"data":DEEP}""".Replace("DEEP", string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20), StringComparison.Ordinal), "invalid JSON" },
    };

    /// <summary>Bytes that are not UTF-8 (written as \xNN), in strings, in wrong-typed fields, in keys, at the end.</summary>
    public static TheoryData<string, string, string> InvalidUtf8 => new()
    {
        { "event", """{"id":"e-u1","code":11,"state":1,"detail":{"note":"\xff"}}""", "not valid UTF-8" },
        { "event", """{"id":"e-\xc0\xaf","code":11,"state":1}""", "not valid UTF-8" },
        { "state", """{"mode":"\xed\xa0\x80","run":0,"dir":0,"floor":3,"door":4}""", "not valid UTF-8" },
        { "state", """{"mo\xfede":1,"run":0,"dir":0,"floor":3,"door":4}""", "not valid UTF-8" },
        { "info", """{"fw":"2.1\xe4\xb8"}""", "not valid UTF-8" },
        { "stats", """{"runs":1,"runHours":1,"doorCycles":1}\x80""", "not valid UTF-8" },
        { "reply", """{"id":"c-\xf8\x88\x80\x80\x80","ok":true}""", "not valid UTF-8" },
        // Valid UTF-8 that escapes a lone UTF-16 surrogate: no string can be made of it.
        { "event", """{"id":"e-\udc00","code":11,"state":1}""", "invalid JSON text" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public Task MalformedPayloadIsRefusedAndHarmless(string kind, string payload, string reason) => AssertRefusedAndHarmlessAsync(50, kind, Encoding.UTF8.GetBytes(payload), reason);

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public Task WrongTypeIsRefusedAndHarmless(string kind, string payload, string reason) => AssertRefusedAndHarmlessAsync(51, kind, Encoding.UTF8.GetBytes(payload), reason);

    [Theory]
    [MemberData(nameof(Ranges))]
    public Task OutOfRangeValueIsRefusedAndHarmless(string kind, string payload, string reason) => AssertRefusedAndHarmlessAsync(52, kind, Encoding.UTF8.GetBytes(payload), reason);

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task OversizedValueIsRefusedAndHarmless(string kind, string payload, string reason) => AssertRefusedAndHarmlessAsync(53, kind, Encoding.UTF8.GetBytes(payload), reason);

    [Theory]
    [MemberData(nameof(Nesting))]
    public Task DeepNestingIsRefusedAndHarmless(string kind, string payload, string reason) => AssertRefusedAndHarmlessAsync(54, kind, Encoding.UTF8.GetBytes(payload), reason);

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public Task InvalidUtf8IsRefusedAndHarmless(string kind, string payload, string reason) => AssertRefusedAndHarmlessAsync(55, kind, Bytes(payload), reason);

    [Theory]
    [InlineData("tlb/{id}/state/extra")]
    [InlineData("tlb/{id}/cmd")]
    [InlineData("tlb/{other}/state")]
    [InlineData("tlb/{id}/STATE")]
    [InlineData("tlb/{id}//state")]
    [InlineData("tlb/{id}/state/../../{other}/state")]
    [InlineData("tlb/{id}")]
    [InlineData("tlb")]
    [InlineData("$SYS/broker/load")]
    [InlineData("tlb/{id}/state ")]
    public async Task PublishOutsideItsOwnTopicsIsRefusedAndHarmless(string template)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 56);
        var other = await DemoCollector.OfElevatorAsync(app, 57);
        var topic = template.Replace("{id}", collector.DeviceId, StringComparison.Ordinal).Replace("{other}", other.DeviceId, StringComparison.Ordinal);
        var otherBefore = Hub.Find(other.ElevatorId);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var before = await GoodStateAsync(device, collector);
        var activity = Activities.For(collector.DeviceId);
        var refusedBefore = activity.Refused;

        var ack = await device.PublishAsync(topic, """{"mode":4,"run":1,"dir":1,"floor":9,"door":2}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Equal(refusedBefore + 1, activity.Refused);
        Assert.Contains(activity.LatestMessages, m => m.Topic.Contains(topic, StringComparison.Ordinal) && m.Rejection!.Contains("refused", StringComparison.Ordinal));
        AssertUnchanged(before, collector.ElevatorId);
        Assert.Equal(otherBefore, Hub.Find(other.ElevatorId));
        await AssertStillAcceptsGoodAsync(device, collector);
    }

    [Fact]
    public async Task FloodOfBadMessagesIsCountedLoggedOnceAMinuteAndTheConnectionStaysUseful()
    {
        const int Flood = 500;
        var collector = await DemoCollector.OfElevatorAsync(app, 58);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var before = await GoodStateAsync(device, collector);
        var activity = Activities.For(collector.DeviceId);
        var rejectedBefore = activity.Rejected;
        var bad = new MqttApplicationMessageBuilder().WithTopic(collector.Topic("state")).WithPayload("{\"floor\":").Build();

        for (var i = 0; i < Flood - 1; i++)
        {
            await device.PublishAsync(bad);
        }
        // The last one at QoS 1: its PUBACK comes after all before it on this connection were processed.
        var last = await device.PublishAsync(collector.Topic("state"), "{\"floor\":");

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, last.ReasonCode);
        Assert.Equal(rejectedBefore + Flood, activity.Rejected);
        AssertUnchanged(before, collector.ElevatorId);
        await AssertStillAcceptsGoodAsync(device, collector);
        Assert.Single(RejectionLines(collector.DeviceId));

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await device.PublishAsync(collector.Topic("state"), "{\"floor\":");
        var lines = RejectionLines(collector.DeviceId);
        Assert.Equal(2, lines.Count);
        Assert.Contains($"\"Held\":{Flood - 1}", lines[1], StringComparison.Ordinal);
    }

    private IElevatorStateHub Hub => app.Services.GetRequiredService<IElevatorStateHub>();
    private DeviceActivityRegistry Activities => app.Services.GetRequiredService<DeviceActivityRegistry>();

    private async Task AssertRefusedAndHarmlessAsync(int elevatorIndex, string kind, byte[] payload, string reason)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, elevatorIndex);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var before = await GoodStateAsync(device, collector);
        var records = await RecordsAsync(collector.DeviceId);
        var activity = Activities.For(collector.DeviceId);
        var rejectedBefore = activity.Rejected;

        var ack = await device.PublishAsync(collector.Topic(kind), payload);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.Contains(reason, ack.ReasonString, StringComparison.Ordinal);
        Assert.Equal(rejectedBefore + 1, activity.Rejected);
        Assert.Contains(activity.LatestMessages, m => m.Topic == collector.Topic(kind) && m.Rejection!.Contains(reason, StringComparison.Ordinal));
        AssertUnchanged(before, collector.ElevatorId);
        Assert.Equal(records, await RecordsAsync(collector.DeviceId));
        await AssertStillAcceptsGoodAsync(device, collector);
    }

    private async Task<ElevatorLiveState> GoodStateAsync(IMqttClient device, DemoCollector collector)
    {
        var seq = Interlocked.Increment(ref _sequence);
        await device.PublishAsync(collector.Topic("state"), $$"""{"seq":{{seq}},"mode":1,"run":0,"dir":0,"floor":5,"door":4,"load":20}""");
        return await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == seq);
    }

    private void AssertUnchanged(ElevatorLiveState before, int elevatorId)
    {
        var after = Hub.Find(elevatorId)!;
        Assert.Equal(before with { LastSeen = after.LastSeen }, after);
    }

    private async Task AssertStillAcceptsGoodAsync(IMqttClient device, DemoCollector collector)
    {
        Assert.True(device.IsConnected);
        var seq = Interlocked.Increment(ref _sequence);
        var ack = await device.PublishAsync(collector.Topic("state"), $$"""{"seq":{{seq}},"mode":1,"run":1,"dir":1,"floor":6,"door":2}""");
        Assert.True(ack.IsSuccess);
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == seq && s.Floor == 6);
    }

    /// <summary>Events, counter readings and connection changes stored for the device.</summary>
    private async Task<(int, int, int)> RecordsAsync(string deviceId)
    {
        await app.FlushDeviceRecordsAsync();
        return await app.AsSystemAsync(async (_, db) => (
            await db.ElevatorEvents.CountAsync(e => e.DeviceId == deviceId),
            await db.CounterReadings.CountAsync(c => c.DeviceId == deviceId),
            await db.ConnectionChanges.CountAsync(c => c.DeviceId == deviceId)));
    }

    private List<string> RejectionLines(string deviceId)
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(app.DataDirectory, "logs"), "*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains("\"@mt\":\"Rejected {Kind}", StringComparison.Ordinal) && line.Contains(deviceId, StringComparison.Ordinal))
                {
                    lines.Add(line);
                }
            }
        }
        return lines;
    }

    /// <summary>The text as UTF-8 with each <c>\xNN</c> replaced by that raw byte.</summary>
    private static byte[] Bytes(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                i += 3;
                continue;
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return [.. bytes];
    }
}
