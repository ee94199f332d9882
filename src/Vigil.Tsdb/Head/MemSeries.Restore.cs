using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Head;

/// <summary>
/// Start-up from the head chunk files: a series takes the chunks the previous run wrote, and the write-ahead log
/// replay then adds only samples newer than the last loaded chunk of each kind.
/// </summary>
internal sealed partial class MemSeries
{
    private long _loadedFloatMaxTime = long.MinValue;
    private long _loadedHistogramMaxTime = long.MinValue;
    private int _loadedFloatCount;
    private int _floatCursor;

    /// <summary>The newest float sample in a loaded chunk: the replay skips float samples up to it (they are in the chunk).</summary>
    public long LoadedFloatMaxTime => _loadedFloatMaxTime;

    /// <summary>The newest histogram sample in a loaded chunk: the replay skips histogram samples up to it.</summary>
    public long LoadedHistogramMaxTime => _loadedHistogramMaxTime;

    /// <summary>
    /// Attaches chunks loaded from the files, oldest first, before any sample is replayed. A chunk that does not
    /// start after the previous one of its kind ends the run of that kind (the WAL replays what follows). Returns
    /// how many were attached. Caller holds the lock.
    /// </summary>
    public int RestoreChunks(List<LoadedChunk> loaded)
    {
        var attached = 0;
        bool floatsDone = false, histogramsDone = false;
        foreach (var (chunk, encoding) in loaded)
        {
            if (encoding == HeadChunkEncoding.Xor && !floatsDone)
            {
                floatsDone = chunk.MinTime <= _loadedFloatMaxTime;
                if (!floatsDone)
                {
                    AddClosed(chunk);
                    _loadedFloatCount++;
                    _loadedFloatMaxTime = chunk.MaxTime;
                    attached++;
                }
            }
            else if (encoding == HeadChunkEncoding.Histogram && !histogramsDone)
            {
                histogramsDone = chunk.MinTime <= _loadedHistogramMaxTime;
                if (!histogramsDone)
                {
                    (_histograms ??= new HistogramSeries(Ref, chunkFiles)).Restore(chunk);
                    _loadedHistogramMaxTime = chunk.MaxTime;
                    attached++;
                }
            }
        }
        if (_histograms is not null)
        {
            _histograms.SettleLoaded();
            _histograms.LastWasHistogram = _loadedHistogramMaxTime > _loadedFloatMaxTime;
        }
        return attached;
    }

    /// <summary>
    /// Whether the replay skips a float sample of the WAL because a loaded chunk holds it. A sample up to the last
    /// loaded chunk that no loaded chunk covers means the files missed chunks (a segment lost after it was written,
    /// say): the loaded run is then cut before the sample, and it and everything after come from the WAL. The WAL
    /// holds a series' samples in time order, so one cursor walks the chunks. Replay only (single-threaded).
    /// </summary>
    public bool SkipReplayedFloat(long t)
    {
        if (t > _loadedFloatMaxTime)
        {
            return false;
        }
        while (_floatCursor < _loadedFloatCount && _closed[_floatCursor].MaxTime < t)
        {
            _floatCursor++;
        }
        if (_floatCursor < _loadedFloatCount && _closed[_floatCursor].MinTime <= t)
        {
            return true;
        }
        // Nothing after the loaded chunks was replayed yet (its samples are newer than t), so they can go.
        Array.Clear(_closed, _floatCursor, _closedCount - _floatCursor);
        _closedCount = _loadedFloatCount = _floatCursor;
        _loadedFloatMaxTime = _closedCount > 0 ? _closed[_closedCount - 1].MaxTime : long.MinValue;
        return false;
    }

    /// <summary>As <see cref="SkipReplayedFloat"/>, for a histogram sample. Replay only (single-threaded).</summary>
    public bool SkipReplayedHistogram(long t)
    {
        if (t > _loadedHistogramMaxTime)
        {
            return false;
        }
        if (_histograms!.CoversLoaded(t, out var keptMaxTime))
        {
            return true;
        }
        _loadedHistogramMaxTime = keptMaxTime;
        return false;
    }

    /// <summary>
    /// Ends the replay: the newest sample of either kind (loaded or replayed) becomes the one later appends are
    /// checked against, as if every sample had been appended live. Caller holds the lock.
    /// </summary>
    public void FinishRestore()
    {
        var newestFloat = Math.Max(_loadedFloatMaxTime, _open is null ? long.MinValue : MaxTimeOfOpen());
        var newestHistogram = _histograms?.NewestTime ?? long.MinValue;
        MaxTime = Math.Max(newestFloat, newestHistogram);
        if (_open is null && _closedCount > 0)
        {
            _lastValue = LastValue(_closed[_closedCount - 1]);
        }
        if (_histograms is not null)
        {
            _histograms.LastWasHistogram = newestHistogram > newestFloat;
        }
        _loadedFloatMaxTime = long.MinValue;
        _loadedHistogramMaxTime = long.MinValue;
    }

    // The open chunk only ever holds floats newer than every closed float chunk.
    private long MaxTimeOfOpen() => _open!.NumSamples == 0 ? long.MinValue : _open.MaxTime;

    private void AddClosed(ClosedChunk chunk)
    {
        if (_closedCount == _closed.Length)
        {
            Array.Resize(ref _closed, Math.Max(4, _closed.Length * 2));
        }
        _closed[_closedCount++] = chunk;
    }

    private static double LastValue(ClosedChunk chunk)
    {
        byte[]? scratch = null;
        try
        {
            var it = chunk.View().Iterator(ref scratch);
            var value = double.NaN;
            while (it.Next())
            {
                value = it.Current.Value;
            }
            return value;
        }
        finally
        {
            ChunkScratch.Return(ref scratch);
        }
    }
}
