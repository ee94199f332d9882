using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Wal;

/// <summary>Replays histogram samples records through the same checks and chunks as live commits.</summary>
internal sealed partial class WalReplay
{
    private void ApplyHistograms(byte[] record)
    {
        var decoded = new List<WalHistogram>();
        WalHistograms.Decode(record, decoded);
        var pending = new List<PendingHistogram>(decoded.Count);
        foreach (var (reference, t, h) in decoded)
        {
            var series = _aliases.GetValueOrDefault(reference) ?? head.GetByRef(reference);
            if (series is null)
            {
                UnknownRefs++;
                continue;
            }
            if (series.SkipReplayedHistogram(t))
            {
                SkippedInLoadedChunks++;
                continue;
            }
            pending.Add(new PendingHistogram(series, t, h, 0));
        }
        Samples += pending.Count;
        head.ApplyMixed([], pending);
    }
}
