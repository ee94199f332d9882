using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Exemplars;
using Vigil.Tsdb.Head.ChunkFiles;

namespace Vigil.Tsdb.Head;

/// <summary>
/// The in-memory head block: recent samples of every active series in compressed chunks, an
/// inverted index for matchers, and appenders whose commits become visible to queries all at once.
/// </summary>
/// <remarks>
/// Locks, always taken in this order: the index lock (series creation, selection), the commit gate
/// (commits share it; a query takes it exclusively only while it snapshots the selected series, so
/// it sees each commit entirely or not at all), then a single series' lock.
/// </remarks>
public sealed partial class TsdbHead : IStorage, IDisposable
{
    private readonly LabelIndex _index = new();
    private readonly ReaderWriterLockSlim _indexLock = new(LockRecursionPolicy.NoRecursion);
    private readonly ReaderWriterLockSlim _commitGate = new(LockRecursionPolicy.NoRecursion);
    private readonly SeriesStore _series = new();
    private readonly HeadChunkFiles? _chunkFiles;
    private long _lastRef;
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;
    private long _minValidTime = long.MinValue;

    /// <summary>Creates an empty head that keeps every chunk in memory.</summary>
    public TsdbHead()
        : this(null)
    {
    }

    /// <summary>Creates an empty head whose closed chunks go to <paramref name="chunkFiles"/> (owned and disposed by the head).</summary>
    internal TsdbHead(HeadChunkFiles? chunkFiles, string meterName = HeadMetrics.MeterName)
    {
        _chunkFiles = chunkFiles;
        Metrics = new HeadMetrics(this, meterName);
        ExemplarMetrics.Register(Metrics.Meter, Exemplars);
    }

    /// <summary>
    /// The head's exemplars. Empty with capacity 0 (upstream's state without <c>exemplar-storage</c>) until it is
    /// resized to <c>storage.exemplars.max_exemplars</c>.
    /// </summary>
    public CircularExemplarStore Exemplars { get; } = new(0);

    /// <summary>
    /// The meter of <see cref="ForScratch"/> heads. It is outside the <c>Vigil</c> prefix the servers export, so
    /// scratch data never shows in <c>/metrics</c> (the real head's series and sample counters stay exact).
    /// </summary>
    public const string ScratchMeterName = "Scratch.Tsdb";

    /// <summary>An empty in-memory head for throwaway data (the query warm-up's), its metrics on <see cref="ScratchMeterName"/>.</summary>
    public static TsdbHead ForScratch() => new(null, ScratchMeterName);

    /// <summary>The head chunk files, when the head has a directory.</summary>
    internal HeadChunkFiles? ChunkFiles => _chunkFiles;

    /// <summary>The oldest sample's timestamp (<see cref="long.MaxValue"/> while empty).</summary>
    public long MinTime => Interlocked.Read(ref _minTime);

    /// <summary>The newest sample's timestamp (<see cref="long.MinValue"/> while empty).</summary>
    public long MaxTime => Interlocked.Read(ref _maxTime);

    /// <summary>
    /// No sample older than this is accepted (upstream sets it to the newest persisted block's end, so
    /// blocks never overlap). Only ever raised.
    /// </summary>
    public long MinValidTime
    {
        get => Interlocked.Read(ref _minValidTime);
        set => InterlockedMax(ref _minValidTime, value);
    }

    /// <summary>How many series the head holds.</summary>
    public int SeriesCount
    {
        get
        {
            _indexLock.EnterReadLock();
            try
            {
                return _index.SeriesCount;
            }
            finally
            {
                _indexLock.ExitReadLock();
            }
        }
    }

    internal HeadMetrics Metrics { get; }

    /// <summary>Appenders' per-series maps, kept between commits.</summary>
    internal SeriesIndexPool IndexPool { get; } = new();

    /// <summary>Where commits are made durable first; null keeps the head memory-only.</summary>
    internal IHeadLog? Log { get; set; }

    /// <inheritdoc />
    public IAppender Appender() => new HeadAppender(this, AppendableMinValidTime());

    /// <inheritdoc />
    public void Dispose()
    {
        Metrics.Dispose();
        _chunkFiles?.Dispose();
        _indexLock.Dispose();
        _commitGate.Dispose();
    }

    /// <summary>
    /// The oldest timestamp an appender accepts: half a chunk range behind the newest sample (that
    /// older part is what gets persisted next, so it must stop changing) and never before
    /// <see cref="MinValidTime"/>.
    /// </summary>
    internal long AppendableMinValidTime()
    {
        var max = MaxTime;
        var window = max == long.MinValue ? long.MinValue : max - (MemSeries.ChunkRange / 2);
        return Math.Max(window, MinValidTime);
    }

    /// <summary>The series for <paramref name="labels"/>, created (and indexed) when new.</summary>
    internal MemSeries GetOrCreate(LabelSet labels)
    {
        var existing = _series.Get(labels);
        if (existing is not null)
        {
            return existing;
        }
        _indexLock.EnterWriteLock();
        try
        {
            existing = _series.Get(labels);
            if (existing is not null)
            {
                return existing;
            }
            var reference = (ulong)Interlocked.Increment(ref _lastRef);
            return AddSeries(reference, labels);
        }
        finally
        {
            _indexLock.ExitWriteLock();
        }
    }

    /// <summary>Recreates a series under a known reference (write-ahead log replay).</summary>
    internal MemSeries Restore(ulong reference, LabelSet labels)
    {
        _indexLock.EnterWriteLock();
        try
        {
            var existing = _series.Get(labels) ?? _series.Get(reference);
            if (existing is not null)
            {
                return existing;
            }
            InterlockedMax(ref _lastRef, (long)reference);
            var series = AddSeries(reference, labels);
            series.Logged = true;
            return series;
        }
        finally
        {
            _indexLock.ExitWriteLock();
        }
    }

    internal MemSeries? GetByRef(ulong reference) => _series.Get(reference);

    /// <summary>The series with exactly <paramref name="labels"/>, or null when the head has none.</summary>
    internal MemSeries? GetByLabels(LabelSet labels) => _series.Get(labels);

    /// <summary>
    /// Makes buffered samples visible together. A sample another appender overtook since it was
    /// buffered is dropped and counted as out of order, as upstream does at commit.
    /// </summary>
    internal void Apply(ReadOnlySpan<PendingSample> samples)
    {
        long min = long.MaxValue, max = long.MinValue, appended;
        _commitGate.EnterReadLock();
        try
        {
            appended = ApplyFloats(samples, ref min, ref max);
        }
        finally
        {
            _commitGate.ExitReadLock();
        }
        PublishAppended(appended, min, max);
    }

    // Widens the head's time range and counts what a commit made visible.
    private void PublishAppended(long appended, long min, long max)
    {
        if (appended > 0)
        {
            InterlockedMin(ref _minTime, min);
            InterlockedMax(ref _maxTime, max);
            Metrics.SamplesAppended.Add(appended);
        }
    }

    private long ApplyRun(MemSeries series, ReadOnlySpan<PendingSample> run, ref long min, ref long max)
    {
        long appended = 0;
        lock (series)
        {
            foreach (var (_, t, v) in run)
            {
                var status = series.Check(t, v);
                if (status != AppendStatus.Ok)
                {
                    Metrics.Refused(status);
                    continue;
                }
                if (series.Append(t, v))
                {
                    appended++;
                    min = Math.Min(min, t);
                    max = Math.Max(max, t);
                }
            }
        }
        return appended;
    }

    private MemSeries AddSeries(ulong reference, LabelSet labels)
    {
        var series = new MemSeries(reference, _index.Add(reference, labels), _chunkFiles) { Head = this };
        _series.Add(series);
        Metrics.SeriesCreated.Add(1);
        return series;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    private static void InterlockedMin(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
