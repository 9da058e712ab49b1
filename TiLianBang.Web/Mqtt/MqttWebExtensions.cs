using MQTTnet.AspNetCore;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Web.Mqtt;

public static class MqttWebExtensions
{
    public static WebApplicationBuilder AddTiLianBangMqtt(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTiLianBangDevices(builder.Configuration);
        services.Configure<MqttOptions>(builder.Configuration.GetSection("Mqtt"));
        services.AddConnections();
        services.AddSingleton<MqttConnectionHandler>();
        services.AddSingleton<DeviceBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceBroker>());
        services.AddSingleton<IDeviceCommandTransport>(sp => sp.GetRequiredService<DeviceBroker>());
        services.AddHostedService<DemoSimulatorService>();
        return builder;
    }

    /// <summary>MQTT over WebSocket on the web port (DEV-1), when the broker runs and a path is configured.</summary>
    public static WebApplication MapTiLianBangMqtt(this WebApplication app)
    {
        var options = app.Configuration.GetSection("Mqtt").Get<MqttOptions>() ?? new MqttOptions();
        if (options.Enabled && !string.IsNullOrWhiteSpace(options.WebSocketPath))
        {
            app.MapMqtt(options.WebSocketPath);
        }
        return app;
    }
}
