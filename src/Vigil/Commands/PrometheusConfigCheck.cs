using Vigil.Cli;
using Vigil.Config.Prometheus;
using Vigil.PromQL.Parser;

namespace Vigil.Commands;

/// <summary>
/// The prometheus.yml side of <c>vigil check config</c>, with promtool's output and exit codes: the config
/// is checked, then every rule file it references (globs expanded; a file named without a glob must exist).
/// </summary>
internal static class PrometheusConfigCheck
{
    public static int Run(IReadOnlyList<string> files, RuleFileCheck.LintSettings lint, ParserOptions parser, bool syntaxOnly, CommandIo io)
    {
        var failed = false;
        var hasErrors = false;
        foreach (var file in files)
        {
            io.Out.WriteLine($"Checking {file}");
            var ruleFiles = CheckOne(file, syntaxOnly, io);
            if (ruleFiles is null)
            {
                failed = hasErrors = true;
            }
            io.Out.WriteLine();
            if (!syntaxOnly && ruleFiles is not null)
            {
                var (rulesFailed, rulesHaveErrors) = RuleFileCheck.Run(ruleFiles, lint, parser, io);
                failed |= rulesFailed;
                hasErrors |= rulesHaveErrors;
            }
        }
        return RuleFileCheck.ExitCode(failed, hasErrors, lint.Fatal);
    }

    /// <summary>Checks one config; returns its rule files, or null after printing FAILED.</summary>
    private static List<string>? CheckOne(string file, bool syntaxOnly, CommandIo io)
    {
        var result = PrometheusConfigLoader.LoadFile(file);
        foreach (var warning in result.Warnings)
        {
            io.Out.WriteLine($"  WARNING: {warning}");
        }
        if (result.Config is not { } config)
        {
            io.Err.WriteLine($"  FAILED: {result.Errors.Count} error(s) in {file}");
            foreach (var error in result.Errors)
            {
                io.Err.WriteLine($"    {error}");
            }
            return null;
        }
        var ruleFiles = syntaxOnly ? [] : ExpandRuleFiles(config, io);
        if (ruleFiles is null)
        {
            return null;
        }
        WarnMissingFileSd(config, io);
        if (ruleFiles.Count > 0)
        {
            io.Out.WriteLine($"  SUCCESS: {ruleFiles.Count} rule files found");
        }
        io.Out.WriteLine($" SUCCESS: {file} is valid prometheus config file syntax");
        return ruleFiles;
    }

    private static List<string>? ExpandRuleFiles(PrometheusConfig config, CommandIo io)
    {
        var result = new List<string>();
        foreach (var pattern in config.RuleFiles)
        {
            var matches = Glob(pattern);
            // As promtool: a name without '*' must exist; a glob may match nothing.
            if (!pattern.Contains('*', StringComparison.Ordinal) && matches.Count == 0)
            {
                io.Err.WriteLine($"  FAILED: {Model.GoString.Quote(pattern)} does not point to an existing file (rule_files resolve relative to {config.SourcePath}'s directory)");
                return null;
            }
            result.AddRange(matches);
        }
        return result;
    }

    private static void WarnMissingFileSd(PrometheusConfig config, CommandIo io)
    {
        foreach (var job in config.ScrapeConfigs)
        {
            foreach (var pattern in job.Discovery.Files.SelectMany(f => f.Files).Where(p => Glob(p).Count == 0))
            {
                io.Out.WriteLine($"  WARNING: file {Model.GoString.Quote(pattern)} for file_sd in scrape job {Model.GoString.Quote(job.JobName)} does not exist");
            }
        }
    }

    /// <summary>Expands a '*' in the file-name part (upstream allows no wildcard in directories), sorted as Go's filepath.Glob.</summary>
    internal static List<string> Glob(string pattern)
    {
        var dir = Path.GetDirectoryName(pattern) ?? "";
        var name = Path.GetFileName(pattern);
        if (!name.Contains('*', StringComparison.Ordinal) && !name.Contains('?', StringComparison.Ordinal))
        {
            return File.Exists(pattern) ? [pattern] : [];
        }
        if (!Directory.Exists(dir.Length == 0 ? "." : dir))
        {
            return [];
        }
        return Directory.GetFiles(dir.Length == 0 ? "." : dir, name)
            .Select(f => dir.Length == 0 ? Path.GetFileName(f) : Path.Combine(dir, Path.GetFileName(f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}
