using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Tests.Wal;

public sealed class TsdbStorageWalTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ListLoggerFactory _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_AfterCommits_ReplaysEverySeriesAndSample()
    {
        using (var db = Open())
        {
            Commit(db, 1, 10);
            Commit(db, 11, 20);
        }
        using var reopened = Open();
        Assert.Equal(20, CountSamples(reopened));
        Assert.Equal(3, reopened.Head.SeriesCount);
        Assert.Contains(_log.Lines, l => l.Contains("WAL replayed: 60 samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_Twice_KeepsReferencesDistinctForNewSeries()
    {
        using (var db = Open())
        {
            Commit(db, 1, 1);
        }
        using (var db = Open())
        {
            var app = db.Appender();
            app.Append(LabelSet.Of("__name__", "later"), 5, 5);
            app.Commit();
        }
        using var last = Open();
        Assert.Equal(4, last.Head.SeriesCount);
        Assert.Equal([new Sample(5, 5)], last.Select(0, 10, MatcherParser.ParseList("{__name__=\"later\"}")).Single().Samples(0, 10));
    }

    [Fact]
    public void Open_TornTailAtEveryByteOfTheLastRecord_KeepsEarlierCommitsAndStartsUp()
    {
        using (var db = Open())
        {
            Commit(db, 1, 10);
            Commit(db, 11, 11);
        }
        var segment = SegmentPaths().Single(p => new FileInfo(p).Length > 0);
        var full = File.ReadAllBytes(segment);
        var lastRecordStart = FindLastRecordStart(full);
        for (var cut = lastRecordStart; cut < full.Length; cut++)
        {
            ResetWalTo(segment, full.AsSpan(0, cut));
            using var db = Open();
            Assert.Equal(10, CountSamples(db));
            Assert.Equal(lastRecordStart, new FileInfo(segment).Length);
        }
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_BitFlippedInAnEarlyRecord_DropsFromThereAndLaterSegmentsButStartsUp()
    {
        using (var db = Open())
        {
            Commit(db, 1, 5);
            db.Wal.Rotate();
            Commit(db, 6, 10);
        }
        var segments = SegmentPaths();
        var first = segments[0];
        var bytes = File.ReadAllBytes(first);
        bytes[^3] ^= 0x10;
        File.WriteAllBytes(first, bytes);
        using var reopened = Open();
        Assert.True(CountSamples(reopened) < 5);
        // The later segment was deleted; writing resumes in a fresh, empty file of that number.
        Assert.Equal(0, new FileInfo(segments[1]).Length);
        Assert.Contains(_log.Lines, l => l.Contains("checksum mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_AfterReopenAndMoreCommits_DoesNotLoseTheRepairedPart()
    {
        using (var db = Open())
        {
            Commit(db, 1, 3);
        }
        var segment = SegmentPaths().Single(p => new FileInfo(p).Length > 0);
        File.AppendAllText(segment, "garbage");
        using (var db = Open())
        {
            Commit(db, 4, 6);
        }
        using var last = Open();
        Assert.Equal(6, CountSamples(last));
    }

    [Fact]
    public async Task Commit_ConcurrentAppenders_AllAcknowledgedSamplesSurviveReopen()
    {
        using (var db = Open(segmentSize: 4096))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
            {
                var labels = LabelSet.Of("__name__", "w", "writer", w.ToString());
                for (var i = 1; i <= 200; i++)
                {
                    var app = db.Appender();
                    Assert.Equal(AppendStatus.Ok, app.Append(labels, i, i));
                    Assert.Equal(AppendStatus.Ok, app.Append(LabelSet.Of("__name__", "n", "writer", w.ToString(), "i", i.ToString()), i, i));
                    app.Commit();
                }
            })));
            Assert.True(db.Wal.CurrentSegment > 3);
        }
        using var reopened = Open();
        Assert.Equal(4 + 800, reopened.Head.SeriesCount);
        Assert.Equal(1600, CountSamples(reopened));
    }

    [Fact]
    public void TruncateHead_ThenReopen_KeepsOnlyLiveSeriesAndNewerSamples()
    {
        using (var db = Open())
        {
            var app = db.Appender();
            for (var i = 0; i < 480; i++)
            {
                app.Append(LabelSet.Of("__name__", "live"), i * 15_000L, i);
                if (i < 100)
                {
                    app.Append(LabelSet.Of("__name__", "gone"), i * 15_000L, i);
                }
            }
            app.Commit();
            db.TruncateHead(240 * 15_000L);
            Commit(db, 500 * 15_000, 500 * 15_000);
            Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "wal"), "checkpoint.*"));
        }
        using var reopened = Open();
        var names = reopened.LabelValues("__name__", long.MinValue, long.MaxValue, []);
        Assert.Equal(["a", "b", "c", "live"], names);
        var live = reopened.Select(long.MinValue, long.MaxValue, MatcherParser.ParseList("{__name__=\"live\"}")).Single();
        Assert.Equal(240, live.Samples(long.MinValue, long.MaxValue).Count());
        Assert.Equal(AppendStatus.OutOfBounds, reopened.Appender().Append(LabelSet.Of("__name__", "live"), 0, 1));
    }

    private TsdbStorage Open(long segmentSize = 1 << 20) =>
        TsdbStorage.Open(new TsdbOptions { Path = _dir.Path, WalSegmentSize = segmentSize }, TimeProvider.System, _log);

    private static void Commit(TsdbStorage db, long from, long to)
    {
        var app = db.Appender();
        for (var t = from; t <= to; t++)
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                Assert.Equal(AppendStatus.Ok, app.Append(LabelSet.Of("__name__", name), t, t * 1.5));
            }
        }
        app.Commit();
    }

    /// <summary>Samples of series "a" (every commit writes a, b and c alike).</summary>
    private static int CountSamples(TsdbStorage db) =>
        db.Select(long.MinValue, long.MaxValue, MatcherParser.ParseList("{__name__=~\"a|w|n\"}")).Sum(s => s.Samples(long.MinValue, long.MaxValue).Count());

    private List<string> SegmentPaths() =>
        Directory.GetFiles(Path.Combine(_dir.Path, "wal")).Where(p => Path.GetFileName(p).Length == 8).Order(StringComparer.Ordinal).ToList();

    private void ResetWalTo(string segment, ReadOnlySpan<byte> content)
    {
        foreach (var path in SegmentPaths())
        {
            File.Delete(path);
        }
        File.WriteAllBytes(segment, content.ToArray());
    }

    private static int FindLastRecordStart(byte[] segment)
    {
        var at = 0;
        var last = 0;
        while (at < segment.Length)
        {
            last = at;
            at += 8 + BitConverter.ToInt32(segment, at);
        }
        return last;
    }
}
