using System.Globalization;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// The checks on what the two servers sent, each returning one line per problem: upstream's sending rules
/// (per server), the script's expectations (per server), and Vigil against Prometheus alert by alert. Times
/// are compared with tolerances of a few intervals, never exactly: scrapes and evaluations of the two
/// servers run at their own offsets on a busy machine.
/// </summary>
public sealed class AlertChecks(DateTimeOffset scriptStart, IReadOnlyDictionary<string, DateTimeOffset> happened)
{
    /// <summary>How far apart the two servers' times for the same change may be: two evaluation intervals and a scrape.</summary>
    public static readonly TimeSpan BetweenServers = TimeSpan.FromSeconds(3);

    /// <summary>How late after a change a server may see it: a scrape, an evaluation, and slack for a loaded machine.</summary>
    public static readonly TimeSpan Lag = TimeSpan.FromSeconds(5);

    /// <summary>Timestamps come from two clocks (the server's slot time and the stand-in's arrival time): allow this much skew.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after its evaluation a send may arrive at the stand-in.</summary>
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(3);

    /// <summary>Upstream's <c>endsAt</c> for a firing alert: four times the larger of interval and resend delay after the send.</summary>
    public static TimeSpan Validity => 4 * (RulesDifferentialConfig.Interval > RulesDifferentialConfig.ResendDelay
        ? RulesDifferentialConfig.Interval : RulesDifferentialConfig.ResendDelay);

    /// <summary>When the script started.</summary>
    public DateTimeOffset Start => scriptStart;

    /// <summary>A time as an offset from the script's start, e.g. <c>t+5.02s</c>.</summary>
    public string At(DateTimeOffset? time) => time is { } t
        ? "t" + (t - scriptStart).TotalSeconds.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + "s"
        : "none";

    /// <summary>
    /// Firing sends carry <c>endsAt</c> = send time + <see cref="Validity"/>; resolved sends carry the resolve time,
    /// the same on every resend; and an alert that resolved is resent (at least twice by the end).
    /// </summary>
    public IEnumerable<string> SendRules(string side, IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> alerts)
    {
        foreach (var (key, episodes) in alerts)
        {
            for (var i = 0; i < episodes.Count; i++)
            {
                var episode = episodes[i];
                foreach (var send in episode.Firing)
                {
                    var ahead = send.EndsAt - send.ReceivedAt;
                    if (ahead > Validity + Skew || ahead < Validity - Delivery)
                    {
                        yield return $"{side} {key} episode {i + 1}: firing endsAt {At(send.EndsAt)} is {ahead.TotalSeconds:0.00}s after its arrival at {At(send.ReceivedAt)}, expected ~{Validity.TotalSeconds}s (4 x max(interval, resend delay))";
                    }
                }
                var resolvedEnds = episode.ResolvedSends.Select(s => s.EndsAt).Distinct().ToList();
                if (resolvedEnds.Count > 1)
                {
                    yield return $"{side} {key} episode {i + 1}: resolved endsAt changed between resends: {string.Join(", ", resolvedEnds.Select(e => At(e)))}";
                }
                if (!episode.Firing.Any())
                {
                    yield return $"{side} {key} episode {i + 1}: sent resolved ({At(episode.ResolvedAt)}) without being sent firing first";
                }
            }
            var last = episodes[^1];
            if (last.ResolvedAt is not null && last.ResolvedSends.Count() < 2)
            {
                yield return $"{side} {key}: resolved alert sent {last.ResolvedSends.Count()} time(s), expected it resent every resend delay";
            }
        }
    }

    /// <summary>
    /// Every expected alert was sent with one episode per scripted one, fired <c>for</c> after its change (within
    /// <see cref="Lag"/>), resolved <c>keep_firing_for</c> after its end; the alerts never to be sent were not.
    /// </summary>
    public IEnumerable<string> Script(string side, IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> alerts)
    {
        foreach (var expected in AlertScript.Expected)
        {
            var keys = alerts.Keys.Where(expected.Matches).ToList();
            if (keys.Count != 1)
            {
                yield return $"{side} {expected}: sent with {keys.Count} label sets ({string.Join("; ", keys)}), expected 1";
                continue;
            }
            var episodes = alerts[keys[0]];
            if (episodes.Count != expected.Episodes.Count)
            {
                yield return $"{side} {keys[0]}: {episodes.Count} episode(s) ({Describe(episodes)}), expected {expected.Episodes.Count}";
                continue;
            }
            for (var i = 0; i < episodes.Count; i++)
            {
                foreach (var line in ScriptEpisode(side, keys[0], i, expected, episodes[i]))
                {
                    yield return line;
                }
            }
        }
        foreach (var name in AlertScript.NeverSent)
        {
            foreach (var key in alerts.Keys.Where(k => k.Contains($"alertname=\"{name}\"", StringComparison.Ordinal)))
            {
                yield return $"{side} {key}: sent, but it must not be (dropped by alert_relabel_configs or over its group's limit)";
            }
        }
    }

    /// <summary>Vigil against Prometheus: the same alerts, states, times (within <see cref="BetweenServers"/>), annotations and links.</summary>
    public IEnumerable<string> Compare(
        IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> vigil,
        IReadOnlyDictionary<string, IReadOnlyList<AlertEpisode>> prometheus)
    {
        foreach (var key in prometheus.Keys.Except(vigil.Keys).Order(StringComparer.Ordinal))
        {
            yield return $"{key}: not sent by vigil; prometheus sent {Describe(prometheus[key])}";
        }
        foreach (var key in vigil.Keys.Except(prometheus.Keys).Order(StringComparer.Ordinal))
        {
            yield return $"{key}: sent by vigil ({Describe(vigil[key])}), not by prometheus";
        }
        foreach (var key in vigil.Keys.Intersect(prometheus.Keys).Order(StringComparer.Ordinal))
        {
            var (ours, theirs) = (vigil[key], prometheus[key]);
            if (ours.Count != theirs.Count)
            {
                yield return $"{key}: episodes: vigil {Describe(ours)}, prometheus {Describe(theirs)}";
                continue;
            }
            for (var i = 0; i < ours.Count; i++)
            {
                foreach (var line in CompareEpisode($"{key} episode {i + 1}", ours[i], theirs[i]))
                {
                    yield return line;
                }
            }
        }
    }

    /// <summary>One line per episode: states and times.</summary>
    public string Describe(IReadOnlyList<AlertEpisode> episodes) => string.Join("; ", episodes.Select(e =>
        $"{e.States} startsAt {At(e.StartsAt)} resolved {At(e.ResolvedAt)} ({e.Firing.Count()} firing, {e.ResolvedSends.Count()} resolved sends)"));

    private IEnumerable<string> ScriptEpisode(string side, string key, int index, ExpectedAlert expected, AlertEpisode episode)
    {
        var (starts, ends) = expected.Episodes[index];
        var firesFrom = happened[starts] + expected.For - Skew;
        var firesBy = happened[starts] + expected.For + expected.ConditionLag + Lag;
        if (episode.StartsAt < firesFrom || episode.StartsAt > firesBy)
        {
            yield return $"{side} {key} episode {index + 1}: startsAt {At(episode.StartsAt)}, expected between {At(firesFrom)} and {At(firesBy)} ('{starts}' at {At(happened[starts])} + for {expected.For.TotalSeconds}s)";
        }
        var resolvesFrom = happened[ends] + expected.KeepFiringFor - Skew;
        var resolvesBy = happened[ends] + expected.KeepFiringFor + expected.ConditionLag + Lag;
        if (episode.ResolvedAt is not { } resolved || resolved < resolvesFrom || resolved > resolvesBy)
        {
            yield return $"{side} {key} episode {index + 1}: resolved at {At(episode.ResolvedAt)}, expected between {At(resolvesFrom)} and {At(resolvesBy)} ('{ends}' at {At(happened[ends])} + keep_firing_for {expected.KeepFiringFor.TotalSeconds}s)";
        }
    }

    private IEnumerable<string> CompareEpisode(string what, AlertEpisode ours, AlertEpisode theirs)
    {
        if (ours.States != theirs.States)
        {
            yield return $"{what}: states: vigil {ours.States}, prometheus {theirs.States}";
        }
        if ((ours.StartsAt - theirs.StartsAt).Duration() > BetweenServers)
        {
            yield return $"{what}: startsAt: vigil {At(ours.StartsAt)}, prometheus {At(theirs.StartsAt)}";
        }
        if (ours.ResolvedAt is { } a && theirs.ResolvedAt is { } b && (a - b).Duration() > BetweenServers)
        {
            yield return $"{what}: resolved endsAt: vigil {At(a)}, prometheus {At(b)}";
        }
        if (!ours.Annotations.SequenceEqual(theirs.Annotations))
        {
            yield return $"{what}: annotations: vigil {string.Join(" then ", ours.Annotations)}, prometheus {string.Join(" then ", theirs.Annotations)}";
        }
        if (!ours.GeneratorPaths.SequenceEqual(theirs.GeneratorPaths.Select(Known242Differences.GeneratorPathAsToday)))
        {
            yield return $"{what}: generatorURL path: vigil {string.Join(", ", ours.GeneratorPaths)}, prometheus {string.Join(", ", theirs.GeneratorPaths)}";
        }
    }
}
