using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Retention;

namespace Vigil.Tsdb.Compaction;

/// <summary>What one <see cref="Compactor.RunOnce"/> did.</summary>
/// <param name="HeadBlocks">Blocks cut from the head.</param>
/// <param name="MergedBlocks">Blocks made by merging smaller ones.</param>
/// <param name="RetentionDeleted">Blocks deleted by retention.</param>
/// <param name="Failed">Whether a step failed (logged; retried on the next run).</param>
public sealed record CompactionResult(int HeadBlocks, int MergedBlocks, int RetentionDeleted, bool Failed);

/// <summary>
/// Persists the head's old data as blocks, merges small blocks into bigger ones, then applies retention.
/// The host calls <see cref="RunOnce"/> periodically (upstream: every minute); nothing here runs on its own.
/// </summary>
public sealed class Compactor : IDisposable
{
    private readonly BlockStore _store;
    private readonly ICompactableHead? _head;
    private readonly long[] _ranges;
    private readonly RetentionEnforcer? _retention;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockWriter _writer;
    private readonly Meter _meter;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly Lock _running = new();

    /// <summary>Compacts into <paramref name="store"/>, cutting blocks from <paramref name="head"/> when given.</summary>
    /// <param name="store">The persisted blocks.</param>
    /// <param name="head">The head to persist from; null compacts blocks only.</param>
    /// <param name="ranges">Block lengths in ms, smallest first (see <see cref="BlockRanges.For"/>).</param>
    /// <param name="retention">Applied after compacting; null keeps everything.</param>
    /// <param name="time">Clock for block ids and durations.</param>
    /// <param name="logger">Where steps and failures are reported.</param>
    /// <param name="meter">Meter for the compaction metrics; a private one named "Vigil.Tsdb" when null.</param>
    public Compactor(BlockStore store, ICompactableHead? head, long[] ranges, RetentionEnforcer? retention,
        TimeProvider time, ILogger logger, Meter? meter = null)
    {
        if (ranges.Length == 0 || ranges[0] <= 0)
        {
            throw new ArgumentException("at least one positive block range is needed", nameof(ranges));
        }
        (_store, _head, _ranges, _retention, _time, _logger) = (store, head, ranges, retention, time, logger);
        _writer = new BlockWriter(time);
        _meter = meter ?? new Meter("Vigil.Tsdb");
        _runs = _meter.CreateCounter<long>("prometheus_tsdb_compactions_total", description: "Blocks written by compaction (from the head or merged).");
        _failures = _meter.CreateCounter<long>("prometheus_tsdb_compactions_failed_total", description: "Compaction steps that failed.");
        _duration = _meter.CreateHistogram<double>("prometheus_tsdb_compaction_duration_seconds", "s", "Time taken to write one block.");
    }

    /// <summary>Cuts due head ranges into blocks, merges due blocks, applies retention. Failures are logged, never thrown.</summary>
    public CompactionResult RunOnce()
    {
        lock (_running)
        {
            int head = 0, merged = 0, deleted = 0;
            var failed = !TryStep("persisting the head", () => head = CompactHead())
                | !TryStep("merging blocks", () => merged = CompactBlocks())
                | !TryStep("rewriting a block without deleted data", () => merged += DropDeletedData());
            if (_retention is not null)
            {
                failed |= !TryStep("applying retention", () => deleted = _retention.Apply().Count);
            }
            return new CompactionResult(head, merged, deleted, failed);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> while no compaction round runs (and none starts): deleting, cleaning
    /// tombstones and snapshotting must not race a merge that is reading the blocks they change or copy.
    /// </summary>
    public T Exclusive<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_running)
        {
            return action();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// While the head spans more than one and a half block ranges, its oldest aligned range is written out:
    /// the extra half range leaves room for samples still arriving near the boundary.
    /// </summary>
    private int CompactHead()
    {
        var range = _ranges[0];
        var written = 0;
        while (_head is not null && _head.MinTime != long.MaxValue && _head.MaxTime - _head.MinTime > range / 2 * 3)
        {
            var mint = BlockRanges.AlignDown(_head.MinTime, range);
            var maxt = mint + range;
            var meta = Timed(() => _writer.WriteSeries(_store.DataDirectory, mint, maxt, _head.Select(mint, maxt - 1, []), _head.MayHoldHistograms));
            if (meta.Stats.NumSamples > 0)
            {
                _store.Add(meta);
                written++;
                _logger.LogInformation("Wrote block {Id} for [{Min}, {Max}) from the head: {Series} series, {Samples} samples",
                    meta.Id, mint, maxt, meta.Stats.NumSeries, meta.Stats.NumSamples);
            }
            else
            {
                // An empty range (a gap in the data) needs no block, but the head still moves past it.
                Directory.Delete(Path.Combine(_store.DataDirectory, meta.Id), recursive: true);
            }
            _head.Truncate(maxt);
        }
        return written;
    }

    private int CompactBlocks()
    {
        var merged = 0;
        for (var plan = CompactionPlanner.Plan(_store.Blocks, _ranges); plan.Count > 1; plan = CompactionPlanner.Plan(_store.Blocks, _ranges))
        {
            var mint = plan.Min(b => b.Meta.MinTime);
            var maxt = plan.Max(b => b.Meta.MaxTime);
            var sources = plan.SelectMany(b => b.Meta.Compaction.Sources).Distinct().Order(StringComparer.Ordinal).ToList();
            var reader = new MergingQuerier(plan.ToArray<Storage.ISeriesQuerier>());
            var meta = Timed(() => _writer.WriteSeries(_store.DataDirectory, mint, maxt, reader.Select(mint, maxt - 1, []), reader.MayHoldHistograms,
                plan.Max(b => b.Meta.Compaction.Level) + 1, sources));
            // The new block is durable (fsynced and renamed) before any source goes.
            _store.Add(meta);
            _store.Delete(plan);
            merged++;
            _logger.LogInformation("Merged blocks {Sources} into {Id} for [{Min}, {Max})",
                string.Join(",", plan.Select(b => b.Meta.Id)), meta.Id, mint, maxt);
        }
        return merged;
    }

    /// <summary>Once nothing is left to merge, rewrites the blocks whose deletions are worth it, one at a time as upstream plans them.</summary>
    private int DropDeletedData()
    {
        var rewritten = 0;
        while (TombstoneCleaner.Due(_store.Blocks, _ranges) is { } block)
        {
            var meta = Timed(() => TombstoneCleaner.Rewrite(_store, _writer, block) ?? block.Meta);
            _logger.LogInformation("Rewrote block {Old} without its deleted data as {New}", block.Meta.Id, meta == block.Meta ? "nothing (all deleted)" : meta.Id);
            rewritten++;
        }
        return rewritten;
    }

    private BlockMeta Timed(Func<BlockMeta> write)
    {
        var start = _time.GetTimestamp();
        var meta = write();
        _duration.Record(_time.GetElapsedTime(start).TotalSeconds);
        _runs.Add(1);
        return meta;
    }

    private bool TryStep(string step, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _failures.Add(1);
            _logger.LogError("Compaction failed while {Step}: {Reason}. Nothing was deleted; the next run retries.", step, e.Message);
            return false;
        }
    }
}
