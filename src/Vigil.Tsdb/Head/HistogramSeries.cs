using Vigil.Model.Histograms;
using Vigil.Tsdb.Chunks;
using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Head;

/// <summary>
/// The native histogram side of a <see cref="MemSeries"/>, created with its first histogram sample so float-only
/// series pay one null reference. Closed histogram chunks go to the head chunk files like float chunks (when the head
/// has them). Guarded by the owning series' lock.
/// </summary>
internal sealed class HistogramSeries(ulong seriesRef, HeadChunkFiles? chunkFiles)
{
    /// <summary>A histogram chunk is also cut at this size: wide histograms make big samples.</summary>
    private const int MaxChunkBytes = 4096;

    private readonly List<ClosedChunk> _closed = [];
    private HistogramChunk? _open;
    private long _openEnd;
    private int _loadedCount;
    private int _cursor;

    /// <summary>The newest histogram appended, as written (for duplicate checks and reset detection).</summary>
    public FloatHistogram? Last { get; private set; }

    /// <summary>Whether the series' newest sample is a histogram (a float sample since clears it).</summary>
    public bool LastWasHistogram { get; set; }

    public bool HasSamples => _open is not null || _closed.Count > 0;

    public long MinTime => _closed.Count > 0 ? _closed[0].MinTime : _open?.MinTime ?? long.MaxValue;

    public int ChunkCount => _closed.Count + (_open is null ? 0 : 1);

    /// <summary>The first timestamp of the chunk being appended to; null when there is none.</summary>
    public long? OpenMinTime => _open?.MinTime;

    /// <summary>
    /// The hint a reader gets back for <paramref name="h"/>, decided now as today's upstream reads its chunks back: a
    /// gauge stays a gauge; a histogram that continues the previous one (no reset, by its own hint or by comparison) is
    /// not_reset; anything that would start a new upstream chunk is unknown: the first of a run (the series' first, the
    /// first after a float sample such as a staleness marker, or after a gauge) and a counter reset, because upstream
    /// cannot be sure the chunk before still exists and leaves the reset for readers to detect.
    /// </summary>
    public CounterResetHint ReadHint(FloatHistogram h)
    {
        if (h.Hint == CounterResetHint.Gauge)
        {
            return CounterResetHint.Gauge;
        }
        if (!LastWasHistogram || Last is null || Last.Hint == CounterResetHint.Gauge)
        {
            return CounterResetHint.Unknown;
        }
        return h.IsResetAfter(Last) ? CounterResetHint.Unknown : CounterResetHint.NotReset;
    }

    public void Append(long t, FloatHistogram h)
    {
        var stored = h.WithHint(ReadHint(h));
        if (_open is null || _open.NumSamples >= MemSeries.SamplesPerChunk || _open.Size >= MaxChunkBytes || t >= _openEnd)
        {
            if (_open is not null)
            {
                _closed.Add(Close(_open));
            }
            _open = new HistogramChunk();
            _openEnd = (Math.DivRem(t, MemSeries.ChunkRange, out var rem) + (rem < 0 ? 0 : 1)) * MemSeries.ChunkRange;
        }
        _open.Append(t, stored);
        Last = h;
        LastWasHistogram = true;
    }

    /// <summary>The chunks overlapping [mint, maxt], each as bytes plus a sample count, for a later decode.</summary>
    public HistogramChunkView[] Snapshot(long mint, long maxt)
    {
        var views = new List<HistogramChunkView>();
        foreach (var chunk in _closed)
        {
            if (chunk.MinTime <= maxt && chunk.MaxTime >= mint)
            {
                views.Add(chunk.HistogramView());
            }
        }
        if (_open is not null)
        {
            Add(views, _open, mint, maxt);
        }
        return [.. views];
    }

    /// <summary>The newest histogram sample's timestamp (<see cref="long.MinValue"/> when none).</summary>
    public long NewestTime => _open?.MaxTime ?? (_closed.Count > 0 ? _closed[^1].MaxTime : long.MinValue);

    /// <summary>
    /// Takes a chunk loaded from the head chunk files at start (newer than any before it); <see cref="SettleLoaded"/>
    /// then finds the last histogram, which the write-ahead log replay continues from.
    /// </summary>
    public void Restore(ClosedChunk chunk)
    {
        _closed.Add(chunk);
        _loadedCount++;
    }

    /// <summary>Decodes the newest loaded histogram (only the last chunk's, once all are attached).</summary>
    public void SettleLoaded()
    {
        if (_loadedCount > 0)
        {
            Last = LastOf(_closed[_loadedCount - 1]);
        }
    }

    /// <summary>
    /// Whether a loaded chunk holds a replayed sample at <paramref name="t"/> (not after the last loaded chunk); when
    /// none does, the loaded chunks from there on are dropped (see <see cref="MemSeries.SkipReplayedHistogram"/>) and
    /// <paramref name="keptMaxTime"/> is the newest loaded time left.
    /// </summary>
    public bool CoversLoaded(long t, out long keptMaxTime)
    {
        while (_cursor < _loadedCount && _closed[_cursor].MaxTime < t)
        {
            _cursor++;
        }
        keptMaxTime = long.MinValue;
        if (_cursor < _loadedCount && _closed[_cursor].MinTime <= t)
        {
            return true;
        }
        _closed.RemoveRange(_cursor, _closed.Count - _cursor);
        _loadedCount = _cursor;
        Last = _loadedCount > 0 ? LastOf(_closed[^1]) : null;
        keptMaxTime = _loadedCount > 0 ? _closed[^1].MaxTime : long.MinValue;
        return false;
    }

    private static FloatHistogram? LastOf(ClosedChunk chunk)
    {
        var view = chunk.HistogramView();
        var samples = new List<Storage.HistogramSample>();
        HistogramChunk.Decode(view.Bytes, view.Count, long.MinValue, long.MaxValue, samples);
        return samples.Count > 0 ? samples[^1].Histogram : null;
    }

    // As for floats: to the files only while every older closed chunk is there, so the files hold an unbroken run.
    private ClosedChunk Close(HistogramChunk chunk)
    {
        var chainIntact = _closed.Count == 0 || _closed[^1].IsInFile;
        return chunkFiles is not null && chainIntact && chunkFiles.TryWrite(seriesRef, chunk, out var written)
            ? written
            : new ClosedChunk(chunk);
    }

    /// <summary>Drops chunks entirely before <paramref name="mint"/>.</summary>
    public void TruncateBefore(long mint)
    {
        _closed.RemoveAll(c => c.MaxTime < mint);
        if (_closed.Count == 0 && _open is not null && _open.MaxTime < mint)
        {
            _open = null;
        }
    }

    private static void Add(List<HistogramChunkView> views, HistogramChunk chunk, long mint, long maxt)
    {
        if (chunk.MinTime <= maxt && chunk.MaxTime >= mint)
        {
            var (bytes, count) = chunk.Snapshot();
            views.Add(new HistogramChunkView(bytes, count, chunk.MinTime, chunk.MaxTime));
        }
    }
}

/// <summary>A histogram chunk as a query saw it: its bytes and how many samples it had then.</summary>
internal readonly record struct HistogramChunkView(byte[] Bytes, int Count, long MinTime, long MaxTime);
