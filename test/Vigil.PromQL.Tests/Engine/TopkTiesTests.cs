using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class TopkTiesTests
{
    private static MemoryStorage Values(params double[] values)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 0; i < values.Length; i++)
        {
            app.Append(LabelSet.Of("__name__", "m", "s", ((char)('a' + i)).ToString()), 0, values[i]);
        }
        app.Commit();
        return storage;
    }

    // Upstream's heap replaces its root (the first of the tied values) when a larger value arrives.
    [Theory]
    [InlineData("topk(2, m)", new[] { 5.0, 5, 7 }, "b,c")]
    [InlineData("topk(2, m)", new[] { 5.0, 5, 5 }, "a,b")]
    [InlineData("bottomk(2, m)", new[] { 5.0, 5, 3 }, "b,c")]
    [InlineData("topk(1, m)", new[] { double.NaN, 1, 1 }, "b")]
    public void TopBottom_TiedValues_KeepsWhatUpstreamHeapKeeps(string query, double[] values, string expected)
    {
        var result = new QueryEngine().Instant(Values(values), query, 0);

        var kept = ((VectorValue)result.Value).Samples.Select(s => s.Metric.Get("s")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(",", kept));
    }
}
