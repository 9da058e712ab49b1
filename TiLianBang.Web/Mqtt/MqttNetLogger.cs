using System.Collections.Concurrent;
using System.Globalization;
using MQTTnet.Diagnostics.Logger;
using TiLianBang.Core.Devices.Pipeline;

namespace TiLianBang.Web.Mqtt;

/// <summary>
/// MQTTnet's own log lines (why it closed a connection, protocol violations) in our log, under the category
/// "MQTTnet". Its per-connection information goes to Debug; warnings and errors are kept, each kind of line at most
/// once a minute with a count, so that a flood of bad connections cannot flood the log.
/// </summary>
internal sealed partial class MqttNetLogger(ILoggerFactory factory) : IMqttNetLogger
{
    private readonly ILogger _logger = factory.CreateLogger("MQTTnet");
    private readonly ConcurrentDictionary<string, LogThrottle> _throttles = new(StringComparer.Ordinal);
    private readonly LogThrottle _overflow = new(LogThrottle.PerDevice);

    public bool IsEnabled => _logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception? exception)
    {
        var mapped = level switch
        {
            MqttNetLogLevel.Error => LogLevel.Error,
            MqttNetLogLevel.Warning => LogLevel.Warning,
            MqttNetLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        if (!_logger.IsEnabled(mapped))
        {
            return;
        }
        var held = 0L;
        if (mapped >= LogLevel.Warning && !Throttle(source, message, exception).TryEnter(DateTimeOffset.UtcNow, out held))
        {
            return;
        }
        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        LogMqttNet(_logger, mapped, exception, source, text, held);
    }

    /// <summary>
    /// One throttle per kind of line: MQTTnet's source and template, or the exception type where MQTTnet logs an
    /// exception's own message (which may carry what a client sent). Past the cap everything shares one.
    /// </summary>
    private LogThrottle Throttle(string source, string message, Exception? exception)
    {
        var key = exception is null ? source + "|" + message : source + "|" + exception.GetType().FullName;
        if (_throttles.TryGetValue(key, out var throttle))
        {
            return throttle;
        }
        return _throttles.Count < 200 ? _throttles.GetOrAdd(key, _ => new LogThrottle(LogThrottle.PerDevice)) : _overflow;
    }

    [LoggerMessage(Message = "[{Source}] {Text} ({Held} similar lines held back)")]
    private static partial void LogMqttNet(ILogger logger, LogLevel level, Exception? exception, string source, string text, long held);
}
