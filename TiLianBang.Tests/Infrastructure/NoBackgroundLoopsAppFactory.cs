using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// The app without its own background loops (outbox, heartbeat rule, live counts, broker, Hangfire), for tests
/// that walk the clock by days and call the jobs themselves. A fake clock fires a periodic timer once per skipped
/// period: a week is 120,960 outbox passes, each a database query, which made one such test run for many minutes.
/// </summary>
public sealed class NoBackgroundLoopsAppFactory : TiLianBangAppFactory
{
    /// <summary>The loops change nothing the demo seed makes.</summary>
    protected override bool StartsFromTemplate => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // The loops are registered through factories (a singleton also used elsewhere) or by type; the web
            // host's own service is registered by type and stays.
            var loops = services.Where(d => d.ServiceType == typeof(IHostedService)
                && (d.ImplementationFactory is not null
                    || d.ImplementationType == typeof(HeartbeatWatch)
                    || d.ImplementationType == typeof(DemoSimulatorService))).ToList();
            foreach (var loop in loops)
            {
                services.Remove(loop);
            }
        });
    }
}
