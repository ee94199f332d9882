using Microsoft.Extensions.Logging;
using Vigil.Model.Labels;
using Vigil.Tsdb.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;

namespace Vigil.Tsdb.Tests.Blocks;

public sealed class BlockStoreTests
{
    private static readonly LabelSet Up = LabelSet.Of("__name__", "up", "job", "node");

    public enum Damage
    {
        IndexByte,
        IndexTruncated,
        ChunkByte,
        MetaJson,
        MetaMissing,
    }

    [Theory]
    [InlineData(Damage.IndexByte, "checksum mismatch")]
    [InlineData(Damage.IndexTruncated, "index")]
    [InlineData(Damage.ChunkByte, "chunk checksum mismatch")]
    [InlineData(Damage.MetaJson, "meta.json")]
    [InlineData(Damage.MetaMissing, "meta.json")]
    public void Open_DamagedBlock_IsRefusedWithLogLineAndOthersStillServe(Damage damage, string reason)
    {
        using var dir = new TempDataDir();
        var good = WriteBlock(dir.Path, Regular(0, 60_000, 1000, Up), 0, 60_000);
        var bad = WriteBlock(dir.Path, Regular(60_000, 120_000, 1000, Up), 60_000, 120_000);
        Corrupt(Path.Combine(dir.Path, bad.Id), damage);
        var logger = new ListLogger();

        using var store = BlockStore.Open(dir.Path, logger);

        Assert.Equal([good.Id], store.Blocks.Select(b => b.Meta.Id));
        var line = Assert.Single(logger.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains(bad.Id, line.Message, StringComparison.Ordinal);
        Assert.Contains(reason, line.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(dir.Path, bad.Id)), "a refused block stays on disk");
        Assert.Equal(60, store.Select(0, 200_000, All).Single().Samples(0, 200_000).Count());
    }

    [Fact]
    public void Open_LeftoverTmpDirectory_IsDeleted()
    {
        using var dir = new TempDataDir();
        var kept = WriteBlock(dir.Path, Regular(0, 10_000, 1000, Up), 0, 10_000);
        var leftover = Path.Combine(dir.Path, BlockId.New(TimeProvider.System) + BlockWriter.TempSuffix);
        Directory.CreateDirectory(Path.Combine(leftover, "chunks"));
        File.WriteAllBytes(Path.Combine(leftover, "chunks", "000001"), [1, 2, 3]);

        using var store = BlockStore.Open(dir.Path, new ListLogger());

        Assert.False(Directory.Exists(leftover));
        Assert.Equal([kept.Id], store.Blocks.Select(b => b.Meta.Id));
    }

    [Fact]
    public void Open_TmpDirectoryNotNamedLikeABlock_IsLeftAlone()
    {
        using var dir = new TempDataDir();
        var foreign = Path.Combine(dir.Path, "someone-else.tmp");
        Directory.CreateDirectory(foreign);

        using var store = BlockStore.Open(dir.Path, new ListLogger());

        Assert.True(Directory.Exists(foreign));
    }

    [Fact]
    public void Open_SourcesOfACompactedBlockStillPresent_SourcesAreDeleted()
    {
        using var dir = new TempDataDir();
        var a = WriteBlock(dir.Path, Regular(0, 10_000, 1000, Up), 0, 10_000);
        var b = WriteBlock(dir.Path, Regular(10_000, 20_000, 1000, Up), 10_000, 20_000);
        var merged = new BlockWriter(TimeProvider.System).Write(dir.Path, 0, 20_000,
            Regular(0, 20_000, 1000, Up).Select(0, 20_000, All).Select(s => (s.Labels, s.Samples(0, 20_000))),
            level: 2, sources: [a.Id, b.Id]);

        using var store = BlockStore.Open(dir.Path, new ListLogger());

        Assert.Equal([merged.Id], store.Blocks.Select(x => x.Meta.Id));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, a.Id)));
        Assert.Equal(20, store.Select(0, 20_000, All).Single().Samples(0, 20_000).Count());
    }

    [Fact]
    public void Delete_Block_RemovesItFromQueriesAndDisk()
    {
        using var dir = new TempDataDir();
        WriteBlock(dir.Path, Regular(0, 10_000, 1000, Up), 0, 10_000);
        using var store = BlockStore.Open(dir.Path, new ListLogger());
        var block = store.Blocks.Single();

        store.Delete([block]);

        Assert.Empty(store.Blocks);
        Assert.Empty(store.Select(0, 10_000, All));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Delete_WhileASeriesIsBeingRead_ReaderFinishes()
    {
        using var dir = new TempDataDir();
        WriteBlock(dir.Path, Regular(0, 600_000, 1000, Up), 0, 600_000);
        using var store = BlockStore.Open(dir.Path, new ListLogger());
        using var reading = store.Select(0, 600_000, All).Single().Samples(0, 600_000).GetEnumerator();
        Assert.True(reading.MoveNext());

        store.Delete(store.Blocks);

        var count = 1;
        while (reading.MoveNext())
        {
            count++;
        }
        Assert.Equal(600, count);
    }

    private static void Corrupt(string blockDir, Damage damage)
    {
        switch (damage)
        {
            case Damage.IndexByte:
                FlipByte(Path.Combine(blockDir, "index"), 20);
                break;
            case Damage.IndexTruncated:
                var bytes = File.ReadAllBytes(Path.Combine(blockDir, "index"));
                File.WriteAllBytes(Path.Combine(blockDir, "index"), bytes[..(bytes.Length / 2)]);
                break;
            case Damage.ChunkByte:
                FlipByte(Path.Combine(blockDir, "chunks", "000001"), 40);
                break;
            case Damage.MetaJson:
                File.WriteAllText(Path.Combine(blockDir, "meta.json"), "{ not json");
                break;
            default:
                File.Delete(Path.Combine(blockDir, "meta.json"));
                break;
        }
    }

    private static void FlipByte(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
    }
}
