using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

/// <summary>The small histogram data set the range-function tests evaluate over.</summary>
internal static class HistogramRangeData
{
    /// <summary>A counter histogram whose count, sum and single bucket all equal <paramref name="count"/>.</summary>
    public static FloatHistogram Counter(double count) => new(0, 0, 0, count, count, new BucketRun(1, [count]), BucketRun.Empty);

    /// <summary>
    /// At 0s, 60s, 120s, 180s: "c" a counter histogram with counts 1 2 3 4; "r" the same with a reset (to 1) at
    /// 120s; "m" histograms at 0s and 60s, then floats 2 and 3.
    /// </summary>
    public static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 0; i < 4; i++)
        {
            app.AppendHistogram(LabelSet.Of("__name__", "c"), i * 60_000L, Counter(i + 1));
            app.AppendHistogram(LabelSet.Of("__name__", "r"), i * 60_000L, Counter(i == 2 ? 1 : i + 1));
            if (i < 2)
            {
                app.AppendHistogram(LabelSet.Of("__name__", "m"), i * 60_000L, Counter(i + 1));
            }
            else
            {
                app.Append(LabelSet.Of("__name__", "m"), i * 60_000L, i);
            }
        }
        app.Commit();
        return storage;
    }
}
