using Vigil.Model.Labels;
using Vigil.Tsdb.Chunks;
using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Head;

/// <summary>
/// One series in the head: its labels, closed (full) chunks and the open chunk being appended to.
/// Kept deliberately small (no per-sample objects, no list wrappers): memory per active series is a
/// design goal. All mutable state is guarded by locking the series itself. With
/// <paramref name="chunkFiles"/>, closed chunks go to the head chunk files and only their location stays here.
/// </summary>
internal sealed partial class MemSeries(ulong reference, LabelSet labels, HeadChunkFiles? chunkFiles = null)
{
    /// <summary>Samples per chunk before a new one is cut, as upstream (good compression, cheap seeks).</summary>
    public const int SamplesPerChunk = 120;

    /// <summary>Chunks never span this boundary (upstream's 2h block range) so blocks can take whole chunks.</summary>
    public const long ChunkRange = 2 * 60 * 60 * 1000;

    /// <summary>A series' first chunk starts small: its compression is not known yet.</summary>
    private const int FirstChunkBytes = 64;

    private ClosedChunk[] _closed = [];
    private int _closedCount;
    private XorChunk? _open;
    private long _openEnd;
    private double _lastValue;
    private int _pendingAppenders;
    private bool _openShared;
    private HistogramSeries? _histograms;

    public ulong Ref { get; } = reference;

    /// <summary>Whether the write-ahead log already holds this series' record (set under the log's lock).</summary>
    public bool Logged { get; set; }

    public LabelSet Labels { get; } = labels;

    /// <summary>The head holding the series, so a <see cref="Storage.SeriesRef"/> from another head is not taken for one of ours.</summary>
    public TsdbHead? Head { get; init; }

    /// <summary>The newest sample's timestamp; only meaningful when <see cref="HasSamples"/>.</summary>
    public long MaxTime { get; private set; } = long.MinValue;

    /// <summary>Set (under the series lock) once truncation dropped the series; appenders must then look it up again.</summary>
    public bool Removed { get; set; }

    public bool HasSamples => _open is not null || _closedCount > 0 || _histograms?.HasSamples == true;

    /// <summary>Chunks held, closed and open. Caller holds the lock.</summary>
    public int ChunkCount => _closedCount + (_open is null ? 0 : 1) + (_histograms?.ChunkCount ?? 0);

    /// <summary>Whether an appender holds buffered samples for this series (so truncation keeps it).</summary>
    public bool IsPending => Volatile.Read(ref _pendingAppenders) > 0;

    public void AddPending() => Interlocked.Increment(ref _pendingAppenders);

    public void RemovePending() => Interlocked.Decrement(ref _pendingAppenders);

    /// <summary>Checks a sample against the newest stored one without storing it. Caller holds the lock.</summary>
    public Storage.AppendStatus Check(long t, double v)
    {
        if (!HasSamples || t > MaxTime)
        {
            return Storage.AppendStatus.Ok;
        }
        if (t < MaxTime)
        {
            return Storage.AppendStatus.OutOfOrder;
        }
        // A float at the time of the newest histogram is a different value, as upstream sees it.
        return BitConverter.DoubleToUInt64Bits(v) == BitConverter.DoubleToUInt64Bits(_lastValue) && _histograms?.LastWasHistogram != true
            ? Storage.AppendStatus.Ok
            : Storage.AppendStatus.DuplicateTimestamp;
    }

    /// <summary>
    /// Stores a sample that <see cref="Check"/> accepted; a repeat of the newest sample is ignored.
    /// Returns whether a sample was added. Caller holds the lock.
    /// </summary>
    public bool Append(long t, double v)
    {
        if (HasSamples && t <= MaxTime)
        {
            return false;
        }
        if (_open is null || _open.NumSamples >= SamplesPerChunk || t >= _openEnd)
        {
            CutChunk(t);
        }
        _open!.Append(t, v);
        MaxTime = t;
        _lastValue = v;
        if (_histograms is not null && t > _loadedHistogramMaxTime)
        {
            // A float replayed from the WAL that is older than a histogram chunk loaded from the files is not the newest sample.
            _histograms.LastWasHistogram = false;
        }
        return true;
    }

    /// <summary>The chunks overlapping [mint, maxt] as an immutable view for a query. Caller holds the lock.</summary>
    public ChunkView[] Snapshot(long mint, long maxt)
    {
        var count = 0;
        for (var i = 0; i < _closedCount; i++)
        {
            count += Overlaps(_closed[i].MinTime, _closed[i].MaxTime, mint, maxt) ? 1 : 0;
        }
        var openOverlaps = _open is not null && Overlaps(_open.MinTime, MaxTime, mint, maxt);
        if (count == 0 && !openOverlaps)
        {
            return [];
        }
        var views = new ChunkView[count + (openOverlaps ? 1 : 0)];
        var n = 0;
        for (var i = 0; i < _closedCount; i++)
        {
            var c = _closed[i];
            if (Overlaps(c.MinTime, c.MaxTime, mint, maxt))
            {
                views[n++] = c.View();
            }
        }
        if (openOverlaps)
        {
            views[n] = new ChunkView(_open!, _open!.NumSamples, _open.MinTime, MaxTime);
            _openShared = true;
        }
        return views;
    }

    /// <summary>
    /// Whether the chunk being appended to (the newer of the float and histogram ones) overlaps [mint, maxt]: as
    /// upstream's head sees it, that chunk has no end yet, so deletions never cover it whole. Caller holds the lock.
    /// </summary>
    public bool OpenChunkOverlaps(long mint, long maxt)
    {
        var openMin = Math.Max(_open?.MinTime ?? long.MinValue, _histograms?.OpenMinTime ?? long.MinValue);
        return openMin != long.MinValue && openMin <= maxt && MaxTime >= mint;
    }

    /// <summary>Whether any stored sample may fall in [mint, maxt]. Caller holds the lock.</summary>
    public bool Overlaps(long mint, long maxt) => HasSamples && MinTime <= maxt && MaxTime >= mint;

    /// <summary>The oldest sample's timestamp; only meaningful when <see cref="HasSamples"/>.</summary>
    public long MinTime => Math.Min(_closedCount > 0 ? _closed[0].MinTime : _open?.MinTime ?? long.MaxValue, _histograms?.MinTime ?? long.MaxValue);

    /// <summary>
    /// Drops chunks whose samples are all older than <paramref name="mint"/>; returns whether the series
    /// is now empty. Caller holds the lock.
    /// </summary>
    public bool TruncateBefore(long mint)
    {
        var drop = 0;
        while (drop < _closedCount && _closed[drop].MaxTime < mint)
        {
            drop++;
        }
        if (drop > 0)
        {
            Array.Copy(_closed, drop, _closed, 0, _closedCount - drop);
            Array.Clear(_closed, _closedCount - drop, drop);
            _closedCount -= drop;
        }
        _histograms?.TruncateBefore(mint);
        if (_closedCount == 0 && _open is not null && (_histograms is null ? MaxTime : _open.MaxTime) < mint)
        {
            // Keep MaxTime and the last value: ordering checks still apply to later appends.
            _open = null;
        }
        return !HasSamples;
    }

    private void CutChunk(long t)
    {
        var capacity = FirstChunkBytes;
        var reuse = false;
        if (_open is not null)
        {
            // The next chunk most likely compresses like this one: start it at this one's size plus an eighth, so
            // it rarely grows. A closed chunk keeps up to that much spare room rather than being copied: by now
            // its buffer has usually survived into the oldest generation, where a copy leaves the old buffer as
            // garbage that only a full collection reclaims (measured: more heap growth than the bytes saved).
            var slack = (_open.Size >> 3) + 16;
            capacity = _open.Size + slack;
            var closed = Close(_open, slack);
            AddClosed(closed);
            // Once a full chunk's bytes are in the chunk files its buffer can take the next chunk, unless a query
            // snapshotted it: that query reads the buffer later. Reuse spares one gen-2 garbage buffer per cut.
            reuse = closed.IsInFile && !_openShared;
        }
        if (reuse)
        {
            _open!.Reset();
        }
        else
        {
            _open = new XorChunk(capacity, SamplesPerChunk);
        }
        _openShared = false;
        _openEnd = (Math.DivRem(t, ChunkRange, out var rem) + (rem < 0 ? 0 : 1)) * ChunkRange;
    }

    /// <summary>
    /// A full chunk goes to the chunk files when the head has them and the write succeeds; otherwise it stays
    /// in memory, trimmed (a failing disk costs memory, never samples: the WAL has them anyway).
    /// </summary>
    private ClosedChunk Close(XorChunk chunk, int slack)
    {
        // Only while every older closed chunk is in the files: start-up trusts them as an unbroken run of the series'
        // oldest chunks and replays only newer samples from the WAL, so a chunk kept in memory must not be skipped over.
        var chainIntact = _closedCount == 0 || _closed[_closedCount - 1].IsInFile;
        if (chunkFiles is not null && chainIntact && chunkFiles.TryWrite(Ref, chunk, out var written))
        {
            return written;
        }
        chunk.Trim(slack);
        return new ClosedChunk(chunk);
    }

    private static bool Overlaps(long min, long max, long mint, long maxt) => min <= maxt && max >= mint;
}
