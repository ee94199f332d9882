using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// Connects the head to the WAL: each commit becomes a samples record, preceded by a series record
/// for any series the log has not seen yet. Which series still need a record is decided under one
/// lock together with the write, so a sample never lands in the log before its series.
/// </summary>
internal sealed partial class WalHeadLog(WriteAheadLog wal) : IHeadLog
{
    private readonly Lock _order = new();

    public void Write(ReadOnlySpan<PendingSample> samples)
    {
        // The samples are encoded outside the lock; only the (rare) series record needs it.
        using var frames = FrameBuffer.WithSamples(samples);
        using var withSeries = new FrameBuffer(0);
        long position;
        lock (_order)
        {
            var newSeries = Unlogged(samples);
            if (newSeries.Count == 0)
            {
                position = wal.AppendFramed(frames.Written);
            }
            else
            {
                withSeries.AddRecord(WalRecords.EncodeSeries(newSeries));
                position = wal.AppendFramed(withSeries.Written, frames.Written);
            }
            if (newSeries.Count > 0)
            {
                // Only new series change: writing the flag on every series would dirty each one's memory per commit.
                foreach (var s in samples)
                {
                    s.Series.Logged = true;
                }
            }
        }
        wal.SyncTo(position);
    }

    /// <remarks>
    /// Only series with stored samples get tombstones, and a series' record is logged before its first samples are
    /// applied, so no ordering lock is needed here.
    /// </remarks>
    public void WriteTombstones(IReadOnlyList<Tombstones.Tombstone> tombstones) => wal.Write([WalRecords.EncodeTombstones(tombstones)]);

    private static List<WalSeries> Unlogged(ReadOnlySpan<PendingSample> samples)
    {
        var result = new List<WalSeries>();
        HashSet<ulong>? seen = null;
        foreach (var s in samples)
        {
            if (!s.Series.Logged && (seen ??= []).Add(s.Series.Ref))
            {
                result.Add(new WalSeries(s.Series.Ref, s.Series.Labels));
            }
        }
        return result;
    }
}
