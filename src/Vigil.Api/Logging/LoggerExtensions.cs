using Microsoft.Extensions.Logging;

namespace Vigil.Api.Logging;

/// <summary>Prometheus-style logging: a constant message and key/value pairs.</summary>
public static class LoggerExtensions
{
    /// <summary>Logs at debug level.</summary>
    public static void Debug(this ILogger logger, string msg, params (string Key, object? Value)[] fields) =>
        Write(logger, LogLevel.Debug, null, msg, fields);

    /// <summary>Logs at info level.</summary>
    public static void Info(this ILogger logger, string msg, params (string Key, object? Value)[] fields) =>
        Write(logger, LogLevel.Information, null, msg, fields);

    /// <summary>Logs at warn level.</summary>
    public static void Warn(this ILogger logger, string msg, params (string Key, object? Value)[] fields) =>
        Write(logger, LogLevel.Warning, null, msg, fields);

    /// <summary>Logs at error level.</summary>
    public static void Error(this ILogger logger, string msg, params (string Key, object? Value)[] fields) =>
        Write(logger, LogLevel.Error, null, msg, fields);

    private static void Write(ILogger logger, LogLevel level, Exception? error, string msg, (string Key, object? Value)[] fields)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }
        var state = new LogFields(msg, fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)).ToArray());
        logger.Log(level, default, state, error, static (s, _) => s.Message);
    }
}
