using Vigil.Config.Prometheus;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;
using Vigil.Storage.Forwarding;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

public sealed class RemoteWriteQueueHistogramTests
{
    private static readonly FloatHistogram Histogram = new(0, 0, 1, 4, 6, new BucketRun(1, [2, 1]), BucketRun.Empty);

    private static readonly FloatHistogram CustomBuckets = new(
        FloatHistogram.CustomBucketsSchema, 0, 0, 2, 1, new BucketRun(0, [2]), BucketRun.Empty, customValues: [1]);

    private static RemoteWriteConfig Config(bool send, params RelabelConfig[] relabel) =>
        new() { Url = "http://remote.test/write", SendNativeHistograms = send, WriteRelabelConfigs = relabel };

    private static ForwardedSample H(string name, long t, FloatHistogram h) => new(LabelSet.Of("__name__", name), t, 0, h);

    private static ForwardedSample F(string name, long t, double v) => new(LabelSet.Of("__name__", name), t, v);

    [Fact]
    public async Task Enqueue_SendNativeHistograms_HistogramsAndFloatsShareABatchAndAreCountedApart()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 3 }, config: Config(send: true));
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Queue.Enqueue([H("h", 1000, Histogram), F("f", 1000, 1), H("h", 2000, Histogram.WithHint(CounterResetHint.NotReset))]);
        await kit.WaitUntilAsync(() => counters.Total("prometheus_remote_storage_histograms_total") == 2);

        var request = Assert.Single(kit.Endpoint.Requests);
        var h = Assert.Single(request.Series, s => s.Labels.Get("__name__") == "h");
        Assert.Equal([1000L, 2000L], h.Histograms.Select(x => x.Timestamp));
        Assert.Equal(Histogram, h.Histograms[0].Histogram);
        Assert.Equal(CounterResetHint.NotReset, h.Histograms[1].Histogram.Hint);
        Assert.Empty(h.Samples);
        Assert.Equal(1, counters.Total("prometheus_remote_storage_samples_total"));
    }

    [Fact]
    public async Task Enqueue_SendNativeHistogramsOff_HistogramsPassedOverUncounted()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 1 }, config: Config(send: false));
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Queue.Enqueue([H("h", 1000, Histogram), F("f", 1000, 1)]);
        await kit.WaitUntilAsync(() => counters.Total("prometheus_remote_storage_samples_total") == 1);

        Assert.All(kit.Endpoint.Requests, r => Assert.All(r.Series, s => Assert.Empty(s.Histograms)));
        Assert.Equal(0, counters.Total("prometheus_remote_storage_histograms_dropped_total"));
        Assert.Equal(0, counters.Total("prometheus_remote_storage_histograms_total"));
    }

    [Fact]
    public async Task Enqueue_CustomBucketsOrRelabelDropped_CountedAsDroppedHistograms()
    {
        var drop = new RelabelConfig { SourceLabels = ["__name__"], Regex = "gone", Action = RelabelAction.Drop };
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 1 }, config: Config(true, drop));
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Queue.Enqueue([H("nhcb", 1000, CustomBuckets), H("gone", 1000, Histogram), H("kept", 1000, Histogram)]);
        await kit.WaitUntilAsync(() => counters.Total("prometheus_remote_storage_histograms_total") == 1);

        Assert.Equal(2, counters.Total("prometheus_remote_storage_histograms_dropped_total"));
        Assert.Equal("kept", kit.Endpoint.Requests.Single().Series.Single().Labels.Get("__name__"));
    }

    [Fact]
    public async Task Send_400_HistogramsCountedFailed()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 2 }, config: Config(send: true));
        kit.Endpoint.Then(System.Net.HttpStatusCode.BadRequest);
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Queue.Enqueue([H("h", 1000, Histogram), F("f", 1000, 1)]);
        await kit.WaitUntilAsync(() => counters.Total("prometheus_remote_storage_histograms_failed_total") == 1);

        Assert.Equal(1, counters.Total("prometheus_remote_storage_samples_failed_total"));
    }
}
