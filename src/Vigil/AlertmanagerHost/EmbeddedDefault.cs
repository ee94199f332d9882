using Vigil.Alertmanager.Config;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// Lets <c>vigil alertmanager</c> start with no config at all: when <c>--config.file</c> was not given
/// and the default file does not exist, the embedded default config is loaded instead. Checked on every
/// load, so a reload keeps the default until the file appears, then picks the file up.
/// </summary>
public static class EmbeddedDefault
{
    /// <summary><paramref name="inner"/>, except that a missing file yields the embedded default with a warning.</summary>
    public static ConfigSource WhenMissing(ConfigSource inner) => path => File.Exists(path) ? inner(path) : Load(path);

    private static ConfigLoadOutcome Load(string path)
    {
        var result = EmbeddedDefaultConfig.Load();
        // A warning rather than silence: an operator who forgot to mount the file must see why nothing is delivered.
        var warning = $"config file {path} not found; running on the embedded default config (everything routes to receiver 'default', "
            + "which has no integrations, so nothing is delivered); create the file and reload, or pass --config.file=FILE";
        return new ConfigLoadOutcome(result.Config, [.. result.Errors.Select(e => e.ToString())], [warning, .. result.Warnings.Select(w => w.ToString())]);
    }
}
