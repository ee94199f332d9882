using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

/// <summary>
/// A range query reads each selector once and walks the steps with cursors; an instant query at each step
/// reads the storage afresh. Both must give the same numbers, on data with resets, gaps and stale markers.
/// </summary>
public sealed class RangeConsistencyTests
{
    private static MemoryStorage Data()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var s = 0; s < 6; s++)
        {
            var counter = LabelSet.Of("__name__", "requests_total", "job", "job" + (s % 2), "instance", "i" + s);
            var gauge = LabelSet.Of("__name__", "load", "job", "job" + (s % 2), "instance", "i" + s);
            double value = 0;
            for (var i = 0; i < 240; i++)
            {
                var ts = (i * 15_000L) + (s * 1_000);
                value = i % 97 == 50 ? 0 : value + s + 1;
                app.Append(counter, ts, value);
                if (i is < 100 or > 140)
                {
                    app.Append(gauge, ts, Math.Sin(i + s));
                }
                else if (i == 100 && s % 3 == 0)
                {
                    app.Append(gauge, ts, StaleNaN.Value);
                }
            }
        }
        app.Commit();
        return storage;
    }

    [Theory]
    [InlineData("requests_total")]
    [InlineData("load")]
    [InlineData("rate(requests_total[2m])")]
    [InlineData("sum by (job) (rate(requests_total[5m]))")]
    [InlineData("avg_over_time(load[3m])")]
    [InlineData("max_over_time(load[10m:30s])")]
    [InlineData("deriv(load[5m] offset 2m)")]
    [InlineData("topk(2, load)")]
    [InlineData("load @ 1500")]
    [InlineData("last_over_time(load[1m] @ 3000)")]
    [InlineData("rate(requests_total[1m:15s])")]
    [InlineData("load > on(instance) group_left rate(requests_total[5m])")]
    public void Range_EachStep_EqualsInstantQuery(string query)
    {
        var storage = Data();
        var engine = new QueryEngine();
        const long start = 100_000, end = 3_500_000, step = 37_000;

        var range = (MatrixValue)engine.Range(storage, query, start, end, step).Value;

        for (var t = start; t <= end; t += step)
        {
            var instant = ((VectorValue)engine.Instant(storage, query, t).Value).Samples
                .OrderBy(s => s.Metric, LabelSetComparer.Instance)
                .Select(s => (s.Metric.ToString(), BitConverter.DoubleToInt64Bits(s.Value)));
            var fromRange = range.Series
                .SelectMany(s => s.Points.Where(p => p.Timestamp == t).Select(p => (s.Metric, p.Value)))
                .OrderBy(s => s.Metric, LabelSetComparer.Instance)
                .Select(s => (s.Metric.ToString(), BitConverter.DoubleToInt64Bits(s.Value)));
            Assert.Equal(instant, fromRange);
        }
    }
}
