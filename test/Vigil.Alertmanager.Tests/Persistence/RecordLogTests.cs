using System.Text;
using Vigil.Alertmanager.Persistence;

namespace Vigil.Alertmanager.Tests.Persistence;

public sealed class RecordLogTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    private string LogPath => _dir.File("r.log");

    [Fact]
    public void Open_Missing_CreatesEmpty()
    {
        var (log, records) = RecordLog.Open(LogPath, _warnings.Add);
        log.Dispose();
        Assert.Empty(records);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Append_ThenOpen_RoundTripsInOrder()
    {
        Write("one", "", "three");
        Assert.Equal(["one", "", "three"], Read());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Open_TornTailAtEveryOffset_KeepsEarlierAndTruncates()
    {
        Write("first", "second");
        var full = File.ReadAllBytes(LogPath);
        var lastStart = RecordLog.HeaderSize + "first".Length;
        for (var cut = lastStart + 1; cut < full.Length; cut++)
        {
            File.WriteAllBytes(LogPath, full[..cut]);
            _warnings.Clear();
            Assert.Equal(["first"], Read());
            Assert.Single(_warnings);
            Assert.Equal(lastStart, new FileInfo(LogPath).Length);
        }
    }

    [Fact]
    public void Open_AfterTruncation_AppendsCleanly()
    {
        Write("first", "second");
        var full = File.ReadAllBytes(LogPath);
        File.WriteAllBytes(LogPath, full[..^2]);
        Write("third");
        Assert.Equal(["first", "third"], Read());
    }

    [Theory]
    [InlineData(4)] // checksum byte
    [InlineData(9)] // payload byte
    public void Open_CorruptMiddle_StopsThereKeepsEarlier(int offsetInSecond)
    {
        Write("first", "second", "third");
        var bytes = File.ReadAllBytes(LogPath);
        bytes[RecordLog.HeaderSize + "first".Length + offsetInSecond] ^= 0xFF;
        File.WriteAllBytes(LogPath, bytes);
        Assert.Equal(["first"], Read());
        Assert.Contains("checksum mismatch", Assert.Single(_warnings));
    }

    [Fact]
    public void Open_ImplausibleLength_TreatedAsCorrupt()
    {
        Write("first");
        File.AppendAllText(LogPath, "\xff\xff\xff\x7f garbage");
        Assert.Equal(["first"], Read());
        Assert.Single(_warnings);
    }

    [Fact]
    public void Compact_ReplacesContentsAndKeepsAppending()
    {
        var (log, _) = RecordLog.Open(LogPath);
        foreach (var s in new[] { "a", "b", "c" })
        {
            log.Append(Encoding.UTF8.GetBytes(s));
        }

        log.Compact([Encoding.UTF8.GetBytes("c")]);
        log.Append(Encoding.UTF8.GetBytes("d"));
        log.Dispose();
        Assert.Equal(["c", "d"], Read());
        Assert.False(File.Exists(LogPath + ".tmp"));
    }

    private void Write(params string[] payloads)
    {
        var (log, _) = RecordLog.Open(LogPath, _warnings.Add);
        using (log)
        {
            foreach (var p in payloads)
            {
                log.Append(Encoding.UTF8.GetBytes(p));
            }
        }
    }

    private List<string> Read()
    {
        var (log, records) = RecordLog.Open(LogPath, _warnings.Add);
        log.Dispose();
        return [.. records.Select(r => Encoding.UTF8.GetString(r))];
    }
}
