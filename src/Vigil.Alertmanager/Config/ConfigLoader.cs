using Vigil.Alertmanager.Config.Loading;

namespace Vigil.Alertmanager.Config;

/// <summary>
/// Loads <c>alertmanager.yml</c> strictly and helpfully: every problem in the file is reported at once,
/// each with file, line, column and field path, what was expected, and where known what to do instead
/// (including keys that belong in prometheus.yml or elsewhere in the file). Values that YAML silently
/// dropped (an unquoted <c>#</c>) and receivers nobody routes to are reported as warnings.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Reads and loads a file; relative template paths resolve against its directory.</summary>
    public static ConfigLoadResult LoadFile(string path)
    {
        var text = ConfigFileText.Read(path, "config file",
            "check the path; in a container, check that the file is mounted where --config.file points", out var error);
        return text is null ? new ConfigLoadResult { Errors = [error!] } : Parse(text, path);
    }

    /// <summary>Loads YAML text; <paramref name="path"/> names it in findings and anchors relative template paths.</summary>
    public static ConfigLoadResult Parse(string yaml, string path)
    {
        var context = new ParseContext(path, yaml, AlertmanagerKeyRules.Instance);
        if (YamlDocument.Load(context, yaml, "an alertmanager.yml needs at least route: and receivers:") is not { } root)
        {
            return Result(context, null);
        }
        try
        {
            var config = ConfigReader.Read(context, root, path, yaml);
            return Result(context, config);
        }
        catch (Exception e)
        {
            // A bug in a reader must not take the process down with it (a crash loop is what this loader exists to prevent).
            context.Error(1, 1, "", $"internal error while reading the config ({e.GetType().Name}); please report it with the config file");
            return Result(context, null);
        }
    }

    private static ConfigLoadResult Result(ParseContext context, AlertmanagerConfig? config) => new()
    {
        Config = context.HasErrors ? null : config,
        Errors = context.Errors,
        Warnings = context.Warnings,
    };
}
