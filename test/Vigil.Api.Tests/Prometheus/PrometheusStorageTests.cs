using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.PrometheusHost;
using Vigil.Storage;
using Vigil.Tsdb;

namespace Vigil.Api.Tests.Prometheus;

public sealed class PrometheusStorageTests : IDisposable
{
    private static readonly long Hour = (long)TimeSpan.FromHours(1).TotalMilliseconds;
    private static readonly Matcher[] AllOfX = [new Matcher(MatcherType.Equal, LabelName.MetricName, "x")];
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-promstorage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CompactionTimer_HeadSpansMoreThanThreeHours_CutsABlockAndKeepsEverySampleQueryable()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddHours(5));
        using (var storage = Open(time))
        {
            AppendEveryMinute(storage, 0, 5 * Hour);
            time.Advance(TimeSpan.FromMinutes(1));

            Assert.NotEmpty(BlockDirectories());
            Assert.Equal(SamplesWritten(0, 5 * Hour), CountSamples(storage));
        }
        using var reopened = Open(time);
        Assert.Equal(SamplesWritten(0, 5 * Hour), CountSamples(reopened));
    }

    [Fact]
    public void Open_NoBlocksYet_QueriesTheHeadAlone()
    {
        using var storage = Open(new FakeTimeProvider());
        AppendEveryMinute(storage, 0, Hour);

        Assert.Empty(BlockDirectories());
        Assert.Equal(SamplesWritten(0, Hour), CountSamples(storage));
    }

    private PrometheusStorage Open(TimeProvider time) =>
        PrometheusStorage.Open(new TsdbOptions { Path = _dir }, time, NullLoggerFactory.Instance);

    private string[] BlockDirectories() =>
        Directory.GetDirectories(_dir).Where(d => File.Exists(Path.Combine(d, "meta.json"))).ToArray();

    private static void AppendEveryMinute(IStorage storage, long from, long to)
    {
        var appender = storage.Appender();
        var labels = LabelSet.Of(LabelName.MetricName, "x");
        for (var t = from; t < to; t += 60_000)
        {
            Assert.Equal(AppendStatus.Ok, appender.Append(labels, t, t / 1000.0));
        }
        appender.Commit();
    }

    private static int SamplesWritten(long from, long to) => (int)((to - from) / 60_000);

    private static int CountSamples(IStorage storage) =>
        storage.Select(long.MinValue, long.MaxValue, AllOfX).Sum(s => s.Samples(long.MinValue, long.MaxValue).Count());
}
