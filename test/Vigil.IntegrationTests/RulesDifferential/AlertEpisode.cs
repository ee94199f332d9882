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

    /// <summary>Every alert's episodes, keyed by the alert's rendered label set.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> ByAlert(IEnumerable<SentAlert> sends) =>
        sends.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => Split(g), StringComparer.Ordinal);
}
