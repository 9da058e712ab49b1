using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;

namespace TiLianBang.Web.Features.Live;

/// <summary>What every live socket needs, in one place (the sockets outlive any request scope: all singletons).</summary>
public sealed class LiveSessionServices(
    IOptions<LiveOptions> options,
    LiveAuthenticator authenticator,
    LiveSessionRegistry registry,
    StatusCountsFeed statusCounts,
    IElevatorStateHub hub,
    LiveElevatorStates elevatorStates,
    DeviceActivityRegistry devices,
    AccountSessionCheck sessions,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    public IOptions<LiveOptions> Options { get; } = options;
    public LiveAuthenticator Authenticator { get; } = authenticator;
    public LiveSessionRegistry Registry { get; } = registry;
    public StatusCountsFeed StatusCounts { get; } = statusCounts;
    public IElevatorStateHub Hub { get; } = hub;
    public LiveElevatorStates ElevatorStates { get; } = elevatorStates;
    public DeviceActivityRegistry Devices { get; } = devices;
    public AccountSessionCheck Sessions { get; } = sessions;
    public IServiceScopeFactory Scopes { get; } = scopes;
    public IHostApplicationLifetime Lifetime { get; } = lifetime;
    public TimeProvider Clock { get; } = clock;
    public ILogger Logger { get; } = loggers.CreateLogger("TiLianBang.Web.Features.Live.LiveSession");
}
