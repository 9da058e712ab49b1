using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Cluster;

/// <summary>
/// Two web nodes of one installation (Cluster:Enabled) on ONE SQLite file in WAL mode, each with its own data folder
/// (so nothing is shared through files), the same clock, and the loopback stand-in for WeChat and SMS.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string _shared = Directory.CreateTempSubdirectory("tlb-cluster-").FullName;

    public FakeRemoteApi Remote { get; private set; } = default!;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public TiLianBangAppFactory A { get; private set; } = default!;
    public TiLianBangAppFactory B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Remote = await FakeRemoteApi.StartAsync();
        A = Node();
        B = Node();
        // The first node migrates and seeds; the second then finds the database ready, as a second server would.
        _ = A.Services;
        _ = B.Services;
    }

    private TiLianBangAppFactory Node()
    {
        var node = new TiLianBangAppFactory { Clock = Clock };
        node.Settings["ConnectionStrings:TiLianBang"] = $"Data Source={Path.Combine(_shared, "tilianbang.db")}";
        node.Settings["Cluster:Enabled"] = "true";
        node.Settings["WeChat:BaseUrl"] = Remote.BaseUrl;
        node.Settings["WeChat:AppId"] = "wx-test-app";
        node.Settings["WeChat:AppSecret"] = "secret";
        node.Settings["WeChat:TemplateId"] = "tmpl-repair";
        node.Settings["Sms:Endpoint"] = Remote.BaseUrl + "/sms/send";
        node.Settings["Sms:ApiKey"] = "sms-key";
        return node;
    }

    /// <summary>Runs the same work on both nodes at the same moment (each on its own thread).</summary>
    public async Task<(T OnA, T OnB)> BothAsync<T>(Func<TiLianBangAppFactory, Task<T>> work)
    {
        using var start = new ManualResetEventSlim();
        var onA = Task.Run(() => { start.Wait(); return work(A); });
        var onB = Task.Run(() => { start.Wait(); return work(B); });
        start.Set();
        return (await onA, await onB);
    }

    public static T Get<T>(TiLianBangAppFactory node) where T : notnull => node.Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Remote.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_shared, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
