using System.Collections.Concurrent;
using System.Text;
using Vigil.Alertmanager.Config;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Inhibit;

/// <summary>
/// One inhibition rule at run time: the source alerts seen so far (a cache fed by the store) and
/// the test whether one of them, still firing, inhibits a given target.
/// </summary>
/// <remarks>
/// Sources are bucketed by their values of the <c>equal</c> labels, so a target only looks at the
/// sources it could match instead of scanning them all as upstream does; with 100k alerts that is
/// the difference between a lookup and a scan per muted check.
/// </remarks>
public sealed class InhibitRule
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Fingerprint, Alert>> _buckets = new(StringComparer.Ordinal);

    /// <summary>Creates the runtime form of a configured rule.</summary>
    public InhibitRule(InhibitRuleConfig config)
    {
        Config = config;
        SourceMatchers = config.SourceMatchers;
        TargetMatchers = config.TargetMatchers;
        Equal = [.. config.Equal.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The configuration.</summary>
    public InhibitRuleConfig Config { get; }

    /// <summary>What a source alert must match.</summary>
    public IReadOnlyList<Matcher> SourceMatchers { get; }

    /// <summary>What a target alert must match.</summary>
    public IReadOnlyList<Matcher> TargetMatchers { get; }

    /// <summary>Labels whose values must be the same on source and target (absent counts as the empty value).</summary>
    public IReadOnlyList<string> Equal { get; }

    /// <summary>How many source alerts are cached, resolved ones not yet collected included.</summary>
    public int CachedSources => _buckets.Values.Sum(b => b.Count);

    /// <summary>Remembers the alert if it can act as a source of this rule.</summary>
    public void Observe(Fingerprint fingerprint, Alert alert)
    {
        if (MatchesAll(SourceMatchers, alert.Labels))
        {
            _buckets.GetOrAdd(EqualKey(alert.Labels), static _ => new ConcurrentDictionary<Fingerprint, Alert>())[fingerprint] = alert;
        }
    }

    /// <summary>
    /// Whether a firing source inhibits a target with these labels; <paramref name="source"/> names
    /// one such source. When the target also matches the source side, sources that themselves match
    /// the target side are disregarded, so such alerts cannot inhibit each other (or themselves).
    /// </summary>
    public bool Inhibits(LabelSet target, DateTimeOffset now, out Fingerprint source)
    {
        source = default;
        if (!MatchesAll(TargetMatchers, target))
        {
            return false;
        }
        // Every source in the target's bucket has the same equal-label values as the target.
        if (!_buckets.TryGetValue(EqualKey(target), out var sources))
        {
            return false;
        }
        var excludeTwoSided = MatchesAll(SourceMatchers, target);
        foreach (var (fingerprint, candidate) in sources)
        {
            if (candidate.ResolvedAt(now))
            {
                continue;
            }
            if (excludeTwoSided && MatchesAll(TargetMatchers, candidate.Labels))
            {
                continue;
            }
            source = fingerprint;
            return true;
        }
        return false;
    }

    /// <summary>Drops cached sources that are resolved at <paramref name="now"/>; returns how many.</summary>
    public int CollectGarbage(DateTimeOffset now)
    {
        // Empty buckets stay: removing one could race with a source being added to it.
        var removed = 0;
        foreach (var sources in _buckets.Values)
        {
            foreach (var (fingerprint, alert) in sources)
            {
                if (alert.ResolvedAt(now) && sources.TryRemove(new KeyValuePair<Fingerprint, Alert>(fingerprint, alert)))
                {
                    removed++;
                }
            }
        }
        return removed;
    }

    /// <summary>
    /// The values of the <c>equal</c> labels, length-prefixed so that no two value lists share a key.
    /// An absent label contributes the empty value, so "absent on both sides" counts as equal, as upstream.
    /// </summary>
    private string EqualKey(LabelSet labels)
    {
        if (Equal.Count == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var name in Equal)
        {
            var value = labels.Get(name);
            sb.Append(value.Length).Append(':').Append(value);
        }
        return sb.ToString();
    }

    private static bool MatchesAll(IReadOnlyList<Matcher> matchers, LabelSet labels)
    {
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }
}
