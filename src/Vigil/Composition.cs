using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify;
using Vigil.AlertmanagerHost;

namespace Vigil;

/// <summary>
/// Which implementation backs each seam of the running binary: one place to swap a stand-in for
/// the real component when it lands.
/// </summary>
public static class Composition
{
    /// <summary>Loads <c>alertmanager.yml</c> with the strict loader; findings print as <c>file:line:col: field: message</c>.</summary>
    public static ConfigLoadOutcome LoadConfig(string path)
    {
        var result = ConfigLoader.LoadFile(path);
        return new ConfigLoadOutcome(
            result.Ok ? result.Config : null,
            [.. result.Errors.Select(e => e.ToString())],
            [.. result.Warnings.Select(w => w.ToString())]);
    }

    /// <summary>
    /// Receivers' integrations. STAND-IN until the receiver factory lands on main: every receiver
    /// exists with no integrations, so routing, grouping and the API work but nothing is delivered.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Integration>> Integrations(AlertmanagerConfig config) =>
        config.Receivers.ToDictionary(r => r.Name, _ => (IReadOnlyList<Integration>)[], StringComparer.Ordinal);

    /// <summary>The production parts of the Alertmanager service.</summary>
    public static ServiceParts AlertmanagerParts(string externalUrl) => new(LoadConfig, Integrations, externalUrl);
}
