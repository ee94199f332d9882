using Vigil.Alertmanager.Config;
using Vigil.Cli;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil check config FILE...</c>: checks Alertmanager configs with amtool's output and exit
/// codes. Files that look like <c>prometheus.yml</c> are routed to <see cref="PrometheusCheck"/>,
/// the extension point for the Prometheus side (promtool's format) when it lands.
/// </summary>
public static class CheckConfigCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("check config", "Check configuration files (alertmanager.yml) for validity.", [], RunAsync)
    {
        ArgsUsage = "<config-files>...",
    };

    /// <summary>Checks prometheus.yml files; null until the Prometheus side provides it.</summary>
    public static Func<IReadOnlyList<string>, TextWriter, int>? PrometheusCheck { get; set; }

    private static Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        if (flags.Arguments.Count == 0)
        {
            throw new UsageException("required argument 'config-files' not provided");
        }
        var prometheus = flags.Arguments.Where(LooksLikePrometheusConfig).ToList();
        var alertmanager = flags.Arguments.Except(prometheus).ToList();
        var code = alertmanager.Count > 0 ? ConfigCheck.Run(alertmanager, io.Out) : 0;
        if (prometheus.Count > 0)
        {
            code = Math.Max(code, CheckPrometheus(prometheus, io));
        }
        return Task.FromResult(code);
    }

    private static int CheckPrometheus(IReadOnlyList<string> files, CommandIo io)
    {
        if (PrometheusCheck is { } check)
        {
            return check(files, io.Out);
        }
        foreach (var file in files)
        {
            io.Out.WriteLine($"Checking '{file}'  FAILED: this looks like a prometheus.yml (it has scrape_configs or rule_files); checking Prometheus configs is not available in this build yet");
        }
        return 1;
    }

    /// <summary>A cheap sniff: Prometheus-only top-level keys and no Alertmanager route.</summary>
    internal static bool LooksLikePrometheusConfig(string file)
    {
        try
        {
            var lines = File.ReadLines(file).Take(5000).ToList();
            bool Top(string key) => lines.Any(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            return !Top("route") && (Top("scrape_configs") || Top("rule_files") || Top("remote_write") || Top("alerting"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Let the Alertmanager check report the unreadable file.
            return false;
        }
    }
}
