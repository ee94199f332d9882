using System.Text.Json;
using Vigil.Config.Prometheus;

namespace Vigil.Scrape;

/// <summary>
/// Decides whether two scrape configs scrape the same way. Config records hold lists and dictionaries,
/// which compare by reference, so a reloaded file would always look "changed"; comparing a canonical JSON
/// form instead lets a reload keep the loops of unchanged jobs running untouched.
/// </summary>
internal static class ScrapeSettings
{
    public static bool Same(ScrapeConfig a, ScrapeConfig b) =>
        ReferenceEquals(a, b) || string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>A canonical text of HTTP client settings, to tell whether a job's client can be kept.</summary>
    public static string Canonical(HttpClientSettings settings) => JsonSerializer.Serialize(settings);

    private static string Canonical(ScrapeConfig config) =>
        // Discovery only decides which targets exist; targets are matched one by one, so it is left out.
        JsonSerializer.Serialize(config with { Discovery = new DiscoveryConfigs() });
}
