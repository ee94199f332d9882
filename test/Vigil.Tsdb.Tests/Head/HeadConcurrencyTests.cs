using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Tests.Head;

public sealed class HeadConcurrencyTests
{
    [Fact]
    public async Task Commit_ConcurrentWithQueries_QueriesSeeWholeCommitsOnly()
    {
        using var head = new TsdbHead();
        const int Writers = 4;
        const int Commits = 300;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            var left = LabelSet.Of("__name__", "pair", "writer", w.ToString(), "side", "l");
            var right = LabelSet.Of("__name__", "pair", "writer", w.ToString(), "side", "r");
            for (var i = 1; i <= Commits; i++)
            {
                var app = head.Appender();
                Assert.Equal(AppendStatus.Ok, app.Append(left, i, i));
                Assert.Equal(AppendStatus.Ok, app.Append(right, i, i));
                app.Commit();
            }
        })).ToArray();
        var reader = Task.Run(() =>
        {
            while (!writers.All(t => t.IsCompleted))
            {
                var counts = head.Select(0, long.MaxValue, MatcherParser.ParseList("{__name__=\"pair\"}"))
                    .GroupBy(s => s.Labels.Get("writer"))
                    .Select(g => g.Select(s => s.Samples(0, long.MaxValue).Count()).ToList());
                foreach (var pair in counts)
                {
                    Assert.Equal(2, pair.Count);
                    Assert.Equal(pair[0], pair[1]);
                }
            }
        });
        await Task.WhenAll([.. writers, reader]);
        foreach (var series in head.Select(0, long.MaxValue, []))
        {
            Assert.Equal(Commits, series.Samples(0, long.MaxValue).Count());
        }
    }

    [Fact]
    public async Task Append_ManyWritersCreatingTheSameSeries_CreateItOnce()
    {
        using var head = new TsdbHead();
        var labels = LabelSet.Of("__name__", "shared");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var app = head.Appender();
                app.Append(labels, (i * 8) + w, 1);
                app.Append(LabelSet.Of("__name__", "own", "w", w.ToString(), "i", i.ToString()), 1, 1);
                app.Commit();
            }
        })));
        Assert.Equal(1 + (8 * 200), head.SeriesCount);
    }
}
