using System.Net;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

public sealed class RemoteWriteQueueTests
{
    [Fact]
    public async Task Enqueue_FullBatch_SentWithoutWaitingForTheDeadline()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 10 });

        kit.Commit(25);
        await kit.WaitUntilAsync(() => kit.Endpoint.Requests.Count >= 2);

        Assert.All(kit.Endpoint.Requests.Take(2), r => Assert.Equal(10, r.Series.Sum(s => s.Samples.Length)));
    }

    [Fact]
    public async Task Enqueue_PartialBatch_SentOnceBatchSendDeadlinePasses()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 100, BatchSendDeadline = TimeSpan.FromSeconds(5) });

        kit.Commit(3);
        await Task.Delay(50);
        Assert.Empty(kit.Endpoint.Requests);
        await kit.AdvanceUntilAsync(() => !kit.Endpoint.Requests.IsEmpty, TimeSpan.FromSeconds(1));

        Assert.Equal(3, kit.Endpoint.Samples().Count);
        Assert.True(kit.Time.GetUtcNow() - QueueKit.Start >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Send_Headers_AreRemoteWrite10sPlusConfiguredOnes()
    {
        var config = new RemoteWriteConfig { Url = "http://remote.test/write", Headers = new Dictionary<string, string> { ["X-Scope-OrgID"] = "team-a" } };
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 1 }, config: config);

        kit.Commit(1);
        await kit.WaitUntilAsync(() => !kit.Endpoint.Requests.IsEmpty);

        var headers = kit.Endpoint.Requests.Single().Headers;
        Assert.Equal("snappy", headers["Content-Encoding"]);
        Assert.Equal("application/x-protobuf", headers["Content-Type"]);
        Assert.Equal("0.1.0", headers["X-Prometheus-Remote-Write-Version"]);
        Assert.Equal("team-a", headers["X-Scope-OrgID"]);
        Assert.StartsWith("Vigil/", headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(headers.ContainsKey("Retry-Attempt"));
    }

    [Fact]
    public async Task Enqueue_ExternalLabels_AddedUnlessTheSeriesHasTheLabel()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 2 }, LabelSet.Of("cluster", "eu", "i", "external"));

        kit.Commit(2);
        await kit.WaitUntilAsync(() => !kit.Endpoint.Requests.IsEmpty);

        Assert.Equal(["__name__=m,cluster=eu,i=0", "__name__=m,cluster=eu,i=1"], kit.Endpoint.Samples().Select(s => s.Labels).Order());
    }

    [Fact]
    public async Task Enqueue_WriteRelabelDrop_NotSentAndCountedDropped()
    {
        var drop = new RelabelConfig { SourceLabels = ["i"], Regex = "0", Action = RelabelAction.Drop };
        var config = new RemoteWriteConfig { Url = "http://remote.test/write", WriteRelabelConfigs = [drop] };
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 2 }, config: config);
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Commit(3);
        await kit.WaitUntilAsync(() => !kit.Endpoint.Requests.IsEmpty);

        Assert.Equal(["__name__=m,i=1", "__name__=m,i=2"], kit.Endpoint.Samples().Select(s => s.Labels).Order());
        Assert.Equal(1, counters.Total("prometheus_remote_storage_samples_dropped_total"));
    }

    [Fact]
    public async Task Send_5xxThen204_RetriedAfterBackoffWithRetryAttemptHeader()
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 2, MinBackoff = TimeSpan.FromSeconds(1) });
        kit.Endpoint.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.InternalServerError);
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Commit(2);
        await kit.AdvanceUntilAsync(() => kit.Endpoint.Requests.Count >= 3, TimeSpan.FromMilliseconds(500));

        var attempts = kit.Endpoint.Requests.Select(r => r.Headers.GetValueOrDefault("Retry-Attempt", "")).ToList();
        Assert.Equal(["", "1", "2"], attempts);
        Assert.Equal(4, counters.Total("prometheus_remote_storage_samples_retried_total"));
        await kit.WaitUntilAsync(() => counters.Total("prometheus_remote_storage_samples_total") == 2);
        Assert.True(kit.Time.GetUtcNow() - QueueKit.Start >= TimeSpan.FromSeconds(3), "backoff doubles: 1s then 2s");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    public async Task Send_4xx_RetriedOnlyFor429WhenConfigured(HttpStatusCode status, bool retryOn429)
    {
        await using var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 1, RetryOnRateLimit = retryOn429 });
        kit.Endpoint.Then(status, retryAfter: TimeSpan.FromSeconds(7), body: "out of order sample");
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Commit(1);
        await kit.WaitUntilAsync(() => !kit.Endpoint.Requests.IsEmpty);
        await kit.AdvanceUntilAsync(() => counters.Total("prometheus_remote_storage_samples_failed_total") + counters.Total("prometheus_remote_storage_samples_total") == 1, TimeSpan.FromSeconds(1));

        Assert.Equal(retryOn429 ? 2 : 1, kit.Endpoint.Requests.Count);
        Assert.Equal(retryOn429 ? 0 : 1, counters.Total("prometheus_remote_storage_samples_failed_total"));
        if (retryOn429)
        {
            Assert.True(kit.Time.GetUtcNow() - QueueKit.Start >= TimeSpan.FromSeconds(7), "Retry-After is honoured");
        }
    }

    [Fact]
    public async Task Dispose_PartialBatchQueued_FlushedAtOnce()
    {
        var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 100, BatchSendDeadline = TimeSpan.FromMinutes(10) });

        kit.Commit(5);
        await kit.DisposeAsync();

        Assert.Equal(5, kit.Endpoint.Samples().Count);
    }

    [Fact]
    public async Task Dispose_EndpointDown_GivesUpAtTheFlushDeadline()
    {
        var kit = QueueKit.Create(new QueueConfig { MaxSamplesPerSend = 1, MinBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(1) });
        for (var i = 0; i < 500; i++)
        {
            kit.Endpoint.Then(HttpStatusCode.BadGateway);
        }

        kit.Commit(1);
        await kit.WaitUntilAsync(() => !kit.Endpoint.Requests.IsEmpty);
        await kit.DisposeAsync();

        Assert.True(kit.Time.GetUtcNow() - QueueKit.Start >= TimeSpan.FromMinutes(1));
        Assert.True(kit.Endpoint.Requests.Count > 2, "retried until the deadline");
    }

    [Fact]
    public async Task Enqueue_QueueFull_OldestDiscardedAndCounted()
    {
        // One shard holds max(capacity, max_samples_per_send) x max_shards samples.
        await using var kit = QueueKit.Create(new QueueConfig { Capacity = 10, MaxShards = 1, MaxSamplesPerSend = 10, BatchSendDeadline = TimeSpan.FromSeconds(5), MinBackoff = TimeSpan.FromHours(1), MaxBackoff = TimeSpan.FromHours(1) });
        kit.Endpoint.Then(HttpStatusCode.ServiceUnavailable);
        using var counters = new MeterCounters(kit.Metrics.Meter);

        kit.Commit(10, timestamp: 1);
        await kit.WaitUntilAsync(() => !kit.Endpoint.Requests.IsEmpty);
        kit.Commit(15, timestamp: 2, name: "later");

        Assert.Equal(5, counters.Total("vigil_remote_storage_samples_discarded_total"));
    }
}
