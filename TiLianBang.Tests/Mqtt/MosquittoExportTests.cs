using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Devices;

namespace TiLianBang.Tests.Mqtt;

/// <summary>
/// Issue 19: Debian's Mosquitto as the external broker, started by the test with the files <c>mosquitto-export</c>
/// wrote from the test database, keeps every collector in its own topics as the embedded broker does.
/// </summary>
public sealed class MosquittoExportTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>, IAsyncLifetime
{
    private const string PlatformUser = "tlb-platform";
    private const string PlatformPassword = "platform-password-for-tests";
    private const string State = """{"mode":1,"run":0,"dir":0,"floor":3,"door":4}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("tlb-mosquitto-").FullName;
    private Process? _broker;
    private int _port;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_broker is { } broker)
        {
            broker.Kill();
            await broker.WaitForExitAsync();
            broker.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> ExportAsync()
    {
        var output = new StringWriter();
        var exit = await MosquittoExportCommand.RunAsync(
        [
            "--to", _directory,
            $"--App:DataDirectory={app.DataDirectory}",
            $"--Mqtt:External:UserName={PlatformUser}",
            $"--Mqtt:External:Password={PlatformPassword}",
            "--Logging:LogLevel:Default=Warning",
        ], output, output);
        return (exit, output.ToString());
    }

    /// <summary>Mosquitto on a free port with the exported files; returns once it says it is running.</summary>
    private async Task StartMosquittoAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var config = Path.Combine(_directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {_port} 127.0.0.1
            allow_anonymous false
            per_listener_settings false
            password_file {Path.Combine(_directory, "passwd")}
            acl_file {Path.Combine(_directory, "acl")}
            persistence false
            log_dest stderr
            # Run as root (a container), mosquitto would switch to its own user, which cannot read the test's files.
            user root
            """);
        _broker = ForeignProcess.Start(File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto", "-c", config);
        var log = new StringBuilder();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (await _broker.StandardError.ReadLineAsync(deadline.Token) is { } line)
        {
            log.AppendLine(line);
            if (line.Contains(" running", StringComparison.Ordinal))
            {
                _ = _broker.StandardError.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }
        throw new InvalidOperationException("mosquitto did not start:\n" + log);
    }

    private async Task<(IMqttClient Client, MqttClientConnectResultCode Result)> ConnectAsync(string clientId, string userName, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(clientId)
            .WithCredentials(userName, password)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        try
        {
            var result = await client.ConnectAsync(options);
            return (client, result.ResultCode);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            // A refusal MQTTnet could not map to a reason code; still a refusal.
            return (client, MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    /// <summary>Every message a client receives, in order.</summary>
    private static Channel<MqttApplicationMessage> Inbox(IMqttClient client)
    {
        var inbox = Channel.CreateUnbounded<MqttApplicationMessage>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            inbox.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return inbox;
    }

    private static async Task<MqttApplicationMessage> NextAsync(Channel<MqttApplicationMessage> inbox) =>
        await inbox.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The pre-PBKDF2 format of older installations, written by hand: s1$salt$SHA-256(salt ‖ secret).</summary>
    private static string LegacyHash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"s1${Convert.ToBase64String(salt)}${Convert.ToBase64String(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]))}";
    }

    [Fact]
    public async Task MosquittoWithTheExportedFilesKeepsCollectorsInTheirOwnTopics()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 41);
        var victim = await DemoCollector.OfElevatorAsync(app, 42);
        var stale = await DemoCollector.OfElevatorAsync(app, 43);
        var registered = await app.AsSystemAsync(async (_, db) =>
        {
            // An installation from before the Mosquitto-compatible hashes: this collector's secret cannot be exported.
            var old = await db.Devices.SingleAsync(d => d.DeviceId == stale.DeviceId);
            old.SecretHash = LegacyHash(stale.Secret);
            await db.SaveChangesAsync();
            return await db.Devices.CountAsync();
        });

        var (exit, output) = await ExportAsync();

        Assert.True(exit == 0, output);
        Assert.Contains($"{registered - 1} collectors", output);
        Assert.Contains(stale.DeviceId, output);
        Assert.Equal([stale.DeviceId], await File.ReadAllLinesAsync(Path.Combine(_directory, "needs-new-secret.txt")));
        var passwd = await File.ReadAllLinesAsync(Path.Combine(_directory, "passwd"));
        Assert.Equal(registered, passwd.Length); // the platform plus every collector but the stale one
        Assert.StartsWith($"{PlatformUser}:$7$101$", passwd[0]);
        Assert.DoesNotContain(passwd, l => l.StartsWith(stale.DeviceId + ":", StringComparison.Ordinal));
        var acl = await File.ReadAllTextAsync(Path.Combine(_directory, "acl"));
        Assert.Contains($"user {collector.DeviceId}\ntopic write tlb/{collector.DeviceId}/state\n", acl);
        Assert.Contains($"topic read tlb/{collector.DeviceId}/cmd\n", acl);
        Assert.Contains("topic readwrite tilianbang/cluster/#\n", acl);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(_directory, "passwd")));
        }

        await StartMosquittoAsync();

        // The platform takes the collectors' messages through a shared subscription, as each web node does.
        var (platform, platformResult) = await ConnectAsync("tlb-node-a", PlatformUser, PlatformPassword);
        using var _ = platform;
        Assert.Equal(MqttClientConnectResultCode.Success, platformResult);
        var received = Inbox(platform);
        var shared = await platform.SubscribeAsync("$share/tilianbang/tlb/+/state", MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, shared.Items.Single().ResultCode);

        // A foreign client (Debian's mosquitto_pub) as the registered collector, with its secret: its state arrives.
        var published = await ForeignProcess.RunAsync("mosquitto_pub",
            "-h", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", collector.DeviceId, "-u", collector.DeviceId, "-P", collector.Secret, "-q", "1", "-t", collector.Topic("state"), "-m", State);
        Assert.True(published.ExitCode == 0, published.Error);
        var first = await NextAsync(received);
        Assert.Equal(collector.Topic("state"), first.Topic);
        Assert.Equal(State, first.ConvertPayloadToString());

        // A wrong secret, and the stale collector's real secret (its hash was not exported), are refused.
        var (wrong, wrongResult) = await ConnectAsync(collector.DeviceId, collector.DeviceId, "wrong-secret");
        wrong.Dispose();
        Assert.NotEqual(MqttClientConnectResultCode.Success, wrongResult);
        var (old, oldResult) = await ConnectAsync(stale.DeviceId, stale.DeviceId, stale.Secret);
        old.Dispose();
        Assert.NotEqual(MqttClientConnectResultCode.Success, oldResult);

        // The collector writes into another device's topic, then into its own: only its own gets through
        // (Mosquitto delivers one client's messages in order, so the intrusion would have come first).
        var (intruder, intruderResult) = await ConnectAsync(collector.DeviceId, collector.DeviceId, collector.Secret);
        using var __ = intruder;
        Assert.Equal(MqttClientConnectResultCode.Success, intruderResult);
        var intrusion = await intruder.PublishAsync(victim.Topic("state"), """{"mode":1,"run":1,"dir":1,"floor":66,"door":2}""");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, intrusion.ReasonCode);
        await intruder.PublishAsync(collector.Topic("state"), State);
        var next = await NextAsync(received);
        Assert.Equal(collector.Topic("state"), next.Topic);

        // It may not subscribe to another collector's commands; the victim gets its command, the intruder only its own.
        var intruderInbox = Inbox(intruder);
        // Mosquitto 2.0.11 grants the SUBACK; its read check at delivery is what keeps the victim's commands away.
        await intruder.SubscribeAsync(victim.Topic("cmd"), MqttQualityOfServiceLevel.AtLeastOnce);
        var own = await intruder.SubscribeAsync(collector.Topic("cmd"), MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
        var (target, targetResult) = await ConnectAsync(victim.DeviceId, victim.DeviceId, victim.Secret);
        using var ___ = target;
        Assert.Equal(MqttClientConnectResultCode.Success, targetResult);
        var targetInbox = Inbox(target);
        await target.SubscribeAsync(victim.Topic("cmd"), MqttQualityOfServiceLevel.AtLeastOnce);

        await platform.PublishAsync(victim.Topic("cmd"), """{"id":"c-1","op":"reboot","args":{}}""");
        await platform.PublishAsync(collector.Topic("cmd"), """{"id":"c-2","op":"reboot","args":{}}""");

        Assert.Equal(victim.Topic("cmd"), (await NextAsync(targetInbox)).Topic);
        Assert.Equal("""{"id":"c-2","op":"reboot","args":{}}""", (await NextAsync(intruderInbox)).ConvertPayloadToString());
        Assert.False(intruderInbox.Reader.TryRead(out var extra), $"the intruder also got {extra?.Topic}");
    }

    [Fact]
    public async Task ACollectorWithAnOldHashGetsANewSecretFromItsOwnCompanyOnlyAndIsExportedThen()
    {
        var stale = await DemoCollector.OfElevatorAsync(app, 44);
        await app.AsSystemAsync(async (_, db) =>
        {
            var old = await db.Devices.SingleAsync(d => d.DeviceId == stale.DeviceId);
            old.SecretHash = LegacyHash(stale.Secret);
            return await db.SaveChangesAsync();
        });
        Assert.Contains(stale.DeviceId, (await ExportAsync()).Output);

        using var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/v1/devices/{stale.DeviceId}/secret", null)).StatusCode);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var reset = await worker.PostAsync($"/api/v1/devices/{stale.DeviceId}/secret", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var fresh = System.Text.Json.JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        Assert.NotEqual(stale.Secret, fresh);

        var (exit, output) = await ExportAsync();

        Assert.True(exit == 0, output);
        Assert.DoesNotContain(stale.DeviceId, output);
        var stillStale = Path.Combine(_directory, "needs-new-secret.txt");
        Assert.False(File.Exists(stillStale) && (await File.ReadAllLinesAsync(stillStale)).Contains(stale.DeviceId));
        var line = (await File.ReadAllLinesAsync(Path.Combine(_directory, "passwd"))).Single(l => l.StartsWith(stale.DeviceId + ":", StringComparison.Ordinal));
        var hash = line[(stale.DeviceId.Length + 1)..];
        Assert.True(DeviceSecret.Verify(hash, fresh));
        Assert.False(DeviceSecret.Verify(hash, stale.Secret));
        // The embedded broker takes the new secret at once and no longer the old one.
        var directory = (DeviceDirectory)app.Services.GetService(typeof(DeviceDirectory))!;
        Assert.Equal(DeviceAuthentication.Accepted, directory.Authenticate(stale.DeviceId, stale.DeviceId, fresh));
        Assert.Equal(DeviceAuthentication.WrongSecret, directory.Authenticate(stale.DeviceId, stale.DeviceId, stale.Secret));
        // Who changed the secret is in the operation log; the secret's hash is not.
        var logged = await app.AsSystemAsync((_, db) => db.OperationLogs.AsNoTracking()
            .Where(l => l.UserName == DemoAccounts.MaintenanceWorker && l.Target!.StartsWith("Device"))
            .Select(l => l.Summary ?? "")
            .ToListAsync());
        Assert.Contains(logged, s => s.Contains("Credentials", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, s => s.Contains("$7$", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutThePlatformAccountTheExportRefusesAndSaysWhy()
    {
        var output = new StringWriter();
        var exit = await MosquittoExportCommand.RunAsync(["--to", _directory, $"--App:DataDirectory={app.DataDirectory}", "--Logging:LogLevel:Default=Warning"], output, output);

        Assert.Equal(1, exit);
        Assert.Contains("Mqtt:External:UserName", output.ToString());
        Assert.False(File.Exists(Path.Combine(_directory, "passwd")));
    }
}
