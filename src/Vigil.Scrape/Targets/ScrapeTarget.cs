using System.Text;
using Vigil.Model.Labels;

namespace Vigil.Scrape.Targets;

/// <summary>
/// One endpoint to scrape, as produced by target relabelling: the public labels attached to every
/// scraped series, the full label set before <c>__</c>-prefixed labels were removed (reported by
/// <c>/api/v1/targets</c>), and the URL built from them.
/// </summary>
public sealed class ScrapeTarget
{
    /// <summary>Creates a target; <paramref name="url"/> is derived from <paramref name="fullLabels"/> by <see cref="TargetBuilder"/>.</summary>
    public ScrapeTarget(string job, LabelSet labels, LabelSet fullLabels, LabelSet discoveredLabels, Uri url)
    {
        Job = job;
        Labels = labels;
        FullLabels = fullLabels;
        DiscoveredLabels = discoveredLabels;
        Url = url;
        Hash = ComputeHash(labels, url);
    }

    /// <summary>The scrape config's job name.</summary>
    public string Job { get; }

    /// <summary>Labels added to every series scraped from this target (no <c>__</c>-prefixed names).</summary>
    public LabelSet Labels { get; }

    /// <summary>Labels after relabelling, internal ones included.</summary>
    public LabelSet FullLabels { get; }

    /// <summary>Labels as discovered, before relabelling.</summary>
    public LabelSet DiscoveredLabels { get; }

    /// <summary>The URL the scrape loop requests.</summary>
    public Uri Url { get; }

    /// <summary>
    /// A stable 64-bit identity of the target: it spreads scrape start times over the interval, and
    /// identifies "the same target" across reloads.
    /// </summary>
    public ulong Hash { get; }

    /// <summary>
    /// Where within each scrape interval this target is scraped. Deriving it from the target's hash keeps
    /// one target on the same phase across restarts and reloads, while many targets spread evenly
    /// instead of hitting their exporters (and our storage) all at once.
    /// </summary>
    public TimeSpan Offset(TimeSpan interval, DateTimeOffset now, ulong seed = 0)
    {
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        var ticks = (ulong)interval.Ticks;
        var phase = (long)((Hash ^ seed) % ticks);
        var nowPhase = now.UtcTicks % interval.Ticks;
        var offset = phase - nowPhase;
        return TimeSpan.FromTicks(offset < 0 ? offset + interval.Ticks : offset);
    }

    private static ulong ComputeHash(LabelSet labels, Uri url)
    {
        // FNV-1a over labels and URL: cheap, deterministic across processes (string.GetHashCode is not).
        var hash = 14695981039346656037UL;
        foreach (var label in labels)
        {
            hash = Mix(hash, label.Name);
            hash = Mix(hash, label.Value);
        }
        return Mix(hash, url.ToString());
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return (hash ^ 0xff) * 1099511628211UL;
    }
}
