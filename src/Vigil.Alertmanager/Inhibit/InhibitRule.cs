using System.Collections.Concurrent;
using Vigil.Alertmanager.Config;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Inhibit;

/// <summary>
/// One inhibition rule at run time: the source alerts seen so far (a cache fed by the store) and
/// the test whether one of them, still firing, inhibits a given target.
/// </summary>
public sealed class InhibitRule
{
    private readonly ConcurrentDictionary<Fingerprint, Alert> _sources = new();

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
    public int CachedSources => _sources.Count;

    /// <summary>Remembers the alert if it can act as a source of this rule.</summary>
    public void Observe(Fingerprint fingerprint, Alert alert)
    {
        if (MatchesAll(SourceMatchers, alert.Labels))
        {
            _sources[fingerprint] = alert;
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
        var excludeTwoSided = MatchesAll(SourceMatchers, target);
        foreach (var (fingerprint, candidate) in _sources)
        {
            if (candidate.ResolvedAt(now) || !EqualLabels(candidate.Labels, target))
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
        var removed = 0;
        foreach (var (fingerprint, alert) in _sources)
        {
            if (alert.ResolvedAt(now) && _sources.TryRemove(new KeyValuePair<Fingerprint, Alert>(fingerprint, alert)))
            {
                removed++;
            }
        }
        return removed;
    }

    private bool EqualLabels(LabelSet source, LabelSet target)
    {
        foreach (var name in Equal)
        {
            // Get returns "" for an absent label, so "absent on both sides" counts as equal, as upstream.
            if (source.Get(name) != target.Get(name))
            {
                return false;
            }
        }
        return true;
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
