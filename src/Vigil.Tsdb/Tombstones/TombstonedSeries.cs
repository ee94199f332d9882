using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Tombstones;

/// <summary>A stored series seen without its deleted samples.</summary>
internal sealed class TombstonedSeries(IStoredSeries inner, Interval[] deleted) : IStoredSeries
{
    public LabelSet Labels => inner.Labels;

    public IEnumerable<Sample> Samples(long mint, long maxt)
    {
        foreach (var sample in inner.Samples(mint, maxt))
        {
            if (!Intervals.Contains(deleted, sample.Timestamp))
            {
                yield return sample;
            }
        }
    }

    public IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt) =>
        inner.HistogramSamples(mint, maxt).Where(h => !Intervals.Contains(deleted, h.Timestamp));

    /// <summary>Copies through the inner series' bulk path, then compacts the deleted samples out in place.</summary>
    public void CopySamples(long mint, long maxt, List<Sample> into)
    {
        var start = into.Count;
        inner.CopySamples(mint, maxt, into);
        var kept = start;
        for (var i = start; i < into.Count; i++)
        {
            if (!Intervals.Contains(deleted, into[i].Timestamp))
            {
                into[kept++] = into[i];
            }
        }
        into.RemoveRange(kept, into.Count - kept);
    }
}
