namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>One remote write endpoint's view of <see cref="RemoteWriteSendMetrics"/>: its labels and its gauges' state.</summary>
public sealed class EndpointMetrics : IDisposable
{
    private readonly RemoteWriteSendMetrics _shared;
    private long _pending;
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

    /// <summary>Samples now waiting in the shards.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>The newest sample timestamp the endpoint accepted, in milliseconds.</summary>
    public long HighestSentMs => Interlocked.Read(ref _highestSentMs);

    /// <summary>Counts samples entering (positive) or leaving (negative) the shards.</summary>
    public void AddPending(long delta) => Interlocked.Add(ref _pending, delta);

    /// <summary>A batch was accepted by the endpoint.</summary>
    public void Sent(int samples, int bytes, long highestTimestampMs, TimeSpan duration)
    {
        _shared.Samples.Add(samples, Tags);
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
    public void Failed(int samples, TimeSpan duration)
    {
        _shared.Failed.Add(samples, Tags);
        _shared.Duration.Record(duration.TotalSeconds, Tags);
    }

    /// <summary>A batch failed and will be sent again.</summary>
    public void Retried(int samples, TimeSpan duration)
    {
        _shared.Retried.Add(samples, Tags);
        _shared.Duration.Record(duration.TotalSeconds, Tags);
    }

    /// <summary>Samples dropped by write relabelling or the age limit.</summary>
    public void Dropped(long samples) => _shared.Dropped.Add(samples, Tags);

    /// <summary>Samples discarded because the queue was full.</summary>
    public void Discarded(long samples) => _shared.Discarded.Add(samples, Tags);

    /// <summary>Stops reporting this endpoint's gauges (its queue was removed by a reload).</summary>
    public void Dispose() => _shared.Forget(this);
}
