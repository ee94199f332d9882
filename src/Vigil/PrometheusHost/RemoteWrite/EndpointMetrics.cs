namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>One remote write endpoint's view of <see cref="RemoteWriteSendMetrics"/>: its labels and its gauges' state.</summary>
public sealed class EndpointMetrics : IDisposable
{
    private readonly RemoteWriteSendMetrics _shared;
    private long _pending;
    private long _pendingHistograms;
    private long _highestSentMs;

    internal EndpointMetrics(RemoteWriteSendMetrics shared, string remoteName, string url, int shards)
    {
        _shared = shared;
        Shards = shards;
        Tags = [new("remote_name", remoteName), new("url", url)];
    }

    internal KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The endpoint's shard count.</summary>
    public int Shards { get; }

    /// <summary>Float samples now waiting in the shards.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Histogram samples now waiting in the shards.</summary>
    public long PendingHistograms => Interlocked.Read(ref _pendingHistograms);

    /// <summary>The newest sample timestamp the endpoint accepted, in milliseconds.</summary>
    public long HighestSentMs => Interlocked.Read(ref _highestSentMs);

    /// <summary>Counts samples entering (<paramref name="sign"/> 1) or leaving (-1) the shards.</summary>
    public void AddPending(SampleCounts counts, int sign = 1)
    {
        Interlocked.Add(ref _pending, sign * counts.Samples);
        Interlocked.Add(ref _pendingHistograms, sign * counts.Histograms);
    }

    /// <summary>A batch was accepted by the endpoint.</summary>
    public void Sent(SampleCounts counts, int bytes, long highestTimestampMs, TimeSpan duration)
    {
        Add(_shared.Samples, _shared.Histograms, counts);
        _shared.Bytes.Add(bytes, Tags);
        _shared.Duration.Record(duration.TotalSeconds, Tags);
        long seen;
        while (highestTimestampMs > (seen = Interlocked.Read(ref _highestSentMs))
            && Interlocked.CompareExchange(ref _highestSentMs, highestTimestampMs, seen) != seen)
        {
            // Another shard moved it concurrently; look again.
        }
    }

    /// <summary>A batch failed with an error that retrying cannot fix (e.g. HTTP 400).</summary>
    public void Failed(SampleCounts counts, TimeSpan duration)
    {
        Add(_shared.Failed, _shared.FailedHistograms, counts);
        _shared.Duration.Record(duration.TotalSeconds, Tags);
    }

    /// <summary>A batch failed and will be sent again.</summary>
    public void Retried(SampleCounts counts, TimeSpan duration)
    {
        Add(_shared.Retried, _shared.RetriedHistograms, counts);
        _shared.Duration.Record(duration.TotalSeconds, Tags);
    }

    /// <summary>Float samples dropped by write relabelling or the age limit.</summary>
    public void Dropped(long samples)
    {
        if (samples > 0)
        {
            _shared.Dropped.Add(samples, Tags);
        }
    }

    /// <summary>Histogram samples dropped, with upstream's reason (<c>too_old</c>, <c>dropped_series</c>, <c>nhcb_in_rw1_not_supported</c>).</summary>
    public void DroppedHistograms(long histograms, string reason)
    {
        if (histograms > 0)
        {
            _shared.DroppedHistograms.Add(histograms, [.. Tags, new("reason", reason)]);
        }
    }

    /// <summary>Samples of either kind discarded because the queue was full.</summary>
    public void Discarded(long samples) => _shared.Discarded.Add(samples, Tags);

    /// <summary>Stops reporting this endpoint's gauges (its queue was removed by a reload).</summary>
    public void Dispose() => _shared.Forget(this);

    private void Add(System.Diagnostics.Metrics.Counter<long> samples, System.Diagnostics.Metrics.Counter<long> histograms, SampleCounts counts)
    {
        // Upstream's counters start at zero for every queue, so a histogram counter appears even before its first histogram.
        samples.Add(counts.Samples, Tags);
        histograms.Add(counts.Histograms, Tags);
    }
}
