using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Chunks;
using Vigil.Tsdb.Head;
using Vigil.Tsdb.Head.ChunkFiles;
using Vigil.Tsdb.Tests.Wal;

namespace Vigil.Tsdb.Tests.Head;

public sealed class HeadChunkFilesTests : IDisposable
{
    private const long Step = 15_000;
    private readonly TempDirectory _dir = new();

    private string ChunksPath => Path.Combine(_dir.Path, HeadChunkFiles.FolderName);

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    [InlineData(121)]
    [InlineData(1000)]
    public void Select_AfterChunksWereCut_ReadsEverySampleBack(int samples)
    {
        using var head = OpenHead(HeadChunkFiles.DefaultSegmentSize);
        AppendSeries(head, series: 3, samples);
        AssertSeries(head, series: 3, samples, from: 0);
        Assert.Equal(samples > MemSeries.SamplesPerChunk ? 1 : 0, SegmentFiles().Length);
    }

    [Fact]
    public void Select_AfterSegmentRotation_ReadsChunksFromEverySegment()
    {
        using var head = OpenHead(segmentSize: 4096);
        AppendSeries(head, series: 5, samples: 1200);
        Assert.True(head.ChunkFiles!.SegmentCount > 3, $"only {head.ChunkFiles.SegmentCount} segments");
        AssertSeries(head, series: 5, samples: 1200, from: 0);
    }

    [Fact]
    public void Write_ChunkLargerThanTheSegmentSize_GetsASegmentOfItsOwn()
    {
        using var files = HeadChunkFiles.Open(ChunksPath, segmentSize: 64, NullLogger.Instance, TimeProvider.System, out _);
        var chunk = FullChunk(0, 120);
        var closed = files.Write(1, chunk);
        files.Write(2, FullChunk(10_000_000, 120));
        Assert.Equal(2, files.SegmentCount);
        byte[]? scratch = null;
        var it = closed.View().Iterator(ref scratch);
        Assert.Equal(Decode(chunk.Iterator()), Decode(it));
        ChunkScratch.Return(ref scratch);
    }

    [Fact]
    public void Truncate_DropsOldChunks_DeletesTheirSegmentFilesAndKeepsNewerSamples()
    {
        using var head = OpenHead(segmentSize: 4096);
        AppendSeries(head, series: 5, samples: 1200);
        var before = SegmentFiles().Length;
        var mint = 600 * Step;
        head.Truncate(mint);
        var after = SegmentFiles().Length;
        Assert.InRange(after, 1, before - 2);
        Assert.Equal(after, head.ChunkFiles!.SegmentCount);
        // Whole chunks are dropped: the first sample kept is the start of the chunk holding mint.
        AssertSeries(head, series: 5, samples: 1200, from: 600);
    }

    [Fact]
    public void Samples_OfASnapshotTakenBeforeTruncation_StillReadAfterTheFilesAreDeleted()
    {
        using var head = OpenHead(segmentSize: 4096);
        AppendSeries(head, series: 2, samples: 1200);
        var snapshot = head.Select(0, long.MaxValue, []).ToList();
        head.Truncate(long.MaxValue - 1);
        Assert.Empty(head.Select(0, long.MaxValue, []));
        Assert.Single(SegmentFiles());
        foreach (var series in snapshot)
        {
            Assert.Equal(Expected(series.Labels, 1200, 0), series.Samples(0, long.MaxValue).ToList());
        }
    }

    [Fact]
    public void Samples_OfASnapshotOfTheOpenChunk_SurviveTheChunkBeingCutAndRefilled()
    {
        using var head = OpenHead(HeadChunkFiles.DefaultSegmentSize);
        AppendSeries(head, series: 1, samples: 100);
        var snapshot = head.Select(0, long.MaxValue, []).Single();
        AppendSeries(head, series: 1, samples: 400);
        Assert.Equal(Expected(snapshot.Labels, 100, 0), snapshot.Samples(0, long.MaxValue).ToList());
        AssertSeries(head, series: 1, samples: 400, from: 0);
    }

    [Fact]
    public async Task Select_WhileAppendingAndTruncating_NeverLosesOrCorruptsAKeptSample()
    {
        using var head = OpenHead(segmentSize: 8192);
        const int Rounds = 600;
        var labels = LabelSet.Of("__name__", "busy");
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                var app = head.Appender();
                app.Append(labels, i * Step, i);
                app.Commit();
                if (i % 150 == 149)
                {
                    head.Truncate((i - 100) * Step);
                }
            }
        });
        var reader = Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                foreach (var series in head.Select(0, long.MaxValue, []))
                {
                    var samples = series.Samples(0, long.MaxValue).ToList();
                    // Whatever a query sees is a contiguous run of the written samples.
                    for (var j = 1; j < samples.Count; j++)
                    {
                        Assert.Equal(samples[j - 1].Value + 1, samples[j].Value);
                        Assert.Equal(samples[j].Value * Step, samples[j].Timestamp);
                    }
                }
            }
        });
        await Task.WhenAll(writer, reader);
        var last = head.Select(0, long.MaxValue, []).Single().Samples(0, long.MaxValue).Last();
        Assert.Equal(new Sample((Rounds - 1) * Step, Rounds - 1), last);
    }

    [Fact]
    public void Open_WithAFileThatIsNotAChunkFile_DeletesItAndReplaysTheWal()
    {
        var options = new TsdbOptions { Path = _dir.Path, HeadChunkSegmentSize = 4096 };
        using (var db = TsdbStorage.Open(options, TimeProvider.System, NullLoggerFactory.Instance))
        {
            AppendSeries(db.Head, series: 3, samples: 500);
        }
        Assert.NotEmpty(Directory.GetFiles(ChunksPath));
        File.WriteAllBytes(Path.Combine(ChunksPath, "000042"), [1, 2, 3, 4, 5]);
        var log = new ListLoggerFactory();
        using var reopened = TsdbStorage.Open(options, TimeProvider.System, log);
        Assert.DoesNotContain(Path.Combine(ChunksPath, "000042"), Directory.GetFiles(ChunksPath));
        Assert.Contains(log.Lines, l => l.Contains("000042 is damaged at offset 0", StringComparison.Ordinal));
        AssertSeries(reopened.Head, series: 3, samples: 500, from: 0);
    }

    [Fact]
    public void Append_WhenTheChunkDirectoryIsGone_KeepsChunksInMemoryAndLosesNothing()
    {
        using var head = OpenHead(segmentSize: 4096);
        AppendSeries(head, series: 3, samples: 300);
        Directory.Delete(ChunksPath, recursive: true);
        AppendSeries(head, series: 3, samples: 1500);
        Assert.True(head.ChunkFiles!.WriteFailures > 0);
        AssertSeries(head, series: 3, samples: 1500, from: 0);
    }

    [Fact]
    public void Dispose_WithBufferedChunks_WritesThemToTheFile()
    {
        var path = Path.Combine(ChunksPath, "000000");
        using (var head = OpenHead(HeadChunkFiles.DefaultSegmentSize))
        {
            AppendSeries(head, series: 1, samples: 121);
        }
        var bytes = File.ReadAllBytes(path);
        var length = BitConverter.ToInt32(bytes, HeadChunkFiles.FileHeaderSize + 25);
        var chunk = bytes.AsMemory(HeadChunkFiles.FileHeaderSize + ChunkRecord.HeaderSize, length);
        Assert.Equal(120, Decode(new XorIterator(chunk)).Count);
    }

    private string[] SegmentFiles() => Directory.GetFiles(ChunksPath).Where(f => Path.GetFileName(f).All(char.IsAsciiDigit)).ToArray();

    private TsdbHead OpenHead(int segmentSize) => new(HeadChunkFiles.Open(ChunksPath, segmentSize, NullLogger.Instance, TimeProvider.System, out _));

    private static void AppendSeries(TsdbHead head, int series, int samples)
    {
        var start = head.MaxTime == long.MinValue ? 0 : (int)(head.MaxTime / Step) + 1;
        for (var i = start; i < samples; i++)
        {
            var app = head.Appender();
            for (var s = 0; s < series; s++)
            {
                var labels = Labels(s);
                Assert.Equal(AppendStatus.Ok, app.Append(labels, i * Step, Value(labels, i)));
            }
            app.Commit();
        }
    }

    private static void AssertSeries(TsdbHead head, int series, int samples, int from)
    {
        var selected = head.Select(0, long.MaxValue, []).ToList();
        Assert.Equal(series, selected.Count);
        foreach (var s in selected)
        {
            var read = s.Samples(0, long.MaxValue).ToList();
            var firstKept = (int)(read[0].Timestamp / Step);
            Assert.InRange(firstKept, from - MemSeries.SamplesPerChunk, from);
            Assert.Equal(Expected(s.Labels, samples, firstKept), read);
            var copied = new List<Sample>();
            ((HeadSeriesView)s).CopySamples(0, long.MaxValue, copied);
            Assert.Equal(read, copied);
        }
    }

    private static List<Sample> Expected(LabelSet labels, int samples, int from) =>
        [.. Enumerable.Range(from, samples - from).Select(i => new Sample(i * Step, Value(labels, i)))];

    private static LabelSet Labels(int s) => LabelSet.Of("__name__", "m", "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static double Value(LabelSet labels, int i) => (i * 1.37) + labels.Get("s").Length + (i % 7 == 0 ? 0.5 : 0);

    private static XorChunk FullChunk(long start, int samples)
    {
        var chunk = new XorChunk();
        for (var i = 0; i < samples; i++)
        {
            chunk.Append(start + (i * Step), i * 0.1);
        }
        return chunk;
    }

    private static List<Sample> Decode(XorIterator it)
    {
        var samples = new List<Sample>();
        while (it.Next())
        {
            samples.Add(it.Current);
        }
        return samples;
    }
}
