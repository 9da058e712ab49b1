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
        // Registered in both modes (it stays off when External), so that code asking for it still starts.
        services.AddHostedService(sp => sp.GetRequiredService<DeviceBroker>());
        var mqtt = builder.Configuration.GetSection("Mqtt").Get<MqttOptions>() ?? new MqttOptions();
        if (mqtt.Enabled && mqtt.Mode == MqttMode.External)
        {
            services.AddSingleton<ClusterBus>();
            services.AddSingleton<ExternalBrokerClient>();
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerClient>());
            services.AddSingleton<IDeviceCommandTransport>(sp => sp.GetRequiredService<ExternalBrokerClient>());
        }
        else
        {
            services.AddSingleton<IDeviceCommandTransport>(sp => sp.GetRequiredService<DeviceBroker>());
        }
        services.AddHostedService<DemoSimulatorService>();
        return builder;
    }

    /// <summary>MQTT over WebSocket on the web port (DEV-1), when the embedded broker runs and a path is configured.</summary>
    public static WebApplication MapTiLianBangMqtt(this WebApplication app)
    {
        var options = app.Configuration.GetSection("Mqtt").Get<MqttOptions>() ?? new MqttOptions();
        if (options.Embedded && !string.IsNullOrWhiteSpace(options.WebSocketPath))
        {
            app.MapMqtt(options.WebSocketPath);
        }
        return app;
    }
}
