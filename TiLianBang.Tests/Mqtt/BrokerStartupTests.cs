using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Mqtt;

public sealed class BrokerStartupTests
{
    [Fact]
    public void APortAlreadyInUseStopsStartUpWithAnErrorNamingIt()
    {
        using var blocker = new TcpListener(IPAddress.Any, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        using var factory = new TiLianBangAppFactory();
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Mqtt:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<DeviceBroker>());

        Assert.Contains($"MQTT port {port}", error.Message);
        Assert.Contains("already in use", error.Message);
    }

    [Fact]
    public void ABrokerCanBeSwitchedOff()
    {
        using var factory = new TiLianBangAppFactory();
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Mqtt:Enabled", "false"));

        var broker = app.Services.GetRequiredService<DeviceBroker>();

        Assert.Equal(0, broker.Port);
    }
}
