namespace TiLianBang.Core.Notifications;

/// <summary>One long-lived HTTP client per remote sender: pooled connections renewed every few minutes (DNS changes).</summary>
internal static class RemoteApi
{
    public static HttpClient NewClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) };
}
