using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Tsdb.Blocks;

namespace Vigil.Tsdb.Retention;

/// <summary>
/// The <c>--storage.tsdb.retention.time</c> and <c>--storage.tsdb.retention.size</c> limits. Null or zero disables one.
/// </summary>
/// <param name="Time">Keep blocks whose end is within this of the newest block's end (upstream default 15d).</param>
/// <param name="SizeBytes">Keep the newest blocks whose total size (plus <see cref="RetentionEnforcer"/>'s extra bytes) fits in this.</param>
public sealed record RetentionOptions(TimeSpan? Time, long? SizeBytes)
{
    /// <summary>Upstream's default: 15 days, no size limit.</summary>
    public static RetentionOptions Default { get; } = new(TimeSpan.FromDays(15), null);
}

/// <summary>
/// Deletes whole blocks that fall outside the retention limits, oldest first. Time is measured against the
/// newest block's end, not the wall clock, as upstream: a server that was down for a month does not wake up
/// and delete everything it has.
/// </summary>
public sealed class RetentionEnforcer : IDisposable
{
    private readonly BlockStore _store;
    private readonly RetentionOptions _options;
    private readonly ILogger _logger;
    private readonly Func<long> _otherBytes;
    private readonly Meter _meter;
    private readonly Counter<long> _timeRetentions;
    private readonly Counter<long> _sizeRetentions;

    /// <summary>Enforces <paramref name="options"/> on <paramref name="store"/>.</summary>
    /// <param name="store">The blocks to prune.</param>
    /// <param name="options">The limits.</param>
    /// <param name="logger">Each deletion is logged with its reason.</param>
    /// <param name="otherBytes">Bytes counted against the size limit besides blocks (the write-ahead log); none when null.</param>
    /// <param name="meter">Meter for the retention counters; a private one named "Vigil.Tsdb" when null.</param>
    public RetentionEnforcer(BlockStore store, RetentionOptions options, ILogger logger, Func<long>? otherBytes = null, Meter? meter = null)
    {
        (_store, _options, _logger) = (store, options, logger);
        _otherBytes = otherBytes ?? (() => 0);
        _meter = meter ?? new Meter("Vigil.Tsdb");
        _timeRetentions = _meter.CreateCounter<long>("prometheus_tsdb_time_retentions_total",
            description: "Times blocks were deleted because they were older than the time retention.");
        _sizeRetentions = _meter.CreateCounter<long>("prometheus_tsdb_size_retentions_total",
            description: "Times blocks were deleted because the storage was over the size retention.");
    }

    /// <summary>Deletes the blocks beyond either limit and returns their metas.</summary>
    public IReadOnlyList<BlockMeta> Apply()
    {
        var newestFirst = _store.Blocks.OrderByDescending(b => b.Meta.MinTime).ToList();
        var doomed = new Dictionary<string, (Block Block, string Reason)>(StringComparer.Ordinal);
        if (BeyondTime(newestFirst) is { Count: > 0 } old)
        {
            _timeRetentions.Add(1);
            old.ForEach(b => doomed.TryAdd(b.Meta.Id, (b, "older than the time retention")));
        }
        if (BeyondSize(newestFirst) is { Count: > 0 } big)
        {
            _sizeRetentions.Add(1);
            big.ForEach(b => doomed.TryAdd(b.Meta.Id, (b, "over the size retention")));
        }
        foreach (var (block, reason) in doomed.Values)
        {
            _logger.LogInformation("Deleting block {Id} [{Min}, {Max}): {Reason}", block.Meta.Id, block.Meta.MinTime, block.Meta.MaxTime, reason);
        }
        _store.Delete(doomed.Values.Select(d => d.Block).ToList());
        return doomed.Values.Select(d => d.Block.Meta).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private List<Block> BeyondTime(List<Block> newestFirst)
    {
        if (_options.Time is not { } retention || retention <= TimeSpan.Zero || newestFirst.Count == 0)
        {
            return [];
        }
        var limit = (long)retention.TotalMilliseconds;
        var newestEnd = newestFirst[0].Meta.MaxTime;
        var first = newestFirst.FindIndex(1, b => newestEnd - b.Meta.MaxTime >= limit);
        return first < 0 ? [] : newestFirst[first..];
    }

    private List<Block> BeyondSize(List<Block> newestFirst)
    {
        if (_options.SizeBytes is not { } limit || limit <= 0)
        {
            return [];
        }
        var total = _otherBytes();
        for (var i = 0; i < newestFirst.Count; i++)
        {
            total += newestFirst[i].SizeBytes;
            if (total > limit)
            {
                return newestFirst[i..];
            }
        }
        return [];
    }
}
