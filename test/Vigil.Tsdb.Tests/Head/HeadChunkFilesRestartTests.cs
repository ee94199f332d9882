using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head.ChunkFiles;
using Vigil.Tsdb.Tests.Wal;
using static Vigil.Tsdb.Tests.Histograms.HistogramTestData;

namespace Vigil.Tsdb.Tests.Head;

/// <summary>Start-up from the head chunk files: the same answers as a replay of the whole WAL, whatever the files hold.</summary>
public sealed class HeadChunkFilesRestartTests : IDisposable
{
    private const long Step = 15_000;
    private const int Samples = 800;
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _walOnly = new();

    public void Dispose()
    {
        _dir.Dispose();
        _walOnly.Dispose();
    }

    private string ChunksPath => Path.Combine(_dir.Path, HeadChunkFiles.FolderName);

    [Fact]
    public void Open_WithChunkFiles_AnswersAsAReplayOfTheWholeWal()
    {
        Write(_dir.Path);
        CopyWithoutChunkFiles(_dir.Path, _walOnly.Path);
        var log = new ListLoggerFactory();
        using var fromFiles = Open(_dir.Path, log);
        using var fromWal = Open(_walOnly.Path, NullLoggerFactory.Instance);
        Assert.Equal(Dump(fromWal), Dump(fromFiles));
        Assert.Equal(Samples, Dump(fromFiles).Count(l => l.StartsWith("{__name__=\"m\", s=\"0\"}", StringComparison.Ordinal)));
        Assert.Contains(log.Lines, l => l.Contains("Head chunk files:", StringComparison.Ordinal) && !l.Contains(" 0 WAL samples", StringComparison.Ordinal));
        Assert.Equal((fromWal.Head.MinTime, fromWal.Head.MaxTime), (fromFiles.Head.MinTime, fromFiles.Head.MaxTime));
    }

    [Fact]
    public void Append_AfterOpenWithChunkFiles_ChecksAgainstTheNewestSampleAsAfterAWalReplay()
    {
        Write(_dir.Path);
        CopyWithoutChunkFiles(_dir.Path, _walOnly.Path);
        using var fromFiles = Open(_dir.Path, NullLoggerFactory.Instance);
        using var fromWal = Open(_walOnly.Path, NullLoggerFactory.Instance);
        Assert.Equal(AppendAfterRestart(fromWal), AppendAfterRestart(fromFiles));
        Assert.Equal(Dump(fromWal), Dump(fromFiles));
    }

    [Fact]
    public void Open_CopyTakenWhileRunning_RestoresEverySample()
    {
        string[] expected;
        using (var db = Open(_dir.Path, NullLoggerFactory.Instance))
        {
            AppendData(db, 0, Samples);
            expected = Dump(db);
            // What a kill -9 leaves: the WAL synced, the chunk writer's buffer never written out.
            CopyDirectory(_dir.Path, _walOnly.Path);
        }
        using var crashed = Open(_walOnly.Path, NullLoggerFactory.Instance);
        Assert.Equal(expected, Dump(crashed));
    }

    [Theory]
    [InlineData("torn tail", -3)]
    [InlineData("flipped byte in the first record", 40)]
    [InlineData("flipped byte in the middle", 2000)]
    public void Open_WithADamagedRecord_CutsTheFileWarnsAndLosesNoSample(string damage, int offset)
    {
        var expected = Write(_dir.Path);
        var first = Path.Combine(ChunksPath, "000000");
        var later = SegmentFiles().Length;
        Assert.True(later > 2, damage);
        Damage(first, offset);
        var log = new ListLoggerFactory();
        using (var db = Open(_dir.Path, log))
        {
            Assert.Equal(expected, Dump(db));
            Assert.Contains(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(first + " is damaged at offset", StringComparison.Ordinal));
            Assert.Equal(1, db.Head.ChunkFiles!.Corruptions);
        }
        // The cut file is trusted up to the cut; later files of the old run were deleted, so nothing is warned twice.
        var again = new ListLoggerFactory();
        using var reopened = Open(_dir.Path, again);
        Assert.Equal(expected, Dump(reopened));
        Assert.DoesNotContain(again.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_WithFilesOfTheOldFormat_DeletesThemQuietlyAndReplaysTheWal()
    {
        var expected = Write(_dir.Path);
        foreach (var file in SegmentFiles())
        {
            using var stream = new FileStream(file, FileMode.Open);
            stream.Position = 7;
            stream.WriteByte(1);
        }
        var log = new ListLoggerFactory();
        using var db = Open(_dir.Path, log);
        Assert.Equal(expected, Dump(db));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Equal(0, db.Head.ChunkFiles!.Corruptions);
    }

    [Fact]
    public void Open_AfterChunkWritesFailed_RestoresTheChunksThatStayedInMemory()
    {
        string[] expected;
        using (var db = Open(_dir.Path, NullLoggerFactory.Instance))
        {
            AppendData(db, 0, 300);
            Directory.Delete(ChunksPath, recursive: true);
            AppendData(db, 300, 500);
            Directory.CreateDirectory(ChunksPath);
            AppendData(db, 500, Samples);
            Assert.True(db.Head.ChunkFiles!.WriteFailures > 0);
            expected = Dump(db);
        }
        using var reopened = Open(_dir.Path, NullLoggerFactory.Instance);
        Assert.Equal(expected, Dump(reopened));
    }

    [Fact]
    public void Open_AfterTruncation_DoesNotBringDroppedChunksBack()
    {
        using (var db = Open(_dir.Path, NullLoggerFactory.Instance))
        {
            AppendData(db, 0, Samples);
            db.TruncateHead(400 * Step);
        }
        using var reopened = Open(_dir.Path, NullLoggerFactory.Instance);
        var first = reopened.Select(0, long.MaxValue, MatcherParser.ParseList("{__name__=\"m\", s=\"0\"}")).Single().Samples(0, long.MaxValue).First().Timestamp;
        Assert.InRange(first, 400 * Step - (120 * Step), 400 * Step);
    }

    [Fact]
    public void DeleteBefore_RetiredSegment_IsReleasedAfterItsLifetimeAndThenReadsAsEmpty()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var files = HeadChunkFiles.Open(ChunksPath, segmentSize: 512, NullLogger.Instance, time, out _);
        using var head = new Vigil.Tsdb.Head.TsdbHead(files);
        AppendFloats(head, 1000);
        var snapshot = head.Select(0, long.MaxValue, []).Single();
        head.Truncate(900 * Step);
        Assert.True(files.RetiredCount > 0);
        Assert.Equal(1000, snapshot.Samples(0, long.MaxValue).Count());
        time.Advance(files.RetiredSegmentLifetime - TimeSpan.FromSeconds(1));
        Assert.True(files.RetiredCount > 0);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, files.RetiredCount);
        // The released chunks read as empty (their samples are in a block by now); the rest still reads.
        var after = snapshot.Samples(0, long.MaxValue).ToList();
        Assert.InRange(after.Count, 1, 999);
        Assert.Equal(999 * Step, after[^1].Timestamp);
    }

    [Fact]
    public void Metrics_AfterADamagedFileAndNewChunks_CountWrittenChunksAndTheDamage()
    {
        Write(_dir.Path);
        Damage(Path.Combine(ChunksPath, "000000"), 40);
        using var db = Open(_dir.Path, NullLoggerFactory.Instance);
        AppendData(db, Samples, Samples + 240);
        var values = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, db.Head.Metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(1, values["prometheus_tsdb_mmap_chunk_corruptions_total"]);
        Assert.InRange(values["prometheus_tsdb_mmap_chunks_total"], 8, 100);
        Assert.Equal(0, values["vigil_tsdb_head_chunk_write_failures_total"]);
    }

    private static void AppendFloats(Vigil.Tsdb.Head.TsdbHead head, int samples)
    {
        for (var i = 0; i < samples; i++)
        {
            var app = head.Appender();
            app.Append(LabelSet.Of("__name__", "f"), i * Step, i);
            app.Commit();
        }
    }

    private static TsdbStorage Open(string path, Microsoft.Extensions.Logging.ILoggerFactory log) =>
        TsdbStorage.Open(new TsdbOptions { Path = path, HeadChunkSegmentSize = 8192 }, TimeProvider.System, log);

    private static string[] Write(string path)
    {
        using var db = Open(path, NullLoggerFactory.Instance);
        AppendData(db, 0, Samples);
        return Dump(db);
    }

    /// <summary>
    /// Float series (one with a gap), and a histogram series with a float every 50 steps, a staleness marker every
    /// 100 and a counter reset every 300, so both kinds have closed chunks on disk and open ones in the WAL.
    /// </summary>
    private static void AppendData(TsdbStorage db, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var app = db.Appender();
            for (var s = 0; s < 4; s++)
            {
                if (s == 3 && i is > 200 and < 450)
                {
                    continue;
                }
                Assert.Equal(AppendStatus.Ok, app.Append(LabelSet.Of("__name__", "m", "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture)), i * Step, (i * 1.5) + s));
            }
            var status = i % 50 == 49
                ? app.Append(Series, i * Step, i % 100 == 99 ? StaleNaN.Value : i)
                : app.AppendHistogram(Series, i * Step, Counter(1 + (i % 300)));
            Assert.Equal(AppendStatus.Ok, status);
            app.Commit();
        }
    }

    private static List<AppendStatus> AppendAfterRestart(TsdbStorage db)
    {
        var last = (Samples - 1) * Step;
        var app = db.Appender();
        List<AppendStatus> statuses =
        [
            app.Append(LabelSet.Of("__name__", "m", "s", "0"), last, ((Samples - 1) * 1.5) + 0),
            app.Append(LabelSet.Of("__name__", "m", "s", "1"), last, 42),
            app.Append(LabelSet.Of("__name__", "m", "s", "2"), last - Step, 42),
            app.AppendHistogram(Series, last, Counter(Samples % 300)),
            app.AppendHistogram(Series, last + Step, Counter(1 + (Samples % 300))),
            app.Append(LabelSet.Of("__name__", "m", "s", "3"), last + Step, 7),
        ];
        app.Commit();
        return statuses;
    }

    private static string[] Dump(IStorage storage)
    {
        var lines = new List<string>();
        foreach (var series in storage.Select(long.MinValue, long.MaxValue, MatcherParser.ParseList("{__name__=~\".+\"}")))
        {
            lines.AddRange(series.Samples(long.MinValue, long.MaxValue).Select(s => $"{series.Labels} {s.Timestamp} {BitConverter.DoubleToUInt64Bits(s.Value):x}"));
            lines.AddRange(series.HistogramSamples(long.MinValue, long.MaxValue).Select(s => $"{series.Labels} {s.Timestamp} {s.Histogram}"));
        }
        return [.. lines];
    }

    private string[] SegmentFiles() => Directory.GetFiles(ChunksPath).Where(f => Path.GetFileName(f).All(char.IsAsciiDigit)).Order().ToArray();

    // A negative offset counts back from the end of the written records (the file is sparse to its full size).
    private static void Damage(string file, int offset)
    {
        var bytes = File.ReadAllBytes(file);
        var end = Array.FindLastIndex(bytes, b => b != 0) + 1;
        var at = offset < 0 ? end + offset : HeadChunkFiles.FileHeaderSize + offset;
        using var stream = new FileStream(file, FileMode.Open);
        if (offset < 0)
        {
            // A torn write: the last record's final bytes never reached the disk.
            stream.SetLength(at);
            return;
        }
        stream.Position = at;
        stream.WriteByte((byte)(bytes[at] ^ 0x5a));
    }

    private static void CopyWithoutChunkFiles(string from, string to)
    {
        CopyDirectory(from, to);
        Directory.Delete(Path.Combine(to, HeadChunkFiles.FolderName), recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }
}
