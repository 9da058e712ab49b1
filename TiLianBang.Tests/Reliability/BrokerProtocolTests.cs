using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Reliability;

/// <summary>
/// Connections that break the MQTT rules cannot hold the broker: silent or half-open sockets are closed after the
/// connect timeout (plain and TLS), a packet announcing more than the limit is refused before its body arrives,
/// protocol violations close the connection. Each time the platform goes on serving the other collectors.
/// </summary>
public sealed class BrokerProtocolTests(BrokerProtocolTests.Fixture app) : IClassFixture<BrokerProtocolTests.Fixture>
{
    /// <summary>The app with a short connect timeout and a TLS port.</summary>
    public sealed class Fixture : TiLianBangAppFactory
    {
        private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"tlb-protocol-{Guid.NewGuid():N}.pfx");

        public Fixture()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
            Thumbprint = certificate.Thumbprint;
            Settings["Mqtt:ConnectTimeout"] = "00:00:02";
            Settings["Mqtt:MaxPendingConnectionsPerAddress"] = "8";
            Settings["Mqtt:TlsPort"] = "0";
            Settings["Mqtt:CertificatePath"] = _pfx;
            Settings["Mqtt:CertificatePassword"] = "pfx-password";
        }

        /// <summary>The broker's self-signed certificate: the only one the test client trusts.</summary>
        public string Thumbprint { get; }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(_pfx);
        }
    }

    [Fact]
    public async Task SilentConnectionIsClosedAfterTheConnectTimeout()
    {
        await using var silent = await RawMqttConnection.OpenAsync(app.MqttPort);

        Assert.True(await silent.ClosedByServerAsync());
        await app.AssertStillServesCollectorsAsync(20);
    }

    [Fact]
    public async Task IdleSocketsFromOneAddressAreCappedAndARealCollectorGetsInOnceTheyAreGone()
    {
        var broker = app.Services.GetRequiredService<DeviceBroker>();
        var refused = broker.RefusedPending;
        var idle = new List<RawMqttConnection>();
        for (var i = 0; i < 8; i++)
        {
            idle.Add(await RawMqttConnection.OpenAsync(app.MqttPort));
        }

        await using (var ninth = await RawMqttConnection.OpenAsync(app.MqttPort))
        {
            Assert.True(await ninth.ClosedByServerAsync());
        }

        Assert.Equal(refused + 1, broker.RefusedPending);
        foreach (var socket in idle)
        {
            await socket.DisposeAsync();
        }
        // The server notices the closed sockets on its own; a guard, not a sleep, while it does.
        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (broker.PendingConnections > 0 && DateTime.UtcNow < guard)
        {
            await Task.Delay(20);
        }
        await app.AssertStillServesCollectorsAsync(19);
    }

    [Fact]
    public async Task HalfAConnectPacketIsClosedAfterTheConnectTimeout()
    {
        await using var slow = await RawMqttConnection.OpenAsync(app.MqttPort);
        var connect = RawMqttConnection.Connect("868120250000021", "868120250000021", "x", 5);

        await slow.SendAsync(connect[..6]);

        Assert.True(await slow.ClosedByServerAsync());
        await app.AssertStillServesCollectorsAsync(21);
    }

    [Fact]
    public async Task SilentTlsHandshakeIsClosedAfterTheConnectTimeout()
    {
        var tlsPort = app.Services.GetRequiredService<DeviceBroker>().TlsPort!.Value;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", tlsPort);
        var stream = tcp.GetStream();

        // Nothing is sent: no ClientHello. The server must not wait for ever.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var read = await stream.ReadAsync(new byte[16], guard.Token);

        Assert.Equal(0, read);
        await app.AssertStillServesCollectorsAsync(22);
    }

    [Fact]
    public async Task TlsStillWorksForARealCollector()
    {
        var tlsPort = app.Services.GetRequiredService<DeviceBroker>().TlsPort!.Value;
        var collector = await DemoCollector.OfElevatorAsync(app, 23);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", tlsPort);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == app.Thumbprint);
        await ssl.AuthenticateAsClientAsync("localhost");
        await ssl.WriteAsync(RawMqttConnection.Connect(collector.DeviceId, collector.DeviceId, collector.Secret, 4));

        var connack = new byte[4];
        await ssl.ReadExactlyAsync(connack);

        Assert.Equal([0x20, 0x02, 0x00, 0x00], connack);
    }

    [Fact]
    public async Task PacketAnnouncingMoreThanTheLimitIsRefusedBeforeItsBodyArrives()
    {
        var broker = app.Services.GetRequiredService<DeviceBroker>();
        await using var greedy = await RawMqttConnection.OpenAsync(app.MqttPort);
        var tooLarge = broker.PacketsTooLarge;

        // A CONNECT claiming 256 MiB: five bytes, no body.
        await greedy.SendAsync([0x10, 0xFF, 0xFF, 0xFF, 0x7F]);

        Assert.True(await greedy.ClosedByServerAsync());
        // Closed by the framing guard as the length arrived, not by the connect timeout.
        Assert.True(broker.PacketsTooLarge > tooLarge);
        await app.AssertStillServesCollectorsAsync(24);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task PublishLargerThanThePacketLimitClosesTheConnectionAndChangesNothing(int version)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 25);
        var before = app.Services.GetRequiredService<IElevatorStateHub>().Find(collector.ElevatorId);
        await using var device = await RawMqttConnection.ConnectAsync(app.MqttPort, collector, version);
        var payload = Encoding.UTF8.GetBytes("""{"mode":1,"run":0,"dir":0,"floor":3,"door":4,"pad":"PAD"}""".Replace("PAD", new string('x', 24 * 1024), StringComparison.Ordinal));

        await device.SendAsync(RawMqttConnection.Publish(collector.Topic("state"), payload, qos: 1, packetId: 1, version));

        Assert.True(await device.ClosedByServerAsync());
        Assert.Equal(before?.Sequence, app.Services.GetRequiredService<IElevatorStateHub>().Find(collector.ElevatorId)?.Sequence);
        await app.AssertStillServesCollectorsAsync(26);
    }

    public static TheoryData<string, int> Violations => new()
    {
        { "second CONNECT", 5 },
        { "second CONNECT", 4 },
        { "PUBLISH with QoS 3", 5 },
        { "PUBLISH with QoS 3", 4 },
        { "reserved packet type 0", 5 },
        { "SUBSCRIBE with wrong flags", 5 },
        { "PINGRESP from a client", 5 },
        { "remaining length over four bytes", 5 },
        { "AUTH in MQTT 3.1.1", 4 },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task ProtocolViolationClosesTheConnection(string violation, int version)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 27);
        await using var device = await RawMqttConnection.ConnectAsync(app.MqttPort, collector, version);
        byte[] bytes = violation switch
        {
            "second CONNECT" => RawMqttConnection.Connect(collector.DeviceId, collector.DeviceId, collector.Secret, version),
            "PUBLISH with QoS 3" => [0x36, .. RawMqttConnection.Publish(collector.Topic("state"), "{}"u8.ToArray(), 1, 1, version)[1..]],
            "reserved packet type 0" => [0x00, 0x00],
            "SUBSCRIBE with wrong flags" => [0x80, 0x09, 0x00, 0x01, 0x00, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x01],
            "PINGRESP from a client" => [0xD0, 0x00],
            "remaining length over four bytes" => [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
            "AUTH in MQTT 3.1.1" => [0xF0, 0x00],
            _ => throw new ArgumentOutOfRangeException(nameof(violation)),
        };

        await device.SendAsync(bytes);

        Assert.True(await device.ClosedByServerAsync());
        await app.AssertStillServesCollectorsAsync(28);
    }

    [Theory]
    [InlineData("tlb/{id}/#")]
    [InlineData("tlb/+/state")]
    [InlineData("tlb/{id}/state\u0000")]
    [InlineData("")]
    public async Task PublishToAnInvalidTopicNameIsNeverApplied(string template)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 29);
        var hub = app.Services.GetRequiredService<IElevatorStateHub>();
        var before = hub.Find(collector.ElevatorId)?.Sequence;
        await using var device = await RawMqttConnection.ConnectAsync(app.MqttPort, collector);
        var topic = template.Replace("{id}", collector.DeviceId, StringComparison.Ordinal);

        await device.SendAsync(RawMqttConnection.Publish(topic, """{"seq":424242,"mode":1,"run":0,"dir":0,"floor":3,"door":4}"""u8.ToArray()));
        var answer = await device.ReadPacketAsync();

        // Either the connection is closed (protocol error) or the publish is refused; never applied.
        if (answer is not null)
        {
            Assert.Equal(0x40, answer[0]);
            Assert.True(answer[^1] >= 0x80 || answer[^2] >= 0x80, "the publish was not refused");
        }
        Assert.Equal(before, hub.Find(collector.ElevatorId)?.Sequence);
        await app.AssertStillServesCollectorsAsync(30);
    }

    [Fact]
    public async Task PacketsSplitAcrossReadsLargerThanTheReadAheadOrSharingOneReadAreEachTakenWhole()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 31);
        await using var device = await RawMqttConnection.ConnectAsync(app.MqttPort, collector, version: 5);
        static byte[] State(int seq) => Encoding.UTF8.GetBytes($$"""{"seq":{{seq}},"mode":1,"run":0,"dir":0,"floor":4,"door":4}""");
        async Task AcknowledgedAsync(ushort packetId)
        {
            var answer = await device.ReadPacketAsync();
            Assert.NotNull(answer);
            var at = 1 + RawMqttConnection.LengthBytes(answer!);
            Assert.Equal(0x40, answer![0]);
            Assert.Equal(packetId, (ushort)(answer[at] << 8 | answer[at + 1]));
            // MQTT 5: no reason code byte means success.
            var reason = answer.Length > at + 2 ? answer[at + 2] : 0;
            Assert.True(reason == 0, $"PUBACK {packetId} refused with 0x{reason:X2}");
        }

        // One packet a byte at a time: the fixed header, its length and the body each arrive apart.
        foreach (var b in RawMqttConnection.Publish(collector.Topic("state"), State(101), qos: 1, packetId: 1))
        {
            await device.SendAsync([b]);
        }
        await AcknowledgedAsync(1);
        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == 101).WaitAsync(TimeSpan.FromSeconds(30));

        // A packet larger than one read-ahead buffer, then three packets in one write.
        var big = Encoding.UTF8.GetBytes($$$"""{"id":"split-big","code":40,"state":1,"detail":{"pad":"{{{new string('x', 3 * MqttFramingGuard.ReadAheadBytes)}}}"}}""");
        await device.SendAsync(RawMqttConnection.Publish(collector.Topic("event"), big, qos: 1, packetId: 2));
        await AcknowledgedAsync(2);
        await device.SendAsync([
            .. RawMqttConnection.Publish(collector.Topic("state"), State(102), qos: 1, packetId: 3),
            .. RawMqttConnection.Publish(collector.Topic("state"), State(103), qos: 1, packetId: 4),
            .. RawMqttConnection.Publish(collector.Topic("state"), State(104), qos: 1, packetId: 5)]);
        await AcknowledgedAsync(3);
        await AcknowledgedAsync(4);
        await AcknowledgedAsync(5);

        await app.WaitForAsync(collector.ElevatorId, s => s.Sequence == 104).WaitAsync(TimeSpan.FromSeconds(30));
        var detail = await app.AsSystemAsync((_, db) => db.ElevatorEvents
            .Where(e => e.DeviceId == collector.DeviceId && e.EventId == "split-big").Select(e => e.DetailJson).SingleAsync());
        Assert.Contains(new string('x', 3 * MqttFramingGuard.ReadAheadBytes), detail, StringComparison.Ordinal);
    }
}
