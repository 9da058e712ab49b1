using System.Text;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Tests.Mqtt;

/// <summary>
/// DEV-5: a collector's last messages, kept as bytes in reused slots and turned into text only when read. The slots
/// are reused, so what is read must be exactly what each message was, never a leftover of a longer earlier one.
/// </summary>
public sealed class LatestMessagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheLastTwentyAreKeptNewestFirstWithTheirTopicsAndRejections()
    {
        var activity = new DeviceActivity("TLB-RING-1");
        for (var i = 1; i <= 45; i++)
        {
            // Long and short payloads alternate: a reused slot must not show the tail of a longer one.
            var payload = i % 2 == 0 ? $"{{\"seq\":{i},\"pad\":\"{new string('p', 300)}\"}}" : $"{{\"seq\":{i}}}";
            activity.Remember(T0.AddSeconds(i), i % 3 == 0 ? TopicKind.Event : TopicKind.State, Encoding.UTF8.GetBytes(payload),
                i % 5 == 0 ? $"rejected {i}" : null);
        }

        var latest = activity.LatestMessages;

        Assert.Equal(DeviceActivity.RawMessageCapacity, latest.Count);
        for (var k = 0; k < latest.Count; k++)
        {
            var i = 45 - k;
            var expected = i % 2 == 0 ? $"{{\"seq\":{i},\"pad\":\"{new string('p', 300)}\"}}" : $"{{\"seq\":{i}}}";
            Assert.Equal(expected, latest[k].Payload);
            Assert.Equal(T0.AddSeconds(i), latest[k].At);
            Assert.Equal(DeviceTopic.For("TLB-RING-1", i % 3 == 0 ? TopicKind.Event : TopicKind.State), latest[k].Topic);
            Assert.Equal(i % 5 == 0 ? $"rejected {i}" : null, latest[k].Rejection);
        }
    }

    [Fact]
    public void APayloadBeyondThePreviewIsCutAndItsLengthSaid()
    {
        var activity = new DeviceActivity("TLB-RING-2");
        var big = new string('x', RawMessageRing.PreviewBytes + 500);
        activity.Remember(T0, TopicKind.State, Encoding.UTF8.GetBytes(big), "payload too large");
        activity.Remember(T0.AddSeconds(1), TopicKind.State, "{}"u8, null);

        var latest = activity.LatestMessages;

        Assert.Equal("{}", latest[0].Payload);
        Assert.Equal(new string('x', RawMessageRing.PreviewBytes) + $"… ({big.Length} bytes)", latest[1].Payload);
    }

    [Fact]
    public void ARefusedTopicIsKeptByItsDescriptionWithoutPayload()
    {
        var activity = new DeviceActivity("TLB-RING-3");
        activity.Remember(T0, TopicKind.State, "{\"seq\":1}"u8, null);
        activity.Remember(T0.AddSeconds(1), "publish tlb/device/OTHER/state", "refused: not its own topic");

        var latest = activity.LatestMessages;

        Assert.Equal(new RawMessage(T0.AddSeconds(1), "publish tlb/device/OTHER/state", "", "refused: not its own topic"), latest[0]);
        Assert.Equal("{\"seq\":1}", latest[1].Payload);
    }

    [Fact]
    public void AWatcherGetsWhatCameBeforeOnceAndEachNewMessageAsItComes()
    {
        var activity = new DeviceActivity("TLB-RING-4");
        activity.Remember(T0, TopicKind.State, "{\"seq\":1}"u8, null);
        activity.Remember(T0.AddSeconds(1), TopicKind.State, "{\"seq\":2}"u8, null);
        var told = new List<RawMessage>();

        using (activity.Watch(told.Add, out var recent))
        {
            Assert.Equal(["{\"seq\":1}", "{\"seq\":2}"], recent.Select(m => m.Payload));
            activity.Remember(T0.AddSeconds(2), TopicKind.Io, "{\"in\":[1]}"u8, null);
        }
        activity.Remember(T0.AddSeconds(3), TopicKind.State, "{\"seq\":4}"u8, null);

        var only = Assert.Single(told);
        Assert.Equal(new RawMessage(T0.AddSeconds(2), DeviceTopic.For("TLB-RING-4", TopicKind.Io), "{\"in\":[1]}", null), only);
    }

    [Fact]
    public void NoMessagesReadsAsEmpty() => Assert.Empty(new DeviceActivity("TLB-RING-5").LatestMessages);
}
