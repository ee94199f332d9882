using Vigil.Model.Labels;

namespace Vigil.Tsdb.Head;

/// <summary>
/// The head's series by labels and by reference, split into independently locked shards so many
/// appenders can look series up at once. Label lookups go through <see cref="LabelSet"/>'s hash and
/// full equality, so two label sets with the same hash stay distinct series.
/// </summary>
internal sealed class SeriesStore
{
    private const int ShardCount = 64;

    private readonly Shard<LabelSet>[] _byLabels = CreateShards<LabelSet>();
    private readonly Shard<ulong>[] _byRef = CreateShards<ulong>();

    public MemSeries? Get(LabelSet labels)
    {
        var shard = _byLabels[(labels.GetHashCode() & int.MaxValue) % ShardCount];
        lock (shard)
        {
            return shard.Map.GetValueOrDefault(labels);
        }
    }

    public MemSeries? Get(ulong reference)
    {
        var shard = _byRef[reference % ShardCount];
        lock (shard)
        {
            return shard.Map.GetValueOrDefault(reference);
        }
    }

    public void Add(MemSeries series)
    {
        var byLabels = _byLabels[(series.Labels.GetHashCode() & int.MaxValue) % ShardCount];
        lock (byLabels)
        {
            byLabels.Map.Add(series.Labels, series);
        }
        var byRef = _byRef[series.Ref % ShardCount];
        lock (byRef)
        {
            byRef.Map.Add(series.Ref, series);
        }
    }

    public void Remove(MemSeries series)
    {
        var byLabels = _byLabels[(series.Labels.GetHashCode() & int.MaxValue) % ShardCount];
        lock (byLabels)
        {
            byLabels.Map.Remove(series.Labels);
        }
        var byRef = _byRef[series.Ref % ShardCount];
        lock (byRef)
        {
            byRef.Map.Remove(series.Ref);
        }
    }

    /// <summary>Every series, shard by shard (a copy per shard, so callers may take other locks).</summary>
    public List<MemSeries> All()
    {
        var all = new List<MemSeries>();
        foreach (var shard in _byRef)
        {
            lock (shard)
            {
                all.AddRange(shard.Map.Values);
            }
        }
        return all;
    }

    private static Shard<TKey>[] CreateShards<TKey>()
        where TKey : notnull
    {
        var shards = new Shard<TKey>[ShardCount];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new Shard<TKey>();
        }
        return shards;
    }

    private sealed class Shard<TKey>
        where TKey : notnull
    {
        public Dictionary<TKey, MemSeries> Map { get; } = [];
    }
}
