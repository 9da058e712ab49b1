using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiLianBang.Core.Common;

/// <summary>
/// A background loop that survives its own failures: an exception is logged and the loop starts again after a
/// back-off (1 s, 2 s, 4 s … up to a minute, on the <see cref="TimeProvider"/>), instead of failing the host and with
/// it the web pages, the API and the broker. The back-off starts over once a run has lasted a minute.
/// </summary>
public abstract partial class ResilientBackgroundService(TimeProvider clock, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    /// <summary>How often the loop has failed and been started again (diagnostics, tests).</summary>
    public int Restarts { get; private set; }

    public static TimeSpan RestartDelay(int failures) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Max(0, failures - 1)), MaxBackoff.TotalSeconds));

    /// <summary>The loop; returns when the service has nothing more to do or <paramref name="stoppingToken"/> fires.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);

    /// <summary>Runs once after the loop has ended for good (e.g. to drain a queue on shutdown).</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = Clock.GetUtcNow();
            try
            {
                await RunAsync(stoppingToken);
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failures = Clock.GetUtcNow() - started >= MaxBackoff ? 1 : failures + 1;
                var delay = RestartDelay(failures);
                LogFailed(Logger, e, GetType().Name, delay);
                Restarts++;
                try
                {
                    await Task.Delay(delay, Clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        try
        {
            await StoppedAsync();
        }
        catch (Exception e)
        {
            LogStopFailed(Logger, e, GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} failed; it starts again in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string service, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} failed while stopping")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string service);
}
