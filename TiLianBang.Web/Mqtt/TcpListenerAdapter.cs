using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// MQTTnet's TCP adapter, stopped at most once. Its cleanup re-enters itself while cancelling its listeners and
/// then fails with "Collection was modified" during host shutdown; one guarded stop avoids that.
/// </summary>
internal sealed class TcpListenerAdapter : IMqttServerAdapter
{
    private readonly MqttTcpServerAdapter _inner = new();
    private int _stopped;

    public Func<IMqttChannelAdapter, Task> ClientHandler
    {
        get => _inner.ClientHandler;
        set => _inner.ClientHandler = value;
    }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => _inner.StartAsync(options, logger);

    public Task StopAsync() => Interlocked.Exchange(ref _stopped, 1) == 0 ? _inner.StopAsync() : Task.CompletedTask;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _inner.Dispose();
        }
    }
}
