using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TiLianBang.Benchmarks;

/// <summary>The real application, its broker on a fixed TCP port, in a fresh data folder, without demo traffic.</summary>
internal sealed class BenchmarkFactory(string dataDirectory, int mqttPort, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("App:DataDirectory", dataDirectory);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:SimulatedElevators", "0");
        builder.UseSetting("Mqtt:Port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:TiLianBang", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
