using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Devices.Cluster;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Mqtt.External;

/// <summary>Mqtt:Mode: Embedded stays the default and costs nothing extra; External turns the embedded broker off.</summary>
public sealed class ExternalModeTests
{
    [Fact]
    public void EmbeddedIsTheDefaultAndRunsNoClusterBus()
    {
        using var app = new TiLianBangAppFactory();

        Assert.Equal(MqttMode.Embedded, app.Services.GetRequiredService<IOptions<MqttOptions>>().Value.Mode);
        Assert.NotEqual(0, app.MqttPort);
        Assert.IsType<DeviceBroker>(app.Services.GetRequiredService<IDeviceCommandTransport>());
        Assert.Null(app.Services.GetService<ExternalBrokerClient>());
        Assert.Null(app.Services.GetService<ClusterBus>());
        Assert.False(app.Services.GetRequiredService<DeviceCluster>().Enabled);
    }

    [Fact]
    public async Task ExternalTurnsTheEmbeddedListenerOffAndStartsWithoutItsBroker()
    {
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var app = new TiLianBangAppFactory();
        app.Settings["Mqtt:Mode"] = "External";
        app.Settings["Mqtt:External:Host"] = "127.0.0.1";
        app.Settings["Mqtt:External:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, app.MqttPort);
        var client = Assert.IsType<ExternalBrokerClient>(app.Services.GetRequiredService<IDeviceCommandTransport>());
        Assert.False(client.IsConnected);
        // The web side serves although the broker is away (it keeps trying in the background).
        using var http = app.CreateClient();
        var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.PublishAsync("tlb/x/cmd", [], CancellationToken.None));
    }
}
