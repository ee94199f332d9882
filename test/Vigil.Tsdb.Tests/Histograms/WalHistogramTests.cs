using Vigil.Model.Histograms;
using Vigil.Tsdb.Tests.Wal;
using Vigil.Tsdb.Wal;
using static Vigil.Tsdb.Tests.Histograms.HistogramTestData;

namespace Vigil.Tsdb.Tests.Histograms;

public sealed class WalHistogramTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ListLoggerFactory _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_AfterHistogramCommits_ReplaysThemWithHints()
    {
        using (var db = Open())
        {
            AppendOne(db, 1000, Counter(1));
            AppendOne(db, 2000, Counter(2));
            AppendOne(db, 3000, Custom(1));
            AppendOne(db, 4000, Counter(1, CounterResetHint.Gauge));
        }
        using var reopened = Open();
        var read = Read(reopened);
        Assert.Equal([1000L, 2000, 3000, 4000], read.Select(s => s.Timestamp));
        Assert.Equal(Counter(2, CounterResetHint.NotReset), read[1].Histogram);
        Assert.Equal(Custom(1), read[2].Histogram);
        Assert.Equal(CounterResetHint.Gauge, read[3].Histogram.Hint);
        Assert.True(((Storage.ISeriesQuerier)reopened).MayHoldHistograms);
    }

    [Fact]
    public void TruncateWal_Checkpoint_KeepsHistogramsFromMint()
    {
        using (var db = Open())
        {
            AppendOne(db, 1000, Counter(1));
            AppendOne(db, 5000, Counter(2));
            db.TruncateWal(2000);
        }
        using var reopened = Open();
        Assert.Equal([5000L], Read(reopened).Select(s => s.Timestamp));
    }

    [Fact]
    public void Commit_SeriesSwitchingKindsInOneCommit_KeepsAppendOrderLiveAndAfterReplay()
    {
        using (var db = Open())
        {
            var app = db.Appender();
            app.Append(Series, 1000, 1);
            app.AppendHistogram(Series, 2000, Counter(1));
            app.Append(Series, 3000, Storage.StaleNaN.Value);
            app.AppendHistogram(Series, 4000, Counter(2));
            app.AppendHistogram(Series, 5000, Counter(3));
            app.Commit();
            AssertKinds(db);
        }
        using var reopened = Open();
        AssertKinds(reopened);

        static void AssertKinds(TsdbStorage db)
        {
            var series = db.Select(0, 9000, Model.Labels.MatcherParser.ParseList("{job=\"api\"}")).Single();
            Assert.Equal([1000L, 3000], series.Samples(0, 9000).Select(s => s.Timestamp));
            Assert.Equal(
                [(2000L, CounterResetHint.Unknown), (4000, CounterResetHint.Unknown), (5000, CounterResetHint.NotReset)],
                series.HistogramSamples(0, 9000).Select(s => (s.Timestamp, s.Histogram.Hint)));
        }
    }

    [Fact]
    public void Encode_Record_RoundTrips()
    {
        WalHistogram[] samples = [new(1, 10, Counter(1)), new(1, 20, Counter(2)), new(2, 15, Custom(2))];
        var decoded = new List<WalHistogram>();
        WalHistograms.Decode(WalHistograms.Encode(samples), decoded);
        Assert.Equal(samples, decoded);
    }

    [Fact]
    public void Decode_Truncated_ThrowsInvalidData()
    {
        var bytes = WalHistograms.Encode([new WalHistogram(1, 10, Counter(1))]);
        Assert.Throws<InvalidDataException>(() => WalHistograms.Decode(bytes.AsSpan(0, bytes.Length - 2), []));
    }

    private TsdbStorage Open() => TsdbStorage.Open(new TsdbOptions { Path = _dir.Path }, TimeProvider.System, _log);
}
