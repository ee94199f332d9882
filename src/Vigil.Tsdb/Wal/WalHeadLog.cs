using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// Connects the head to the WAL: each commit becomes a samples record, preceded by a series record
/// for any series the log has not seen yet. Which series still need a record is decided under one
/// lock together with the write, so a sample never lands in the log before its series.
/// </summary>
internal sealed class WalHeadLog(WriteAheadLog wal) : IHeadLog
{
    private readonly Lock _order = new();

    public void Write(IReadOnlyList<PendingSample> samples)
    {
        var walSamples = new WalSample[samples.Count];
        for (var i = 0; i < walSamples.Length; i++)
        {
            var (series, t, v) = samples[i];
            walSamples[i] = new WalSample(series.Ref, t, v);
        }
        var samplesRecord = WalRecords.EncodeSamples(walSamples);
        long position;
        lock (_order)
        {
            var newSeries = Unlogged(samples);
            position = newSeries.Count == 0
                ? wal.Append([samplesRecord])
                : wal.Append([WalRecords.EncodeSeries(newSeries), samplesRecord]);
            foreach (var s in samples)
            {
                s.Series.Logged = true;
            }
        }
        wal.SyncTo(position);
    }

    private static List<WalSeries> Unlogged(IReadOnlyList<PendingSample> samples)
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
