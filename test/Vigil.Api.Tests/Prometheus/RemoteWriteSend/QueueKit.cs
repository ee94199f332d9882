using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost.RemoteWrite;
using Vigil.Storage.Forwarding;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

/// <summary>A remote write queue on a fake clock, sending to a <see cref="ScriptedEndpoint"/>.</summary>
internal sealed class QueueKit : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private QueueKit(RemoteWriteConfig config, LabelSet externalLabels)
    {
        Time = new FakeTimeProvider(Start);
        Endpoint = new ScriptedEndpoint();
        Metrics = new RemoteWriteSendMetrics();
        Client = new RemoteWriteClient(new HttpClient(Endpoint), config, Time);
        Queue = new RemoteWriteQueue(config, externalLabels, Client, Metrics.For("test", Client.RedactedUrl, 1), TimeSpan.FromMinutes(1), Time, NullLogger.Instance);
    }

    public FakeTimeProvider Time { get; }

    public ScriptedEndpoint Endpoint { get; }

    public RemoteWriteSendMetrics Metrics { get; }

    public RemoteWriteClient Client { get; }

    public RemoteWriteQueue Queue { get; }

    public static QueueKit Create(QueueConfig? queue = null, LabelSet? externalLabels = null, RemoteWriteConfig? config = null) =>
        new((config ?? new RemoteWriteConfig { Url = "http://remote.test/api/v1/write" }) with { Queue = queue ?? new QueueConfig() }, externalLabels ?? LabelSet.Empty);

    /// <summary>Queues <paramref name="count"/> samples of series <c>m{i="N"}</c>, one commit.</summary>
    public void Commit(int count, long timestamp = 1000, string name = "m")
    {
        var samples = Enumerable.Range(0, count).Select(i => new ForwardedSample(LabelSet.Of("__name__", name, "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), timestamp, i)).ToList();
        Queue.Enqueue(samples);
    }

    /// <summary>Waits (moving the fake clock by <paramref name="step"/> each round) until <paramref name="done"/> holds.</summary>
    public async Task AdvanceUntilAsync(Func<bool> done, TimeSpan step)
    {
        for (var round = 0; round < 2000 && !done(); round++)
        {
            Time.Advance(step);
            await Task.Delay(5);
        }
        Assert.True(done(), "condition not reached while advancing the fake clock");
    }

    /// <summary>Waits for the shard loop without moving the clock.</summary>
    public async Task WaitUntilAsync(Func<bool> done)
    {
        for (var round = 0; round < 2000 && !done(); round++)
        {
            await Task.Delay(5);
        }
        Assert.True(done(), "condition not reached");
    }

    /// <summary>Disposes the queue, moving the fake clock so a flush waiting on a backoff reaches its deadline.</summary>
    public async ValueTask DisposeAsync()
    {
        var disposing = Queue.DisposeAsync().AsTask();
        await AdvanceUntilAsync(() => disposing.IsCompleted, TimeSpan.FromSeconds(10));
        await disposing;
        Metrics.Dispose();
    }
}
