using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Tombstones;

namespace Vigil.Tsdb.Blocks;

/// <summary>Deleting from a written block: its files stay as they are, a <c>tombstones</c> file says what to leave out.</summary>
public sealed partial class Block
{
    private readonly Lock _deleting = new();

    /// <summary>The block's deleted ranges, by series id (its position in the index).</summary>
    public TombstoneSet Tombstones { get; }

    /// <summary>
    /// Deletes the samples in [<paramref name="mint"/>, <paramref name="maxt"/>] (inclusive) of the series matching
    /// <paramref name="matchers"/>: each series' range is clamped to its chunks and recorded, then the block's
    /// tombstones file is rewritten durably before queries stop seeing the samples, then <c>meta.json</c> with the
    /// new <see cref="BlockStats.NumTombstones"/>. Returns the series touched.
    /// </summary>
    public int Delete(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        // As upstream: no matchers select no series (not every series), so an empty selector deletes nothing.
        if (matchers.Count == 0 || !Meta.Overlaps(mint, maxt))
        {
            return 0;
        }
        var added = new List<Tombstone>();
        foreach (var id in MatchingIds(matchers))
        {
            var (_, chunks) = _index.Series(id);
            if (chunks.Length > 0 && Intervals.Clamp(mint, maxt, chunks[0].MinTime, chunks[^1].MaxTime) is { } interval)
            {
                added.Add(new Tombstone((ulong)id, interval));
            }
        }
        if (added.Count == 0)
        {
            return 0;
        }
        lock (_deleting)
        {
            // The file is written from a merged copy first: if writing fails, queries keep answering as before.
            var merged = new TombstoneSet();
            merged.AddAll(Tombstones.All());
            merged.AddAll(added);
            var all = merged.All();
            TombstoneFile.Write(Directory, all);
            Tombstones.AddAll(added);
            // As upstream, meta.json counts the block's deleted ranges; the tombstones file is the record, so a
            // crash between the two writes leaves only this count behind.
            var meta = Meta with { Stats = Meta.Stats with { NumTombstones = all.Count } };
            meta.Replace(Directory);
            _meta = meta;
        }
        return added.Count;
    }

    /// <summary>The series without its wholly deleted chunks and deleted samples; null when nothing is left.</summary>
    private IStoredSeries? View(int id, LabelSet labels, ChunkMeta[] chunks)
    {
        var deleted = Tombstones.Get((ulong)id);
        if (deleted is null)
        {
            return new BlockSeries(this, labels, chunks);
        }
        var kept = Array.FindAll(chunks, c => !Intervals.Covers(deleted, c.MinTime, c.MaxTime));
        return kept.Length > 0 ? new TombstonedSeries(new BlockSeries(this, labels, kept), deleted) : null;
    }
}
