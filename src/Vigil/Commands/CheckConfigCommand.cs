using Vigil.Alertmanager.Config;
using Vigil.Cli;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil check config FILE...</c>: checks Alertmanager configs with amtool's output and exit
/// codes, and files that look like <c>prometheus.yml</c> (with the rule files they reference) with
/// promtool's output and exit codes.
/// </summary>
public static class CheckConfigCommand
{
    private static readonly FlagSpec[] Flags =
    [
        FlagSpec.Switch("syntax-only", "Only check the prometheus.yml syntax, ignoring file and content validation referenced in the config"),
        FlagSpec.Str("lint", "Linting checks to apply to the rules specified in a prometheus.yml. Available options are: all, duplicate-rules, none.", "duplicate-rules"),
        FlagSpec.Switch("lint-fatal", "Make lint errors exit with exit code 3."),
        PromtoolFeatures.Flag,
    ];

    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("check config", "Check configuration files (alertmanager.yml or prometheus.yml) for validity.", Flags, RunAsync)
    {
        ArgsUsage = "<config-files>...",
    };

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
            code = Math.Max(code, CheckPrometheus(prometheus, flags, io));
        }
        return Task.FromResult(code);
    }

    private static int CheckPrometheus(IReadOnlyList<string> files, ParsedFlags flags, CommandIo io)
    {
        var lint = RuleFileCheck.LintSettings.Parse(flags.String("lint"), flags.Bool("lint-fatal"), io.Out);
        var parser = PromtoolFeatures.Read(flags, io.Out).Parser;
        return PrometheusConfigCheck.Run(files, lint, parser, flags.Bool("syntax-only"), io);
    }

    /// <summary>
    /// A cheap sniff: Prometheus-only top-level keys, and not both of Alertmanager's required route: and
    /// receivers: (a prometheus.yml with a stray route: pasted in is still checked as a prometheus.yml, which
    /// then names route: as belonging in alertmanager.yml).
    /// </summary>
    internal static bool LooksLikePrometheusConfig(string file)
    {
        try
        {
            var lines = File.ReadLines(file).Take(5000).ToList();
            bool Top(string key) => lines.Any(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            return !(Top("route") && Top("receivers")) && (Top("scrape_configs") || Top("rule_files") || Top("remote_write") || Top("alerting"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Let the Alertmanager check report the unreadable file.
            return false;
        }
    }
}
