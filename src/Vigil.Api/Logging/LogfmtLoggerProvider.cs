using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vigil.Api.Logging;

/// <summary>
/// Writes log lines in Prometheus' formats (logfmt or JSON) to a text writer, normally stderr.
/// Lines are written whole under a lock so concurrent requests never interleave mid-line.
/// </summary>
public sealed class LogfmtLoggerProvider(TextWriter output, LogLevel minimum, LogFormat format, TimeProvider time) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, LogfmtLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The least severe level written.</summary>
    public LogLevel Minimum { get; } = minimum;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, n => new LogfmtLogger(this, n));

    /// <inheritdoc />
    public void Dispose() => output.Flush();

    /// <summary>Maps <c>--log.level</c> values (debug, info, warn, error) to levels; null when unknown.</summary>
    public static LogLevel? ParseLevel(string text) => text switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => null,
    };

    internal void Write(string category, LogLevel level, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var line = LogLine.Render(format, time.GetUtcNow(), level, category, fields);
        lock (_gate)
        {
            output.Write(line);
            output.Flush();
        }
    }

    private sealed class LogfmtLogger(LogfmtLoggerProvider provider, string category) : ILogger
    {
        private readonly string _caller = ShortCategory(category);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            provider.Write(_caller, logLevel, Fields(state, exception, formatter));
        }

        private static IEnumerable<KeyValuePair<string, object?>> Fields<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            yield return new("msg", formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    // Message templates carry their own text; Prometheus lines only carry the fields.
                    if (pair.Key != "{OriginalFormat}")
                    {
                        yield return pair;
                    }
                }
            }
            if (exception is not null)
            {
                yield return new("err", exception.Message);
            }
        }

        private static string ShortCategory(string category)
        {
            var dot = category.LastIndexOf('.');
            return dot >= 0 ? category[(dot + 1)..] : category;
        }
    }
}
