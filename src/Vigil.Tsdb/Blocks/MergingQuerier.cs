using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Queries several storages (blocks, the head) as one. A series found in more than one of them becomes one
/// series whose samples are merged by time; when two hold a sample at the same timestamp, the source listed
/// first wins, so the same data seen twice (a block just cut from a head not yet truncated) appears once.
/// </summary>
public sealed class MergingQuerier : ISeriesQuerier, ILabelQuerier
{
    private readonly Func<IReadOnlyList<ISeriesQuerier>> _sources;

    /// <summary>Merges the storages <paramref name="sources"/> returns at the time of each query.</summary>
    public MergingQuerier(Func<IReadOnlyList<ISeriesQuerier>> sources) => _sources = sources;

    /// <summary>Merges a fixed list of storages.</summary>
    public MergingQuerier(params ISeriesQuerier[] sources) : this(() => sources)
    {
    }

    /// <inheritdoc />
    public bool MayHoldHistograms => _sources().Any(static s => s.MayHoldHistograms);

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        var sources = _sources();
        if (sources.Count == 1)
        {
            return sources[0].Select(mint, maxt, matchers);
        }
        // Most queries touch only the head (recent data) or only blocks: when one source answers, its
        // already-sorted list is the result, and the merge's dictionary is not worth building.
        var answers = new List<IReadOnlyList<IStoredSeries>>(sources.Count);
        foreach (var source in sources)
        {
            var selected = source.Select(mint, maxt, matchers);
            var found = selected as IReadOnlyList<IStoredSeries> ?? [.. selected];
            if (found.Count > 0)
            {
                answers.Add(found);
            }
        }
        return answers.Count switch
        {
            0 => [],
            1 => answers[0],
            _ => Merge(answers),
        };
    }

    private static List<IStoredSeries> Merge(List<IReadOnlyList<IStoredSeries>> answers)
    {
        var byLabels = new SortedDictionary<LabelSet, List<IStoredSeries>>(LabelSetComparer.Instance);
        foreach (var answer in answers)
        {
            foreach (var series in answer)
            {
                if (!byLabels.TryGetValue(series.Labels, out var parts))
                {
                    parts = [];
                    byLabels[series.Labels] = parts;
                }
                parts.Add(series);
            }
        }
        return byLabels.Values.Select(parts => parts.Count == 1 ? parts[0] : new MergedSeries(parts)).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        _sources().SelectMany(s => s is ILabelQuerier labels
                ? labels.LabelNames(mint, maxt, matchers)
                : s.Select(mint, maxt, matchers).SelectMany(series => series.Labels.Names))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        _sources().SelectMany(s => s is ILabelQuerier labels
                ? labels.LabelValues(name, mint, maxt, matchers)
                : s.Select(mint, maxt, matchers).Select(series => series.Labels.Get(name)).Where(v => v.Length > 0))
            .Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>One series present in several sources: their samples merged in time order, one per timestamp.</summary>
internal sealed class MergedSeries(List<IStoredSeries> parts) : IStoredSeries
{
    public LabelSet Labels => parts[0].Labels;

    /// <summary>The parts' histogram samples merged by time; on a shared timestamp the earlier part's wins.</summary>
    public IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt)
    {
        var merged = new SortedDictionary<long, HistogramSample>();
        foreach (var part in parts)
        {
            foreach (var sample in part.HistogramSamples(mint, maxt))
            {
                merged.TryAdd(sample.Timestamp, sample);
            }
        }
        return merged.Values;
    }

    public IEnumerable<Sample> Samples(long mint, long maxt)
    {
        var merged = parts[0].Samples(mint, maxt);
        for (var i = 1; i < parts.Count; i++)
        {
            merged = Merge(merged, parts[i].Samples(mint, maxt));
        }
        return merged;
    }

    /// <summary>
    /// Each part copies its samples through its own bulk path; the runs are then merged pairwise, the earlier
    /// parts' sample winning on a shared timestamp as in <see cref="Samples"/>.
    /// </summary>
    public void CopySamples(long mint, long maxt, List<Sample> into)
    {
        var start = into.Count;
        parts[0].CopySamples(mint, maxt, into);
        if (parts.Count == 1)
        {
            return;
        }
        var merged = into[start..];
        var next = new List<Sample>();
        var output = new List<Sample>();
        for (var i = 1; i < parts.Count; i++)
        {
            next.Clear();
            parts[i].CopySamples(mint, maxt, next);
            output.Clear();
            MergeRuns(merged, next, output);
            (merged, output) = (output, merged);
        }
        into.RemoveRange(start, into.Count - start);
        into.AddRange(merged);
    }

    // Merges two time-ordered runs into output; on a shared timestamp the sample of first is kept.
    private static void MergeRuns(List<Sample> first, List<Sample> second, List<Sample> output)
    {
        int a = 0, b = 0;
        while (a < first.Count && b < second.Count)
        {
            var (x, y) = (first[a], second[b]);
            if (x.Timestamp <= y.Timestamp)
            {
                b += x.Timestamp == y.Timestamp ? 1 : 0;
                output.Add(x);
                a++;
            }
            else
            {
                output.Add(y);
                b++;
            }
        }
        for (; a < first.Count; a++)
        {
            output.Add(first[a]);
        }
        for (; b < second.Count; b++)
        {
            output.Add(second[b]);
        }
    }

    /// <summary>Merges two time-ordered runs; on a shared timestamp the sample of <paramref name="first"/> is kept.</summary>
    internal static IEnumerable<Sample> Merge(IEnumerable<Sample> first, IEnumerable<Sample> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        bool hasA = a.MoveNext(), hasB = b.MoveNext();
        while (hasA && hasB)
        {
            if (a.Current.Timestamp <= b.Current.Timestamp)
            {
                if (a.Current.Timestamp == b.Current.Timestamp)
                {
                    hasB = b.MoveNext();
                }
                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
        for (; hasA; hasA = a.MoveNext())
        {
            yield return a.Current;
        }
        for (; hasB; hasB = b.MoveNext())
        {
            yield return b.Current;
        }
    }
}
