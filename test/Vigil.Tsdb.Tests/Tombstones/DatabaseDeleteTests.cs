using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Storage;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Compaction;
using Vigil.Tsdb.Tests.Blocks;
using Vigil.Tsdb.Tombstones;
using static Vigil.Tsdb.Tests.Tombstones.DeleteTestKit;

namespace Vigil.Tsdb.Tests.Tombstones;

/// <summary>Deletion across blocks and head, what compaction and clean-up do with it, and snapshots.</summary>
public sealed class DatabaseDeleteTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Delete_SpanningBlocksAndHead_HidesTheRangeEverywhereAndSurvivesRestart()
    {
        using (var db = Database.Open(_dir.Path, _time))
        {
            FillAndCompact(db.Store);
            Assert.NotEmpty(db.Store.Blocks.Blocks);

            db.Store.Delete(1 * Hour, 9 * Hour, Selector("{instance=\"a\"}"));

            AssertDeleted(db.Store.Storage, 1 * Hour, 9 * Hour);
            Assert.Contains(db.Store.Blocks.Blocks, b => File.Exists(Path.Combine(b.Directory, TombstoneFile.FileName)));
        }

        using var reopened = Database.Open(_dir.Path, _time);
        AssertDeleted(reopened.Store.Storage, 1 * Hour, 9 * Hour);
    }

    [Fact]
    public void RunOnce_AfterDelete_WritesBlocksWithoutTheDeletedSamples()
    {
        using var db = Database.Open(_dir.Path, _time);
        Fill(db.Store.Storage, 0, 10 * Hour, A, B);
        db.Store.RunOnce();
        db.Store.Delete(1 * Hour, 9 * Hour, Selector("{__name__=\"up\"}"));

        // More data makes the head cut more blocks and the planner merge [6h, 8h) (with tombstones) into [6h, 12h).
        Fill(db.Store.Storage, 10 * Hour, 20 * Hour, A, B);
        db.Store.RunOnce();

        var merged = db.Store.Blocks.Blocks.Single(b => b.Meta.MinTime == 6 * Hour);
        Assert.True(merged.Tombstones.IsEmpty);
        Assert.Equal(2 * 3 * 60 * 2, merged.Meta.Stats.NumSamples + (2 * ((3 * 60) + 1)));
        var expected = (List<long>)[.. Minutes(0, 1 * Hour), .. Minutes(9 * Hour + Minute, 20 * Hour)];
        Assert.Equal(expected, Times(db.Store.Storage, A));
        Assert.Equal(expected, Times(db.Store.Storage, B));

    }

    [Fact]
    public void CleanTombstones_RewritesBlocksWithoutDeletedData()
    {
        using var db = Database.Open(_dir.Path, _time);
        FillAndCompact(db.Store);
        var samplesBefore = db.Store.Blocks.Blocks.Sum(b => b.Meta.Stats.NumSamples);
        db.Store.Delete(long.MinValue, 3 * Hour, Selector("{instance=\"b\"}"));
        db.Store.Delete(1 * Hour, 9 * Hour, Selector("{instance=\"a\"}"));

        var cleaned = db.Store.CleanTombstones();

        Assert.True(cleaned > 0);
        Assert.All(db.Store.Blocks.Blocks, b => Assert.True(b.Tombstones.IsEmpty));
        Assert.Equal(samplesBefore - 181 - 420, db.Store.Blocks.Blocks.Sum(b => b.Meta.Stats.NumSamples));
        Assert.Equal([.. Minutes(0, 1 * Hour), .. Minutes(9 * Hour + Minute, 11 * Hour)], Times(db.Store.Storage, A));
        Assert.Equal(Minutes(3 * Hour + Minute, 11 * Hour), Times(db.Store.Storage, B));
        Assert.Equal(0, db.Store.CleanTombstones());
    }

    [Fact]
    public void CleanTombstones_EveryBlockFullyDeleted_RemovesTheBlocks()
    {
        using var db = Database.Open(_dir.Path, _time);
        FillAndCompact(db.Store);
        db.Store.Delete(long.MinValue, 8 * Hour, Selector("{__name__=\"up\"}"));

        db.Store.CleanTombstones();

        Assert.Empty(db.Store.Blocks.Blocks);
        Assert.Equal(Minutes(8 * Hour + Minute, 11 * Hour), Times(db.Store.Storage, A));
    }

    [Fact]
    public void Open_AfterCleanCrashedBeforeDeletingTheOldBlock_KeepsOnlyTheRewrittenBlock()
    {
        string leftover;
        using (var db = Database.Open(_dir.Path, _time))
        {
            FillAndCompact(db.Store);
            db.Store.Delete(1 * Hour, 9 * Hour, Selector("{instance=\"a\"}"));
            var withTombstones = db.Store.Blocks.Blocks.First(b => !b.Tombstones.IsEmpty);
            leftover = Path.Combine(_dir.Path, "copy-of-old");
            HardLinkCopy(withTombstones.Directory, leftover);
            db.Store.CleanTombstones();
            Directory.Move(leftover, withTombstones.Directory);
        }

        using var reopened = Database.Open(_dir.Path, _time);

        Assert.DoesNotContain(reopened.Store.Blocks.Blocks, b => !b.Tombstones.IsEmpty);
        AssertDeleted(reopened.Store.Storage, 1 * Hour, 9 * Hour);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Snapshot_OpenedAsADataDirectory_HoldsTheBlocksAndOptionallyTheHead(bool withHead)
    {
        var snapshot = Path.Combine(_dir.Path, "snapshots", "snap");
        using (var db = Database.Open(_dir.Path, _time))
        {
            FillAndCompact(db.Store);
            db.Store.Delete(1 * Hour, 9 * Hour, Selector("{instance=\"a\"}"));
            var blocks = db.Store.Blocks.Blocks.Count;

            Assert.Equal(blocks + (withHead ? 1 : 0), db.Store.Snapshot(snapshot, withHead));
        }

        using var opened = Database.Open(snapshot, _time);
        AssertDeleted(opened.Store.Storage, 1 * Hour, 9 * Hour, withHead ? 11 * Hour : 8 * Hour);
        Assert.False(Directory.Exists(Path.Combine(snapshot, "wal")) && Directory.GetFiles(Path.Combine(snapshot, "wal")).Any(f => new FileInfo(f).Length > 0));
    }

    [Fact]
    public void Snapshot_LaterDeleteInTheSource_DoesNotChangeTheSnapshot()
    {
        var snapshot = Path.Combine(_dir.Path, "snapshots", "snap");
        using (var db = Database.Open(_dir.Path, _time))
        {
            FillAndCompact(db.Store);
            db.Store.Snapshot(snapshot, withHead: false);
            db.Store.Delete(long.MinValue, long.MaxValue, Selector("{instance=\"b\"}"));
            Assert.Empty(Times(db.Store.Storage, B));
        }

        using var opened = Database.Open(snapshot, _time);
        Assert.Equal(Minutes(0, 8 * Hour), Times(opened.Store.Storage, B));
    }

    [Fact]
    public void Delete_EverySampleOfASeries_LabelQueriesStillListIt_BlocksNoLongerSelectIt()
    {
        using var db = Database.Open(_dir.Path, _time);
        Fill(db.Store.Storage, 0, 11 * Hour, A, B, Other);
        db.Store.RunOnce();

        db.Store.Delete(long.MinValue, long.MaxValue, Selector("{__name__=\"other\"}"));

        // As upstream: label names and values come from the index, which tombstones do not change.
        Assert.Equal(["other", "up"], db.Store.Storage.LabelValues("__name__", long.MinValue, long.MaxValue, []));
        Assert.Equal(["other", "up"], db.Store.Storage.LabelValues("__name__", 0, 3 * Hour, []));
        Assert.Equal(["other", "up"], db.Store.Storage.LabelValues("__name__", 0, 3 * Hour, Selector("{instance=\"a\"}")));
        Assert.Equal(["__name__", "instance"], db.Store.Storage.LabelNames(0, 3 * Hour, Selector("{__name__=\"other\"}")));
        // Selecting (what /api/v1/series does) leaves out a block's series whose chunks are all deleted.
        Assert.Equal(["up"], db.Store.Storage.Select(0, 3 * Hour, Selector("{instance=\"a\"}")).Select(s => s.Labels.Get("__name__")));
        Assert.Empty(Times(db.Store.Storage, Other));
    }

    [Fact]
    public void Delete_InBlocks_MetaJsonCountsTheirDeletedRanges_SnapshotCopyAndCleanedBlocksHaveNone()
    {
        var snapshot = Path.Combine(_dir.Path, "snapshots", "snap");
        using (var db = Database.Open(_dir.Path, _time))
        {
            FillAndCompact(db.Store);
            db.Store.Snapshot(snapshot, withHead: false);

            db.Store.Delete(1 * Hour, 2 * Hour, Selector("{instance=\"a\"}"));
            db.Store.Delete(3 * Hour, 5 * Hour, Selector("{__name__=\"up\"}"));

            Assert.Contains(db.Store.Blocks.Blocks, b => b.Meta.Stats.NumTombstones > 1);
            AssertMetaCountsTombstones(db.Store.Blocks.Blocks);
        }

        using (var reopened = Database.Open(_dir.Path, _time))
        {
            AssertMetaCountsTombstones(reopened.Store.Blocks.Blocks);
            reopened.Store.CleanTombstones();
            Assert.All(reopened.Store.Blocks.Blocks, b => Assert.DoesNotContain("numTombstones", File.ReadAllText(Path.Combine(b.Directory, BlockMeta.FileName)), StringComparison.Ordinal));
        }
        Assert.All(Directory.GetDirectories(snapshot), d => Assert.DoesNotContain("numTombstones", File.ReadAllText(Path.Combine(d, BlockMeta.FileName)), StringComparison.Ordinal));
    }

    private static void AssertMetaCountsTombstones(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            var onDisk = BlockMeta.Parse(File.ReadAllText(Path.Combine(block.Directory, BlockMeta.FileName)));
            Assert.Equal(block.Tombstones.All().Count, onDisk.Stats.NumTombstones);
            Assert.Equal(onDisk.Stats, block.Meta.Stats);
        }
    }

    [Fact]
    public void Open_DamagedTombstonesFile_RefusesThatBlockWithTheFileNamedAndOpensTheRest()
    {
        string damaged;
        using (var db = Database.Open(_dir.Path, _time))
        {
            FillAndCompact(db.Store);
            db.Store.Delete(1 * Hour, 2 * Hour, Selector("{instance=\"a\"}"));
            damaged = db.Store.Blocks.Blocks.Single(b => !b.Tombstones.IsEmpty).Directory;
        }
        File.WriteAllBytes(Path.Combine(damaged, TombstoneFile.FileName), [1, 2, 3]);

        var logger = new ListLogger();
        using var blocks = BlockStore.Open(_dir.Path, logger);

        Assert.DoesNotContain(blocks.Blocks, b => b.Directory == damaged);
        Assert.NotEmpty(blocks.Blocks);
        Assert.Contains(logger.Lines, l => l.Message.Contains(Path.Combine(damaged, TombstoneFile.FileName), StringComparison.Ordinal));
        Assert.True(Directory.Exists(damaged));
    }

    /// <summary>11h of data: compaction cuts [0, 8h) into blocks (some merged), the rest stays in the head.</summary>
    private static void FillAndCompact(PersistentDatabase db)
    {
        Fill(db.Storage, 0, 11 * Hour, A, B);
        db.RunOnce();
    }

    private static void AssertDeleted(IStorage storage, long from, long to, long end = 11 * Hour)
    {
        Assert.Equal([.. Minutes(0, from), .. Minutes(to + Minute, end)], Times(storage, A));
        Assert.Equal(Minutes(0, end), Times(storage, B));
    }

    private static void HardLinkCopy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.GetDirectories(from))
        {
            HardLinkCopy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>The head-and-WAL storage and the block database over it, closed together.</summary>
    private sealed class Database(TsdbStorage tsdb, PersistentDatabase store) : IDisposable
    {
        public PersistentDatabase Store { get; } = store;

        public static Database Open(string path, TimeProvider time)
        {
            var tsdb = TsdbStorage.Open(new TsdbOptions { Path = path }, time, NullLoggerFactory.Instance);
            return new Database(tsdb, PersistentDatabase.Open(tsdb, NullLoggerFactory.Instance));
        }

        public void Dispose()
        {
            Store.Dispose();
            tsdb.Dispose();
        }
    }
}
