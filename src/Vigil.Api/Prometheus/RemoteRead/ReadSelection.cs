using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// Runs one query of a read request against local storage, with upstream's handling of external labels:
/// an equality matcher on an external label with that label's value is turned into "label absent" (the
/// stored series do not carry external labels), and every returned series gets the external labels added,
/// its own labels winning where both have a name.
/// </summary>
internal sealed class ReadSelection(ISeriesQuerier storage, LabelSet externalLabels)
{
    /// <summary>Whether series may hold native histograms (else the histogram reads are skipped).</summary>
    public bool MayHoldHistograms => storage.MayHoldHistograms;

    /// <summary>The matching series in label order, with external labels added; throws <see cref="FormatException"/> for a bad matcher.</summary>
    public IEnumerable<(LabelSet Labels, IStoredSeries Series)> Select(ReadQuery query)
    {
        var matchers = Matchers(query.Matchers);
        foreach (var series in storage.Select(query.StartMs, query.EndMs, matchers))
        {
            yield return (WithExternal(series.Labels), series);
        }
    }

    private List<Matcher> Matchers(IReadOnlyList<WireMatcher> wire)
    {
        var matchers = new List<Matcher>(wire.Count);
        foreach (var w in wire)
        {
            var m = w.ToMatcher();
            var isExternal = m.Type == MatcherType.Equal && externalLabels.TryGet(m.Name, out var value) && value == m.Value;
            matchers.Add(isExternal ? new Matcher(MatcherType.Equal, m.Name, "") : m);
        }
        return matchers;
    }

    private LabelSet WithExternal(LabelSet labels)
    {
        if (externalLabels.Count == 0)
        {
            return labels;
        }
        var missing = externalLabels.Where(l => !labels.Has(l.Name)).ToList();
        return missing.Count == 0 ? labels : LabelSet.From(labels.Concat(missing));
    }
}
