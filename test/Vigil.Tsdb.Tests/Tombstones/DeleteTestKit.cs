using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Tests.Tombstones;

/// <summary>Series, writers and readers shared by the deletion tests.</summary>
internal static class DeleteTestKit
{
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;

    public static readonly LabelSet A = LabelSet.Of("__name__", "up", "instance", "a");
    public static readonly LabelSet B = LabelSet.Of("__name__", "up", "instance", "b");
    public static readonly LabelSet Other = LabelSet.Of("__name__", "other", "instance", "a");

    public static IReadOnlyList<Matcher> Selector(string text) => MatcherParser.ParseList(text);

    /// <summary>One sample per minute in [from, to) for each series, value = minute number.</summary>
    public static void Fill(IStorage storage, long from, long to, params LabelSet[] series)
    {
        var appender = storage.Appender();
        for (var t = from; t < to; t += Minute)
        {
            foreach (var labels in series)
            {
                Assert.Equal(AppendStatus.Ok, appender.Append(labels, t, t / Minute));
            }
        }
        appender.Commit();
    }

    /// <summary>The timestamps of <paramref name="labels"/>' samples, read both ways (enumerated and bulk-copied), which must agree.</summary>
    public static List<long> Times(ISeriesQuerier querier, LabelSet labels, long mint = long.MinValue, long maxt = long.MaxValue)
    {
        var matchers = labels.AsSpan().ToArray().Select(l => new Matcher(MatcherType.Equal, l.Name, l.Value)).ToList();
        var series = querier.Select(mint, maxt, matchers).SingleOrDefault();
        if (series is null)
        {
            return [];
        }
        var copied = new List<Sample>();
        series.CopySamples(mint, maxt, copied);
        var enumerated = series.Samples(mint, maxt).Select(s => s.Timestamp).ToList();
        Assert.Equal(enumerated, copied.Select(s => s.Timestamp));
        return enumerated;
    }

    /// <summary>Minute timestamps in [from, to).</summary>
    public static List<long> Minutes(long from, long to)
    {
        var result = new List<long>();
        for (var t = from; t < to; t += Minute)
        {
            result.Add(t);
        }
        return result;
    }
}
