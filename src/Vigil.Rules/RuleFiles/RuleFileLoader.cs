using Vigil.Config;
using Vigil.Config.Loading;
using Vigil.PromQL.Parser;

namespace Vigil.Rules.RuleFiles;

/// <summary>
/// Loads Prometheus rule files strictly and helpfully, as promtool checks them: every problem is reported
/// at once with file, line, column and field path; PromQL errors carry the position inside the expression;
/// keys from prometheus.yml or alertmanager.yml are named as such.
/// </summary>
public static class RuleFileLoader
{
    /// <summary>
    /// Reads and loads a rule file; expressions may use the experimental language features <paramref name="parser"/>
    /// enables (<see cref="ParserOptions.Default"/> when omitted).
    /// </summary>
    public static RuleFileLoadResult LoadFile(string path, ParserOptions? parser = null)
    {
        var text = ConfigFileText.Read(path, "rule file",
            "check the path; rule_files in prometheus.yml resolve relative to prometheus.yml's directory", out var error);
        return text is null ? new RuleFileLoadResult { Errors = [error!] } : Parse(text, path, parser);
    }

    /// <summary>Loads rule-file YAML text; <paramref name="path"/> names it in findings.</summary>
    public static RuleFileLoadResult Parse(string yaml, string path, ParserOptions? parser = null)
    {
        var context = new ParseContext(path, yaml, RuleFileKeys.Instance);
        // An empty rule file is valid for Prometheus: it simply has no groups.
        if (string.IsNullOrWhiteSpace(StripComments(yaml)))
        {
            return Result(context, new RuleFile { Path = path });
        }
        if (YamlDocument.Load(context, yaml, "a rule file starts with groups:") is not { } root)
        {
            return Result(context, null);
        }
        try
        {
            return Result(context, RuleFileReader.Read(context, root, path, parser ?? ParserOptions.Default));
        }
        catch (Exception e)
        {
            // A reader bug must not take the server down while it reloads rules.
            context.Error(1, 1, "", $"internal error while reading the rule file ({e.GetType().Name}); please report it with the file");
            return Result(context, null);
        }
    }

    private static string StripComments(string yaml) =>
        string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith('#') && l.Trim() != "---"));

    private static RuleFileLoadResult Result(ParseContext context, RuleFile? file) => new()
    {
        File = context.HasErrors ? null : file,
        Errors = context.Errors,
        Warnings = context.Warnings,
    };
}

/// <summary>The outcome of loading one rule file.</summary>
public sealed record RuleFileLoadResult
{
    /// <summary>The loaded file; null when there is any error, so a bad file never replaces running rules.</summary>
    public RuleFile? File { get; init; }

    /// <summary>All errors, in file order.</summary>
    public IReadOnlyList<ConfigFinding> Errors { get; init; } = [];

    /// <summary>Things that load but are probably not what the user meant.</summary>
    public IReadOnlyList<ConfigFinding> Warnings { get; init; } = [];

    /// <summary>Whether the file loaded without errors.</summary>
    public bool Ok => File is not null && Errors.Count == 0;
}
