using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;
using Vigil.Storage.Forwarding;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>
/// Everything sent to one <c>remote_write</c> endpoint: each committed sample gets the external labels its
/// series lacks, then <c>write_relabel_configs</c> (as upstream, in that order), and is queued in the shard its
/// labels hash to. The outcome per label set is cached against the stored label set's identity, so steady
/// scrapes relabel each series once.
/// </summary>
public sealed class RemoteWriteQueue : IAsyncDisposable
{
    private readonly LabelSet _externalLabels;
    private readonly Relabeler _relabel;
    private readonly bool _sendHistograms;
    private readonly ConditionalWeakTable<LabelSet, Mapped> _mapped = [];
    private readonly QueueShard[] _shards;
    private readonly EndpointMetrics _metrics;
    private readonly TimeSpan _flushDeadline;
    private readonly CancellationTokenSource _abort;
    private readonly Task[] _loops;

    /// <summary>Starts the shards of one endpoint.</summary>
    public RemoteWriteQueue(RemoteWriteConfig config, LabelSet externalLabels, RemoteWriteClient client, EndpointMetrics metrics,
        TimeSpan flushDeadline, TimeProvider time, ILogger logger)
    {
        _externalLabels = externalLabels;
        _relabel = new Relabeler(config.WriteRelabelConfigs);
        _sendHistograms = config.SendNativeHistograms;
        _metrics = metrics;
        _flushDeadline = flushDeadline;
        // Created on the injected clock so the flush deadline runs on it too.
        _abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        // The WAL is upstream's buffer; Vigil's is memory, so it holds what upstream keeps in flight at max_shards.
        var perShard = (int)Math.Min(int.MaxValue, Math.Max(config.Queue.Capacity, config.Queue.MaxSamplesPerSend) * config.Queue.MaxShards / metrics.Shards);
        _shards = [.. Enumerable.Range(0, metrics.Shards).Select(_ => new QueueShard(perShard, config.Queue, client, metrics, time, logger))];
        _loops = [.. _shards.Select(s => Task.Run(() => s.RunAsync(_abort.Token)))];
    }

    /// <summary>
    /// Queues the samples of one commit. Histogram samples are passed over unless <c>send_native_histograms</c> is set
    /// (uncounted, as upstream's queue never reads them then); custom-bucket histograms are dropped and counted, as
    /// remote write 1.0 cannot carry them.
    /// </summary>
    public void Enqueue(List<ForwardedSample> committed)
    {
        int dropped = 0, droppedHistograms = 0, customBuckets = 0;
        foreach (var sample in committed)
        {
            if (sample.Histogram is { } histogram && (!_sendHistograms || histogram.UsesCustomBuckets))
            {
                customBuckets += _sendHistograms ? 1 : 0;
                continue;
            }
            if (LabelsFor(sample.Labels) is not { } labels)
            {
                _ = sample.IsHistogram ? droppedHistograms++ : dropped++;
                continue;
            }
            _shards[(uint)labels.GetHashCode() % (uint)_shards.Length].Write(new PendingSample(labels, sample.Timestamp, sample.Value, sample.Histogram));
        }
        _metrics.Dropped(dropped);
        _metrics.DroppedHistograms(droppedHistograms, "dropped_series");
        _metrics.DroppedHistograms(customBuckets, "nhcb_in_rw1_not_supported");
    }

    /// <summary>The labels a series is sent under, or null when write relabelling drops it.</summary>
    public LabelSet? LabelsFor(LabelSet stored)
    {
        if (_mapped.TryGetValue(stored, out var known))
        {
            return known.Labels;
        }
        var labels = WithExternalLabels(stored);
        var result = _relabel.IsEmpty ? labels : _relabel.Process(labels, out var relabelled) && relabelled.Count > 0 ? relabelled : null;
        _mapped.AddOrUpdate(stored, new Mapped(result));
        return result;
    }

    private LabelSet WithExternalLabels(LabelSet labels)
    {
        if (_externalLabels.Count == 0)
        {
            return labels;
        }
        // A series' own label wins over an external label of the same name.
        var missing = _externalLabels.Where(l => !labels.Has(l.Name)).ToList();
        return missing.Count == 0 ? labels : LabelSet.From(labels.Concat(missing));
    }

    /// <summary>Stops taking samples, sends what is queued, and gives up on it after the flush deadline.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards)
        {
            shard.Complete();
        }
        _abort.CancelAfter(_flushDeadline);
        await Task.WhenAll(_loops);
        _abort.Dispose();
        _metrics.Dispose();
    }

    private sealed record Mapped(LabelSet? Labels);
}
