using Microsoft.Extensions.Logging;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>Logs a constant message with key/value fields, the shape Vigil's logfmt provider prints.</summary>
internal static class KubeLog
{
    /// <summary>Writes one line if the level is enabled.</summary>
    public static void Write(ILogger logger, LogLevel level, string message, params (string Key, object? Value)[] fields)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }
        var state = new List<KeyValuePair<string, object?>>(fields.Length + 1) { new("component", "discovery") };
        state.AddRange(fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)));
        logger.Log(level, default, state, null, (_, _) => message);
    }
}
