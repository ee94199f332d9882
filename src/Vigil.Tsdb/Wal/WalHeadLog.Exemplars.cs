using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Wal;

/// <summary>Exemplars of a commit: one exemplars record, after a series record for any series the log lacks.</summary>
internal sealed partial class WalHeadLog
{
    /// <remarks>
    /// Exemplars are not worth a second disk flush per commit: the record reaches disk with the next commit's
    /// flush, a segment's close or shutdown, so a crash loses at most the exemplars of the last commits.
    /// </remarks>
    public void WriteExemplars(ReadOnlySpan<PendingExemplar> exemplars)
    {
        var records = new List<WalExemplar>(exemplars.Length);
        foreach (var (series, exemplar) in exemplars)
        {
            records.Add(new WalExemplar(series.Ref, exemplar.Timestamp, exemplar.Value, exemplar.Labels));
        }
        using var frames = new FrameBuffer(0);
        frames.AddRecord(WalRecords.EncodeExemplars(records));
        using var withSeries = new FrameBuffer(0);
        lock (_order)
        {
            var newSeries = new List<WalSeries>();
            foreach (var (series, _) in exemplars)
            {
                if (!series.Logged)
                {
                    series.Logged = true;
                    newSeries.Add(new WalSeries(series.Ref, series.Labels));
                }
            }
            if (newSeries.Count > 0)
            {
                withSeries.AddRecord(WalRecords.EncodeSeries(newSeries));
            }
            wal.AppendFramed(withSeries.Written, frames.Written);
        }
    }
}
