using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Testing;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Storage;

public sealed class MemoryStorageHistogramTests
{
    private static readonly LabelSet Series = LabelSet.Of("__name__", "h");

    // Loads a series description at one-minute steps and reads back the hints a reader sees.
    private static List<CounterResetHint?> ReadHints(string values)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        var parsed = SeriesDescription.Parse("h " + values).Values;
        for (var i = 0; i < parsed.Count; i++)
        {
            if (parsed[i].Histogram is { } h)
            {
                app.AppendHistogram(Series, i * 60_000L, h);
            }
            else if (!parsed[i].Omitted)
            {
                app.Append(Series, i * 60_000L, parsed[i].Value);
            }
        }
        app.Commit();
        var stored = storage.Select(0, long.MaxValue, [new Matcher(MatcherType.Equal, "__name__", "h")]).Single();
        var byTime = stored.HistogramSamples(0, long.MaxValue).ToDictionary(s => s.Timestamp, s => s.Histogram.Hint);
        return Enumerable.Range(0, parsed.Count).Select(i => byTime.TryGetValue(i * 60_000L, out var hint) ? hint : (CounterResetHint?)null).ToList();
    }

    [Theory]
    [InlineData("{{count:1}}x2", "Unknown NotReset NotReset")]
    [InlineData("{{count:2}} {{count:1}} {{count:3}}", "Unknown Unknown NotReset")]
    [InlineData("{{count:2}} stale {{count:3}}", "Unknown - Unknown")]
    [InlineData("{{count:2 counter_reset_hint:gauge}} {{count:1 counter_reset_hint:gauge}}", "Gauge Gauge")]
    [InlineData("{{count:2}} {{count:3 counter_reset_hint:reset}}", "Unknown Unknown")]
    [InlineData("{{count:2 buckets:[2]}} {{count:3 buckets:[1 2]}}", "Unknown Unknown")]
    public void HistogramSamples_Hints_AsUpstreamChunksGiveThem(string values, string expected)
    {
        var hints = ReadHints(values).Select(h => h?.ToString() ?? "-");

        Assert.Equal(expected, string.Join(' ', hints));
    }

    [Fact]
    public void Append_FloatAtHistogramTime_ReplacesIt()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.AppendHistogram(Series, 0, FloatHistogram.Empty);
        app.Commit();
        app.Append(Series, 0, 5);
        app.Commit();

        var stored = storage.Select(0, 0, []).Single();

        Assert.Empty(stored.HistogramSamples(0, 0));
        Assert.Equal(5, stored.Samples(0, 0).Single().Value);
    }

    [Fact]
    public void MayHoldHistograms_OnlyAfterAHistogramIsStored()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.Append(Series, 0, 1);
        app.Commit();
        Assert.False(storage.MayHoldHistograms);

        app.AppendHistogram(Series, 1, FloatHistogram.Empty);
        app.Commit();
        Assert.True(storage.MayHoldHistograms);

        storage.Clear();
        Assert.False(storage.MayHoldHistograms);
    }
}
