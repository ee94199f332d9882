using Vigil.Model.Labels;
using Vigil.Tsdb.Head;
using Vigil.Tsdb.Wal;

namespace Vigil.Tsdb.Tests.Wal;

public sealed class FrameBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5000)]
    public void AddSamples_FramedRecord_ReadsBackAsTheSameSamples(int count)
    {
        using var dir = new TempDirectory();
        using var head = new TsdbHead();
        var series = new[] { head.GetOrCreate(LabelSet.Of("__name__", "a")), head.GetOrCreate(LabelSet.Of("__name__", "b")) };
        var samples = Enumerable.Range(0, count)
            .Select(i => new PendingSample(series[i % 2], 1_700_000_000_000 + (i * 15_000L) - (i % 3), i * 0.5))
            .ToArray();
        using var frames = new FrameBuffer(16);
        frames.AddRecord([9, 9]);
        frames.AddSamples(samples);
        var path = Path.Combine(dir.Path, "segment");
        File.WriteAllBytes(path, frames.Written.ToArray());

        var records = new List<byte[]>();
        var (good, problem) = SegmentReader.Read(path, records.Add);

        Assert.Null(problem);
        Assert.Equal(frames.Written.Length, good);
        Assert.Equal([9, 9], records[0]);
        var decoded = new List<WalSample>();
        WalRecords.DecodeSamples(records[1], decoded);
        Assert.Equal(samples.Select(s => new WalSample(s.Series.Ref, s.Timestamp, s.Value)), decoded);
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(1, 0L)]
    [InlineData(300, 15_000L)]
    [InlineData(300, -1L)]
    [InlineData(20, long.MaxValue / 4)]
    public void SamplesRecordSize_AnySamples_ExactlyWhatAddSamplesWrites(int count, long step)
    {
        using var head = new TsdbHead();
        var series = Enumerable.Range(0, 200).Select(i => head.GetOrCreate(LabelSet.Of("__name__", "s" + i))).ToArray();
        var samples = Enumerable.Range(0, count)
            .Select(i => new PendingSample(series[(i * 7) % series.Length], unchecked(1_700_000_000_000 + (i * step)), i))
            .ToArray();
        using var frames = new FrameBuffer(0);
        frames.AddSamples(samples);
        Assert.Equal(frames.Written.Length, FrameBuffer.SamplesRecordSize(samples));
    }
}
