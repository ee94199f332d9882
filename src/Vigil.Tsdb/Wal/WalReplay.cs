using System.Runtime.InteropServices;
using Vigil.Tsdb.Head;
using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// Feeds WAL records back into a head on start-up. With chunks loaded from the head chunk files, a series takes
/// them when its record is replayed, and samples those chunks already hold are skipped.
/// </summary>
internal sealed partial class WalReplay(TsdbHead head, LoadedHeadChunks? loaded = null)
{
    private readonly List<MemSeries> _restored = [];
    private readonly List<WalSample> _decoded = [];
    private readonly List<PendingSample> _pending = [];
    private readonly Dictionary<ulong, MemSeries> _aliases = [];

    /// <summary>Samples whose series record was missing (upstream: prometheus_tsdb_wal_replay_unknown_refs_total).</summary>
    public long UnknownRefs { get; private set; }

    public long Samples { get; private set; }

    /// <summary>Samples skipped because a chunk loaded from the head chunk files holds them.</summary>
    public long SkippedInLoadedChunks { get; private set; }

    /// <summary>Chunks loaded from the head chunk files that a series took.</summary>
    public long ChunksAttached { get; private set; }

    /// <summary>Call once every record was applied: series that took loaded chunks settle their newest sample.</summary>
    public void Finish()
    {
        foreach (var series in _restored)
        {
            TsdbHead.FinishRestore(series);
        }
        _restored.Clear();
    }

    public void Apply(byte[] record)
    {
        switch (WalRecords.TypeOf(record))
        {
            case WalRecordType.Series:
                foreach (var (reference, labels) in WalRecords.DecodeSeries(record))
                {
                    var series = head.Restore(reference, labels);
                    if (series.Ref == reference && loaded?.Take(reference) is { } chunks)
                    {
                        Attach(series, chunks);
                    }
                    else if (series.Ref != reference)
                    {
                        // The same labels logged under two references: samples of both go to one series.
                        _aliases[reference] = series;
                    }
                }
                break;
            case WalRecordType.Samples:
                ApplySamples(record);
                break;
            case WalRecordType.HistogramSamples:
                ApplyHistograms(record);
                break;
            case WalRecordType.Tombstones:
                ApplyTombstones(record);
                break;
            case WalRecordType.Exemplars:
                ApplyExemplars(record);
                break;
            default:
                throw new InvalidDataException($"unknown record type {(record.Length > 0 ? record[0] : -1)}");
        }
    }

    private void Attach(MemSeries series, List<LoadedChunk> chunks)
    {
        var attached = head.AttachLoadedChunks(series, chunks);
        if (attached > 0)
        {
            ChunksAttached += attached;
            _restored.Add(series);
        }
    }

    /// <summary>Stores logged exemplars again; with exemplar storage off (capacity 0) they are read and dropped.</summary>
    private void ApplyExemplars(byte[] record)
    {
        var exemplars = new List<WalExemplar>();
        WalRecords.DecodeExemplars(record, exemplars);
        foreach (var exemplar in exemplars)
        {
            var series = _aliases.GetValueOrDefault(exemplar.Ref) ?? head.GetByRef(exemplar.Ref);
            if (series is null)
            {
                UnknownRefs++;
                continue;
            }
            head.Exemplars.Add(series.Labels, exemplar.ToExemplar());
        }
    }

    private void ApplyTombstones(byte[] record)
    {
        foreach (var (reference, interval) in WalRecords.DecodeTombstones(record))
        {
            var series = _aliases.GetValueOrDefault(reference) ?? head.GetByRef(reference);
            if (series is not null)
            {
                head.Tombstones.Add(series.Ref, interval);
            }
        }
    }

    private void ApplySamples(byte[] record)
    {
        _decoded.Clear();
        _pending.Clear();
        WalRecords.DecodeSamples(record, _decoded);
        // A commit logs a series' samples next to each other: one lookup per run, not per sample.
        MemSeries? series = null;
        var seriesRef = 0UL;
        foreach (var (reference, t, v) in _decoded)
        {
            if (series is null || reference != seriesRef)
            {
                series = _aliases.GetValueOrDefault(reference) ?? head.GetByRef(reference);
                seriesRef = reference;
            }
            if (series is null)
            {
                UnknownRefs++;
                continue;
            }
            if (series.SkipReplayedFloat(t))
            {
                SkippedInLoadedChunks++;
                continue;
            }
            _pending.Add(new PendingSample(series, t, v));
        }
        Samples += _pending.Count;
        head.Apply(CollectionsMarshal.AsSpan(_pending));
    }
}
