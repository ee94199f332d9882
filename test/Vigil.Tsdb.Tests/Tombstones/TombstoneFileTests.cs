using Vigil.Tsdb.Tests.Blocks;
using Vigil.Tsdb.Tombstones;
using Vigil.Tsdb.Wal;

namespace Vigil.Tsdb.Tests.Tombstones;

public sealed class TombstoneFileTests : IDisposable
{
    private static readonly Tombstone[] Stones =
    [
        new(0, new Interval(-5, 10)),
        new(3, new Interval(100, 200)),
        new(3, new Interval(300, long.MaxValue)),
        new(ulong.MaxValue, new Interval(long.MinValue, 0)),
    ];

    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_ThenRead_ReturnsEveryTombstone()
    {
        TombstoneFile.Write(_dir.Path, Stones);

        var read = TombstoneFile.Read(_dir.Path);

        Assert.Equal(Stones, read.All());
        Assert.False(File.Exists(Path.Combine(_dir.Path, "tombstones.tmp")));
    }

    [Fact]
    public void Read_NoFile_IsEmpty() => Assert.True(TombstoneFile.Read(_dir.Path).IsEmpty);

    [Theory]
    [InlineData(0, "wrong magic")]
    [InlineData(4, "version")]
    [InlineData(7, "checksum mismatch")]
    public void Read_DamagedByte_ThrowsNamingTheFileAndTheProblem(int offset, string problem)
    {
        TombstoneFile.Write(_dir.Path, Stones);
        var path = Path.Combine(_dir.Path, TombstoneFile.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => TombstoneFile.Read(_dir.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Truncated_Throws() =>
        Assert.Throws<InvalidDataException>(() => TombstoneFile.Decode(TombstoneFile.Encode(Stones).AsSpan(0, 6)));

    [Fact]
    public void WalRecord_RoundTrip_KeepsEveryTombstone()
    {
        var record = WalRecords.EncodeTombstones(Stones);

        Assert.Equal(WalRecordType.Tombstones, WalRecords.TypeOf(record));
        Assert.Equal(Stones, WalRecords.DecodeTombstones(record));
    }
}
