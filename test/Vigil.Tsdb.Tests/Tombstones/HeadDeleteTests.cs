using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Tsdb.Head;
using Vigil.Tsdb.Tests.Wal;
using static Vigil.Tsdb.Tests.Tombstones.DeleteTestKit;

namespace Vigil.Tsdb.Tests.Tombstones;

public sealed class HeadDeleteTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(10, 19, 0, 10, 20, 60)]
    [InlineData(-100, 4, 5, 60, 0, 0)]
    [InlineData(55, 1000, 0, 55, 0, 0)]
    [InlineData(0, 59, 0, 0, 0, 0)]
    public void Delete_Range_QueriesStopReturningExactlyThoseSamples(long fromMinute, long toMinute, long keep1From, long keep1To, long keep2From, long keep2To)
    {
        using var head = new TsdbHead();
        Fill(head, 0, 60 * Minute, A, B);

        head.Delete(fromMinute * Minute, toMinute * Minute, Selector("{instance=\"a\"}"));

        Assert.Equal([.. Minutes(keep1From * Minute, keep1To * Minute), .. Minutes(keep2From * Minute, keep2To * Minute)], Times(head, A));
        Assert.Equal(Minutes(0, 60 * Minute), Times(head, B));
    }

    [Fact]
    public void Delete_WholeSeriesInItsOpenChunk_StillListedWithoutSamplesAndInLabelValues()
    {
        using var head = new TsdbHead();
        Fill(head, 0, 10 * Minute, A, B, Other);

        Assert.Equal(1, head.Delete(long.MinValue, long.MaxValue, Selector("{__name__=\"other\"}")));

        // As upstream's head: the open chunk has no end yet, so no deletion covers it and the series stays listed.
        var listed = head.Select(long.MinValue, long.MaxValue, Selector("{instance=\"a\"}")).ToList();
        Assert.Equal(["other", "up"], listed.Select(s => s.Labels.Get("__name__")));
        Assert.Empty(listed[0].Samples(long.MinValue, long.MaxValue));
        Assert.Equal(["other", "up"], head.LabelValues("__name__", long.MinValue, long.MaxValue, []));
        Assert.Equal(["other", "up"], head.LabelValues("__name__", 0, 5 * Minute, Selector("{instance=\"a\"}")));
        Assert.Equal(["__name__", "instance"], head.LabelNames(0, 5 * Minute, Selector("{__name__=\"other\"}")));
        Assert.True(head.HasTombstones);
    }

    [Fact]
    public void Delete_ClosedChunkWhole_SeriesIsNotListedInItsRangeButIsAfter()
    {
        using var head = new TsdbHead();
        Fill(head, 0, 150 * Minute, Other);

        head.Delete(0, 119 * Minute, Selector("{__name__=\"other\"}"));

        Assert.Empty(head.Select(0, 119 * Minute, Selector("{__name__=\"other\"}")));
        Assert.Equal(Minutes(120 * Minute, 150 * Minute), Times(head, Other));
        Assert.Equal(["other"], head.LabelValues("__name__", 0, 119 * Minute, Selector("{instance=\"a\"}")));
    }

    [Theory]
    [InlineData("{}", 0)]
    [InlineData("{job=\"\"}", 3)]
    [InlineData("{instance=\"\"}", 0)]
    [InlineData("{instance=~\"|b\"}", 1)]
    public void Delete_SelectorsMatchingTheEmptyString_DeleteEverySeriesWithoutThatLabel_AndNoMatchersDeleteNothing(string selector, int deleted)
    {
        using var head = new TsdbHead();
        Fill(head, 0, 10 * Minute, A, B, Other);

        Assert.Equal(deleted, head.Delete(long.MinValue, long.MaxValue, selector == "{}" ? [] : Selector(selector)));

        Assert.Equal(3 - deleted, new[] { A, B, Other }.Count(s => Times(head, s).Count == 10));
    }

    [Fact]
    public void Delete_ThenAppendInsideTheDeletedRange_NewSamplesAreKept()
    {
        using var head = new TsdbHead();
        Fill(head, 0, 10 * Minute, A);

        head.Delete(long.MinValue, long.MaxValue, Selector("{instance=\"a\"}"));
        Fill(head, 10 * Minute, 12 * Minute, A);

        Assert.Equal(Minutes(10 * Minute, 12 * Minute), Times(head, A));
    }

    [Fact]
    public void Delete_WhileAnAppenderHoldsUncommittedSamples_ThoseSamplesSurviveTheirCommit()
    {
        using var head = new TsdbHead();
        Fill(head, 0, 10 * Minute, A);
        var appender = head.Appender();
        appender.Append(A, 10 * Minute, 1);

        head.Delete(long.MinValue, long.MaxValue, Selector("{instance=\"a\"}"));
        appender.Commit();

        Assert.Equal([10 * Minute], Times(head, A));
    }

    [Fact]
    public async Task Delete_DuringConcurrentIngestion_LeavesExactlyTheSamplesCommittedAfterIt()
    {
        using var head = new TsdbHead();
        const int Halfway = 1500;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deleted = 0;
        var writer = Task.Run(() =>
        {
            // Keeps committing until 100 commits after the deletion returned.
            int i = 0, more = -1;
            for (; more != 0; i++)
            {
                var appender = head.Appender();
                appender.Append(A, i * Minute, i);
                appender.Commit();
                if (i == Halfway)
                {
                    halfway.SetResult();
                }
                more = more > 0 ? more - 1 : Volatile.Read(ref deleted) == 1 ? 100 : -1;
            }
            return i;
        });
        await halfway.Task;
        head.Delete(long.MinValue, long.MaxValue, Selector("{instance=\"a\"}"));
        Volatile.Write(ref deleted, 1);
        var commits = await writer;

        var left = Times(head, A);
        // Whatever was committed before the deletion is gone, whatever came after is whole: a suffix of the commits.
        Assert.True(left.Count >= 100);
        Assert.True(left[0] > Halfway * Minute);
        Assert.Equal(Minutes(left[0], commits * Minute), left);
    }

    [Fact]
    public void Delete_NoMatchingSeries_TouchesNothing()
    {
        using var head = new TsdbHead();
        Fill(head, 0, 10 * Minute, A);

        Assert.Equal(0, head.Delete(long.MinValue, long.MaxValue, Selector("{instance=\"zzz\"}")));
        Assert.Equal(0, head.Delete(20 * Minute, 30 * Minute, Selector("{instance=\"a\"}")));
        Assert.False(head.HasTombstones);
    }

    [Fact]
    public void Open_AfterDeleteAndCleanShutdown_DeletedDataStaysDeleted()
    {
        using (var db = Open(_dir.Path))
        {
            Fill(db, 0, 30 * Minute, A, B);
            db.Head.Delete(5 * Minute, 9 * Minute, Selector("{instance=\"a\"}"));
            Fill(db, 30 * Minute, 31 * Minute, A, B);
        }

        using var reopened = Open(_dir.Path);

        Assert.Equal([.. Minutes(0, 5 * Minute), .. Minutes(10 * Minute, 31 * Minute)], Times(reopened, A));
        Assert.Equal(Minutes(0, 31 * Minute), Times(reopened, B));
    }

    [Fact]
    public void Open_AfterDeleteAndWalCheckpoint_DeletedDataStaysDeleted()
    {
        using (var db = Open(_dir.Path))
        {
            Fill(db, 0, 30 * Minute, A, B);
            db.Head.Delete(long.MinValue, 9 * Minute, Selector("{instance=\"a\"}"));
            db.TruncateWal(long.MinValue);
        }

        using var reopened = Open(_dir.Path);

        Assert.Equal(Minutes(10 * Minute, 30 * Minute), Times(reopened, A));
    }

    [Fact]
    public void Open_CopyOfTheDirectoryTakenRightAfterDelete_DeletedDataStaysDeleted()
    {
        // A crash image: the files as they are once Delete returned, without any shutdown work.
        using var db = Open(_dir.Path);
        Fill(db, 0, 30 * Minute, A, B);
        db.Head.Delete(long.MinValue, long.MaxValue, Selector("{instance=\"b\"}"));
        var image = Path.Combine(_dir.Path, "crash-image");
        CopyTree(Path.Combine(_dir.Path, "wal"), Path.Combine(image, "wal"));

        using var recovered = Open(image);

        Assert.Empty(Times(recovered, B));
        Assert.Equal(Minutes(0, 30 * Minute), Times(recovered, A));
    }

    private TsdbStorage Open(string path) => TsdbStorage.Open(new TsdbOptions { Path = path }, _time, NullLoggerFactory.Instance);

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
