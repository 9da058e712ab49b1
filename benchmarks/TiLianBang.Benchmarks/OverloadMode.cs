using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TiLianBang.Core.Demo;

namespace TiLianBang.Benchmarks;

/// <summary>
/// More than the server can take (issue 20, goal 4): N collectors each publish QoS 0 states back to back, as fast as
/// the connection lets them (TCP back-pressure is the only brake), for the given seconds. With
/// <c>boundaries</c> every state flips <c>run</c>, so each one is a trip boundary the state history must record.
/// The first <c>budgetBreakers</c> collectors are the flooders; the others send at the protocol's 4 states a second,
/// and their latency is what must stay bounded. Prints what it sent.
/// </summary>
internal static class OverloadMode
{
    public static async Task<int> RunAsync(int count, int port, int seconds, bool boundaries, int steady)
    {
        var clients = new List<IMqttClient>(count);
        var connecting = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(1, count).Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(n => ConnectAsync(DemoDevices.DeviceIdFor(n), port))));
        }
        Console.WriteLine($"CONNECTED {clients.Count} of {count} in {connecting.Elapsed.TotalSeconds:F1}s");

        long flooded = 0, paced = 0;
        var end = Stopwatch.StartNew();
        var runs = clients.Select(async (client, i) =>
        {
            var deviceId = DemoDevices.DeviceIdFor(i + 1);
            var topic = $"tlb/{deviceId}/state";
            var isSteady = i >= count - steady;
            var seq = 0L;
            while (end.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                seq++;
                var running = !boundaries || seq % 2 == 0;
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"seq":{{seq}},"mode":1,"run":{{(running ? 1 : 0)}},"dir":1,"floor":{{seq % 18 + 1}},"door":2}"""));
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());
                if (isSteady)
                {
                    Interlocked.Increment(ref paced);
                    await Task.Delay(250);
                }
                else
                {
                    Interlocked.Increment(ref flooded);
                }
            }
        });
        await Task.WhenAll(runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SENT flooders={count - steady} steady={steady} flooded={flooded} paced={paced} total={flooded + paced} seconds={end.Elapsed.TotalSeconds:F1} rate={(flooded + paced) / end.Elapsed.TotalSeconds:F0}/s"));
        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }
        return 0;
    }

    private static async Task<IMqttClient> ConnectAsync(string deviceId, int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, DemoDevices.SecretFor(deviceId))
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build());
        return client;
    }
}
