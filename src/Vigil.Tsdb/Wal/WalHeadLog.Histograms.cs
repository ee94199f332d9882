using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// Commits holding histograms: one series record for series new to the log, then float samples records and
/// histogram samples records alternating in append order (replay applies them in that order), written and
/// synced as one.
/// </summary>
internal sealed partial class WalHeadLog
{
    public void WriteMixed(ReadOnlySpan<PendingSample> floats, IReadOnlyList<PendingHistogram> histograms)
    {
        using var records = new FrameBuffer(FrameBuffer.SamplesRecordSize(floats));
        var floatsDone = 0;
        var group = new List<WalHistogram>();
        for (var i = 0; i < histograms.Count; i++)
        {
            var (series, t, h, floatsBefore) = histograms[i];
            if (floatsBefore > floatsDone)
            {
                records.AddSamples(floats[floatsDone..floatsBefore]);
                floatsDone = floatsBefore;
            }
            group.Add(new WalHistogram(series.Ref, t, h));
            if (i == histograms.Count - 1 || histograms[i + 1].FloatsBefore != floatsBefore)
            {
                records.AddRecord(WalHistograms.Encode(group));
                group.Clear();
            }
        }
        if (floatsDone < floats.Length)
        {
            records.AddSamples(floats[floatsDone..]);
        }
        WriteWithSeries(records, floats, histograms);
    }

    private void WriteWithSeries(FrameBuffer records, ReadOnlySpan<PendingSample> floats, IReadOnlyList<PendingHistogram> histograms)
    {
        using var withSeries = new FrameBuffer(0);
        long position;
        lock (_order)
        {
            var newSeries = Unlogged(floats);
            var seen = newSeries.Select(s => s.Ref).ToHashSet();
            foreach (var h in histograms)
            {
                if (!h.Series.Logged && seen.Add(h.Series.Ref))
                {
                    newSeries.Add(new WalSeries(h.Series.Ref, h.Series.Labels));
                }
            }
            if (newSeries.Count > 0)
            {
                withSeries.AddRecord(WalRecords.EncodeSeries(newSeries));
            }
            position = wal.AppendFramed(withSeries.Written, records.Written);
            foreach (var s in floats)
            {
                s.Series.Logged = true;
            }
            foreach (var h in histograms)
            {
                h.Series.Logged = true;
            }
        }
        wal.SyncTo(position);
    }
}
