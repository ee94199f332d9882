using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>Instant and range vector selectors.</summary>
internal sealed partial class Evaluator
{
    private VectorValue EvalVectorSelector(VectorSelector v, long t)
    {
        var at = ResolveTime(v, t) - v.Offset;
        var mint = at - LookbackMs + 1;
        var result = new List<VectorSample>();
        foreach (var series in _querier.Select(mint, at, v.Matchers))
        {
            Sample? last = null;
            foreach (var sample in series.Samples(mint, at))
            {
                last = sample;
            }
            if (last is { } s && !s.IsStale)
            {
                result.Add(new VectorSample(series.Labels, s.Timestamp, s.Value));
            }
        }
        Account(result.Count);
        return new VectorValue(result);
    }

    private MatrixValue EvalMatrixSelector(MatrixSelector m, long t)
    {
        var v = m.Selector;
        var at = ResolveTime(v, t) - v.Offset;
        var mint = at - m.Range + 1;
        var result = new List<SeriesValue>();
        foreach (var series in _querier.Select(mint, at, v.Matchers))
        {
            var points = series.Samples(mint, at).Where(s => !s.IsStale).Select(s => new Point(s.Timestamp, s.Value)).ToList();
            if (points.Count > 0)
            {
                Account(points.Count);
                result.Add(new SeriesValue(series.Labels, points));
            }
        }
        return new MatrixValue(result);
    }
}
