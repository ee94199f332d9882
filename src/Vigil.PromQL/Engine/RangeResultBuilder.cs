using Vigil.Model.Labels;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Collects the steps of a range query or subquery into one series per label set. Consecutive steps mostly
/// return the same label set objects in the same order, so each sample is first matched by reference against
/// the previous step's sample at the same position; only the rest go through the label-set dictionary, and a
/// step identical to the previous one needs no duplicate check either.
/// </summary>
/// <param name="end">The last step's time; with <paramref name="step"/> it bounds how many points a series can still get.</param>
/// <param name="step">The interval between steps (ms).</param>
internal sealed class RangeResultBuilder(long end, long step)
{
    private readonly Dictionary<LabelSet, SeriesValue> _byLabels = [];
    private readonly List<SeriesValue> _order = [];
    private LabelSet[] _previousMetrics = [];
    private SeriesValue[] _previousTargets = [];
    private int _previousCount;

    /// <summary>The series built so far, in order of first appearance.</summary>
    public List<SeriesValue> Series => _order;

    /// <summary>Adds one step's result at <paramref name="ts"/>; fails when the step holds two samples with the same labels.</summary>
    public void Add(QueryValue value, long ts)
    {
        switch (value)
        {
            case ScalarValue sc:
                Target(LabelSet.Empty, ts).Points.Add(new Point(ts, sc.Value));
                break;
            case VectorValue v:
                AddVector(v.Samples, ts);
                break;
            default:
                throw new QueryException("range and subqueries need an instant vector or scalar expression");
        }
    }

    private void AddVector(List<VectorSample> samples, long ts)
    {
        var sameAsPrevious = samples.Count == _previousCount;
        if (_previousMetrics.Length < samples.Count)
        {
            Array.Resize(ref _previousMetrics, Math.Max(samples.Count, _previousMetrics.Length * 2));
            Array.Resize(ref _previousTargets, _previousMetrics.Length);
        }
        for (var i = 0; i < samples.Count; i++)
        {
            var metric = samples[i].Metric;
            SeriesValue target;
            if (i < _previousCount && ReferenceEquals(_previousMetrics[i], metric))
            {
                target = _previousTargets[i];
            }
            else
            {
                sameAsPrevious = false;
                target = Target(metric, ts, samples[i].DropName);
                _previousMetrics[i] = metric;
                _previousTargets[i] = target;
            }
            if (samples[i].Histogram is { } histogram)
            {
                (target.Histograms ??= []).Add((ts, histogram));
            }
            else
            {
                target.Points.Add(new Point(ts, samples[i].Value));
            }
        }
        _previousCount = samples.Count;
        // A failed check fails the whole query, so it may come after the points were appended. The
        // previous step's label sets passed it, and the same objects again cannot hold a duplicate.
        if (!sameAsPrevious)
        {
            Evaluator.EnsureUniqueLabelSets(samples);
        }
    }

    private int RemainingSteps(long ts) => step <= 0 || ts > end ? 1 : (int)Math.Min(((end - ts) / step) + 1, 11_000);

    // A series' pending name removal is the one of its first sample, as upstream keeps it.
    private SeriesValue Target(LabelSet metric, long ts, bool dropName = false)
    {
        if (!_byLabels.TryGetValue(metric, out var series))
        {
            // Room for every step left, as upstream sizes a new series' points: growing by doubling instead
            // allocated and copied about twice the result.
            series = new SeriesValue(metric, new List<Point>(RemainingSteps(ts))) { DropName = dropName };
            _byLabels[metric] = series;
            _order.Add(series);
        }
        return series;
    }
}
