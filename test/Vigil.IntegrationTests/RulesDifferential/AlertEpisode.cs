namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// One life of one alert as the Alertmanager saw it: the firing sends, then the resolved ones. A new
/// episode starts when the alert fires again after being resolved (or with another <c>startsAt</c>).
/// </summary>
public sealed class AlertEpisode
{
    /// <summary>The sends of this episode, in arrival order.</summary>
    public List<SentAlert> Sends { get; } = [];

    /// <summary>The firing sends.</summary>
    public IEnumerable<SentAlert> Firing => Sends.Where(s => !s.Resolved);

    /// <summary>The resolved sends.</summary>
    public IEnumerable<SentAlert> ResolvedSends => Sends.Where(s => s.Resolved);

    /// <summary>When the alert started firing (<c>startsAt</c> of the first send).</summary>
    public DateTimeOffset StartsAt => Sends[0].StartsAt;

    /// <summary>The <c>endsAt</c> of the first resolved send (the resolve time), or null while firing.</summary>
    public DateTimeOffset? ResolvedAt => ResolvedSends.Select(s => (DateTimeOffset?)s.EndsAt).FirstOrDefault();

    /// <summary>"firing", "resolved" or "firing→resolved": the states the Alertmanager was told, in order.</summary>
    public string States => string.Join("→", Sends.Select(s => s.Resolved ? "resolved" : "firing").Distinct());

    /// <summary>The distinct annotation sets sent, in order.</summary>
    public IReadOnlyList<string> Annotations => [.. Sends.Select(s => s.Annotations).Distinct()];

    /// <summary>The distinct generator URL paths sent.</summary>
    public IReadOnlyList<string> GeneratorPaths => [.. Sends.Select(s => s.GeneratorPath).Distinct()];

    /// <summary>Splits one alert's sends (same label set, arrival order) into episodes.</summary>
    public static IReadOnlyList<AlertEpisode> Split(IEnumerable<SentAlert> sends)
    {
        var episodes = new List<AlertEpisode>();
        AlertEpisode? current = null;
        foreach (var send in sends)
        {
            var refired = current is not null && !send.Resolved && current.Sends[^1].Resolved;
            if (current is null || refired || send.StartsAt != current.StartsAt)
            {
                current = new AlertEpisode();
                episodes.Add(current);
            }
            current.Sends.Add(send);
        }
        return episodes;
    }

    /// <summary>
    /// Every alert's episodes, keyed by the alert's rendered label set, without those resolved before
    /// <paramref name="from"/>: start-up noise (an <c>absent()</c> true until the first scrape) depends on
    /// which of scraping and evaluating a server starts first, and is not what the script compares.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> ByAlert(IEnumerable<SentAlert> sends, DateTimeOffset from) =>
        sends.GroupBy(s => s.Key)
            .Select(g => (g.Key, Episodes: Split(g).Where(e => e.ResolvedAt is not { } resolved || resolved >= from).ToList()))
            .Where(a => a.Episodes.Count > 0)
            .ToDictionary(a => a.Key, a => (IReadOnlyList<AlertEpisode>)a.Episodes, StringComparer.Ordinal);
}
