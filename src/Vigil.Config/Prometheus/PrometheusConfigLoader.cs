using Vigil.Config.Loading;

namespace Vigil.Config.Prometheus;

/// <summary>
/// Loads <c>prometheus.yml</c> strictly and helpfully: unknown keys are errors (as upstream), every problem
/// is reported at once with file, line, column and field path, and keys that belong in alertmanager.yml or
/// a rule file are named as such.
/// </summary>
public static class PrometheusConfigLoader
{
    /// <summary>Reads and loads a file; relative paths in it resolve against its directory.</summary>
    public static PrometheusConfigLoadResult LoadFile(string path)
    {
        var text = ConfigFileText.Read(path, "config file",
            "check the path; in a container, check that the file is mounted where --config.file points", out var error);
        return text is null ? new PrometheusConfigLoadResult { Errors = [error!] } : Parse(text, path);
    }

    /// <summary>Loads YAML text; <paramref name="path"/> names it in findings and anchors relative paths.</summary>
    public static PrometheusConfigLoadResult Parse(string yaml, string path)
    {
        var context = new ParseContext(path, yaml, PrometheusKeyRules.Instance);
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return Result(context, new PrometheusConfig { Original = yaml, SourcePath = path });
        }
        if (YamlDocument.Load(context, yaml, "a prometheus.yml usually has global: and scrape_configs:") is not { } root)
        {
            return Result(context, null);
        }
        try
        {
            return Result(context, PrometheusConfigReader.Read(context, root, path, yaml));
        }
        catch (Exception e)
        {
            // A reader bug must not take the server down while it reloads (a crash loop is what this loader prevents).
            context.Error(1, 1, "", $"internal error while reading the config ({e.GetType().Name}); please report it with the config file");
            return Result(context, null);
        }
    }

    private static PrometheusConfigLoadResult Result(ParseContext context, PrometheusConfig? config) => new()
    {
        Config = context.HasErrors ? null : config,
        Errors = context.Errors,
        Warnings = context.Warnings,
    };
}

/// <summary>The outcome of loading <c>prometheus.yml</c>.</summary>
public sealed record PrometheusConfigLoadResult
{
    /// <summary>The loaded config; null when there is any error, so a bad file never replaces a running config.</summary>
    public PrometheusConfig? Config { get; init; }

    /// <summary>All errors, in file order.</summary>
    public IReadOnlyList<ConfigFinding> Errors { get; init; } = [];

    /// <summary>Things that load but are probably not what the user meant, or that Vigil does not act on.</summary>
    public IReadOnlyList<ConfigFinding> Warnings { get; init; } = [];

    /// <summary>Whether the config loaded without errors.</summary>
    public bool Ok => Config is not null && Errors.Count == 0;
}
