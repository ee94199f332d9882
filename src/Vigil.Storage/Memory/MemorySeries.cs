using Vigil.Model.Labels;

namespace Vigil.Storage.Memory;

/// <summary>One in-memory series: samples sorted by timestamp, a later write at the same time replacing the earlier.</summary>
internal sealed class MemorySeries(LabelSet labels) : IStoredSeries
{
    private readonly List<Sample> _samples = [];

    public LabelSet Labels { get; } = labels;

    public bool Overlaps(long mint, long maxt) =>
        _samples.Count > 0 && _samples[0].Timestamp <= maxt && _samples[^1].Timestamp >= mint;

    public void Add(Sample sample)
    {
        if (_samples.Count == 0 || _samples[^1].Timestamp < sample.Timestamp)
        {
            _samples.Add(sample);
            return;
        }
        var i = LowerBound(sample.Timestamp);
        if (i < _samples.Count && _samples[i].Timestamp == sample.Timestamp)
        {
            _samples[i] = sample;
        }
        else
        {
            _samples.Insert(i, sample);
        }
    }

    public IEnumerable<Sample> Samples(long mint, long maxt)
    {
        for (var i = LowerBound(mint); i < _samples.Count && _samples[i].Timestamp <= maxt; i++)
        {
            yield return _samples[i];
        }
    }

    private int LowerBound(long t)
    {
        int lo = 0, hi = _samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_samples[mid].Timestamp < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
