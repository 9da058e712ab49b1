using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Devices.Cluster;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Mqtt.External;

/// <summary>
/// Mosquitto as the external broker and two platform nodes (Mqtt:Mode = External) on one SQLite file in WAL mode,
/// both subscribed in the same shared group and knowing each other on the cluster topic.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    /// <summary>Demo elevators whose collectors the tests use (each test its own, so they do not meet).</summary>
    public static readonly int[] ElevatorIndexes = [20, 21, 22, 23, 24, 25, 26, 27];

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("tlb-cluster-").FullName;

    public TiLianBangAppFactory A { get; private set; } = null!;
    public TiLianBangAppFactory B { get; private set; } = null!;
    public MosquittoBroker Broker { get; private set; } = null!;
    public IReadOnlyList<DemoCollector> Collectors { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // A first run creates and seeds the database; the broker's password file needs the collectors' secrets.
        await using (var seeding = new TiLianBangAppFactory(_dataDirectory))
        {
            Collectors = await Task.WhenAll(ElevatorIndexes.Select(i => DemoCollector.OfElevatorAsync(seeding.Services, i)));
            Broker = await MosquittoBroker.StartAsync(seeding.Services);
        }
        A = Node();
        B = Node();
        _ = A.Services;
        _ = B.Services;
        var nodes = new[] { A, B };
        await Task.WhenAll(nodes.Select(n => n.Services.GetRequiredService<ExternalBrokerClient>().FirstConnected.WaitAsync(TimeSpan.FromSeconds(15))));
        await Task.WhenAll(nodes.Select(n => Until(() => n.Services.GetRequiredService<DeviceCluster>().Nodes.Count == 2)));
    }

    private TiLianBangAppFactory Node()
    {
        var node = new TiLianBangAppFactory(_dataDirectory);
        node.Settings["Mqtt:Mode"] = "External";
        node.Settings["Mqtt:External:Host"] = "127.0.0.1";
        node.Settings["Mqtt:External:Port"] = Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        node.Settings["Mqtt:External:UserName"] = MosquittoBroker.PlatformUser;
        node.Settings["Mqtt:External:Password"] = MosquittoBroker.PlatformPassword;
        return node;
    }

    public static ExternalBrokerClient ClientOf(TiLianBangAppFactory node) => node.Services.GetRequiredService<ExternalBrokerClient>();

    public static DeviceActivity ActivityOf(TiLianBangAppFactory node, DemoCollector collector) =>
        node.Services.GetRequiredService<DeviceActivityRegistry>().For(collector.DeviceId);

    /// <summary>Waits for a condition another process or thread makes true (a guard against a hang, not a sleep).</summary>
    public static async Task Until(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
