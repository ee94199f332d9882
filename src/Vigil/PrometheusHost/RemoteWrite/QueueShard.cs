using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Config.Prometheus;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>
/// One sender of a remote write queue. Samples of a series always land in the same shard, so each series
/// reaches the endpoint in time order. A batch goes out when it holds <c>max_samples_per_send</c> samples or
/// its first sample has waited <c>batch_send_deadline</c>; a recoverable failure is retried with doubling
/// backoff (or the endpoint's Retry-After) until it succeeds or the queue is shut down.
/// </summary>
internal sealed class QueueShard
{
    private readonly Channel<PendingSample> _channel;
    private readonly QueueConfig _queue;
    private readonly RemoteWriteClient _client;
    private readonly EndpointMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QueueShard(int capacity, QueueConfig queue, RemoteWriteClient client, EndpointMetrics metrics, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _client = client;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        // Dropping the oldest keeps each series in time order and keeps the newest data when the endpoint lags.
        _channel = Channel.CreateBounded<PendingSample>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                _metrics.Discarded(1);
                _metrics.AddPending(SampleCounts.One(dropped), -1);
            });
    }

    /// <summary>Queues one sample; never blocks the writer.</summary>
    public void Write(PendingSample sample)
    {
        if (_channel.Writer.TryWrite(sample))
        {
            _metrics.AddPending(SampleCounts.One(sample));
        }
        else
        {
            _metrics.Discarded(1);
        }
    }

    /// <summary>No more samples will come: the loop sends what is queued, then ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Sends batches until completed and drained, or until <paramref name="abort"/>.</summary>
    public async Task RunAsync(CancellationToken abort)
    {
        try
        {
            List<PendingSample> batch;
            while ((batch = await NextBatchAsync(abort)).Count > 0)
            {
                _metrics.AddPending(SampleCounts.Of(batch), -1);
                await SendWithRetriesAsync(batch, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shut down past the flush deadline: what is still queued is given up.
            _logger.Warn("Remote write queue shut down with samples unsent", ("url", _client.RedactedUrl), ("pending", _metrics.Pending + _metrics.PendingHistograms));
        }
    }

    private async Task<List<PendingSample>> NextBatchAsync(CancellationToken abort)
    {
        var reader = _channel.Reader;
        var batch = new List<PendingSample>();
        if (!await reader.WaitToReadAsync(abort))
        {
            return batch;
        }
        var max = (int)_queue.MaxSamplesPerSend;
        var started = _time.GetTimestamp();
        while (batch.Count < max)
        {
            while (batch.Count < max && reader.TryRead(out var sample))
            {
                batch.Add(sample);
            }
            var left = _queue.BatchSendDeadline - _time.GetElapsedTime(started);
            if (batch.Count >= max || left <= TimeSpan.Zero || !await WaitForMoreAsync(reader, left, abort))
            {
                break;
            }
        }
        return batch;
    }

    /// <summary>Whether more samples arrived within <paramref name="left"/>; false on the deadline or when completed.</summary>
    private async Task<bool> WaitForMoreAsync(ChannelReader<PendingSample> reader, TimeSpan left, CancellationToken abort)
    {
        using var deadline = new CancellationTokenSource(left, _time);
        using var stop = abort.Register(deadline.Cancel);
        try
        {
            return await reader.WaitToReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            abort.ThrowIfCancellationRequested();
            return false;
        }
    }

    private async Task SendWithRetriesAsync(List<PendingSample> batch, CancellationToken abort)
    {
        var backoff = _queue.MinBackoff;
        byte[]? body = null;
        var counts = default(SampleCounts);
        for (var attempt = 0; ; attempt++)
        {
            var kept = DropTooOld(batch);
            if (kept.Count == 0)
            {
                return;
            }
            // A retry resends the same bytes unless the age limit dropped samples meanwhile.
            if (body is null || !ReferenceEquals(kept, batch))
            {
                batch = kept;
                body = WriteRequestEncoder.Encode(Group(batch));
                counts = SampleCounts.Of(batch);
            }
            var started = _time.GetTimestamp();
            var outcome = await _client.SendAsync(body, attempt, abort);
            var took = _time.GetElapsedTime(started);
            if (outcome.Success)
            {
                _metrics.Sent(counts, body.Length, batch.Max(s => s.Timestamp), took);
                return;
            }
            if (!outcome.Recoverable)
            {
                _metrics.Failed(counts, took);
                _logger.Error("non-recoverable error", ("url", _client.RedactedUrl), ("count", batch.Count), ("err", outcome.Error));
                return;
            }
            _metrics.Retried(counts, took);
            _logger.Warn("Failed to send batch, retrying", ("url", _client.RedactedUrl), ("err", outcome.Error));
            await Task.Delay(outcome.RetryAfter is { } after && after > TimeSpan.Zero ? after : backoff, _time, abort);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _queue.MaxBackoff.Ticks));
        }
    }

    private List<PendingSample> DropTooOld(List<PendingSample> batch)
    {
        if (_queue.SampleAgeLimit <= TimeSpan.Zero)
        {
            return batch;
        }
        var oldest = _time.GetUtcNow().ToUnixTimeMilliseconds() - (long)_queue.SampleAgeLimit.TotalMilliseconds;
        var kept = batch.Where(s => s.Timestamp >= oldest).ToList();
        if (kept.Count == batch.Count)
        {
            return batch;
        }
        var (before, after) = (SampleCounts.Of(batch), SampleCounts.Of(kept));
        _metrics.Dropped(before.Samples - after.Samples);
        _metrics.DroppedHistograms(before.Histograms - after.Histograms, "too_old");
        return kept;
    }

    /// <summary>
    /// One outgoing series per distinct label set, samples and histograms each in queue order (which is time order per
    /// series); a series holding only one kind gets an empty list for the other.
    /// </summary>
    internal static List<OutgoingSeries> Group(List<PendingSample> batch)
    {
        var index = new Dictionary<Model.Labels.LabelSet, (List<WriteSample> Samples, List<OutgoingHistogram> Histograms)>();
        var series = new List<OutgoingSeries>();
        foreach (var s in batch)
        {
            if (!index.TryGetValue(s.Labels, out var lists))
            {
                lists = ([], []);
                index[s.Labels] = lists;
                series.Add(new OutgoingSeries(s.Labels, lists.Samples) { Histograms = lists.Histograms });
            }
            if (s.Histogram is { } histogram)
            {
                lists.Histograms.Add(new OutgoingHistogram(s.Timestamp, histogram));
            }
            else
            {
                lists.Samples.Add(new WriteSample(s.Timestamp, s.Value));
            }
        }
        return series;
    }
}
