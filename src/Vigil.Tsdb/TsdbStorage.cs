using Microsoft.Extensions.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;
using Vigil.Tsdb.Head.ChunkFiles;
using Vigil.Tsdb.Wal;

namespace Vigil.Tsdb;

/// <summary>
/// The time-series database: the in-memory head made durable by the write-ahead log. A commit on
/// one of its appenders returns once the samples are on disk; opening replays the log.
/// </summary>
public sealed partial class TsdbStorage : IStorage, IDisposable
{
    private readonly ILogger _logger;

    private TsdbStorage(TsdbOptions options, TimeProvider time, ILogger logger, TsdbHead head, WriteAheadLog wal)
    {
        Options = options;
        Time = time;
        _logger = logger;
        Head = head;
        Wal = wal;
    }

    /// <summary>The options it was opened with.</summary>
    public TsdbOptions Options { get; }

    /// <summary>The clock retention and compaction use.</summary>
    public TimeProvider Time { get; }

    /// <summary>The in-memory head holding the newest samples.</summary>
    public TsdbHead Head { get; }

    /// <summary>The write-ahead log behind the head.</summary>
    public WriteAheadLog Wal { get; }

    /// <summary>
    /// The segments start-up replayed (<c>/api/v1/status/walreplay</c>): from the first on disk to the
    /// one opened for writing, as upstream counts them; replay is over before this object exists.
    /// </summary>
    public WalReplayStatus WalReplay { get; private init; }

    /// <summary>
    /// Opens (creating when missing) the database in <see cref="TsdbOptions.Path"/>: loads the chunks of the head
    /// chunk files, then replays the WAL into the head, skipping samples those chunks hold. A damaged WAL tail or
    /// chunk file is cut off with a warning; start-up goes on.
    /// </summary>
    public static TsdbStorage Open(TsdbOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OutOfOrderTimeWindow != TimeSpan.Zero)
        {
            throw new ArgumentException("out-of-order ingestion is not supported; set OutOfOrderTimeWindow to 0", nameof(options));
        }
        var logger = loggerFactory.CreateLogger("Vigil.Tsdb");
        Directory.CreateDirectory(options.Path);
        var started = time.GetTimestamp();
        var chunkFiles = HeadChunkFiles.Open(System.IO.Path.Combine(options.Path, HeadChunkFiles.FolderName), options.HeadChunkSegmentSize, logger, time, out var loaded);
        var head = new TsdbHead(chunkFiles);
        // Sized before replay, so the logged exemplars have room to come back.
        head.Exemplars.Resize(options.MaxExemplars);
        var replay = new WalReplay(head, loaded);
        var walPath = System.IO.Path.Combine(options.Path, "wal");
        var onDisk = Directory.Exists(walPath) ? SegmentFiles.Segments(walPath) : [];
        var wal = WriteAheadLog.Open(walPath, logger, replay.Apply, options.WalSegmentSize);
        replay.Finish();
        head.Log = new WalHeadLog(wal);
        LogChunksLoaded(logger, replay.ChunksAttached, loaded.ChunkCount, replay.SkippedInLoadedChunks, loaded.FilesDeleted);
        LogReplayed(logger, replay.Samples, head.SeriesCount, replay.UnknownRefs, time.GetElapsedTime(started).TotalMilliseconds);
        var first = onDisk.Count > 0 ? Math.Min(onDisk.Min(), wal.CurrentSegment) : wal.CurrentSegment;
        return new TsdbStorage(options, time, logger, head, wal) { WalReplay = new WalReplayStatus(first, wal.CurrentSegment, wal.CurrentSegment) };
    }

    /// <inheritdoc />
    public IAppender Appender() => Head.Appender();

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) => Head.Select(mint, maxt, matchers);

    /// <inheritdoc />
    public bool MayHoldHistograms => Head.MayHoldHistograms;

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) => Head.LabelNames(mint, maxt, matchers);

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        Head.LabelValues(name, mint, maxt, matchers);

    /// <summary>
    /// Call once everything older than <paramref name="mint"/> is persisted in a block: drops it from
    /// the head, refuses new samples older than it, and checkpoints the WAL (<see cref="TruncateWal"/>).
    /// </summary>
    public void TruncateHead(long mint)
    {
        Head.MinValidTime = mint;
        Head.Truncate(mint);
        TruncateWal(mint);
    }

    /// <summary>
    /// Folds the WAL written so far into a checkpoint that keeps only series still in the head and
    /// samples at or after <paramref name="mint"/>, then deletes the segments it replaces. Call after
    /// the head itself was truncated (the compactor's log hook).
    /// </summary>
    public void TruncateWal(long mint)
    {
        var through = Wal.Rotate() - 1;
        Wal.Checkpoint(through, record => KeepInCheckpoint(record, mint));
        LogCheckpoint(_logger, through, mint);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Wal.Dispose();
        Head.Dispose();
    }

    private byte[]? KeepInCheckpoint(byte[] record, long mint)
    {
        switch (WalRecords.TypeOf(record))
        {
            case WalRecordType.Series:
                var live = WalRecords.DecodeSeries(record).FindAll(s => Head.GetByRef(s.Ref) is not null);
                return live.Count == 0 ? null : WalRecords.EncodeSeries(live);
            case WalRecordType.Samples:
                var samples = new List<WalSample>();
                WalRecords.DecodeSamples(record, samples);
                var kept = samples.FindAll(s => s.Timestamp >= mint && Head.GetByRef(s.Ref) is not null);
                return kept.Count == 0 ? null : WalRecords.EncodeSamples(kept);
            case WalRecordType.HistogramSamples:
                var histograms = new List<WalHistogram>();
                WalHistograms.Decode(record, histograms);
                var keptHistograms = histograms.FindAll(s => s.Timestamp >= mint && Head.GetByRef(s.Ref) is not null);
                return keptHistograms.Count == 0 ? null : WalHistograms.Encode(keptHistograms);
            case WalRecordType.Exemplars:
                var exemplars = new List<WalExemplar>();
                WalRecords.DecodeExemplars(record, exemplars);
                var keptExemplars = exemplars.FindAll(e => e.Timestamp >= mint && Head.GetByRef(e.Ref) is not null);
                return keptExemplars.Count == 0 ? null : WalRecords.EncodeExemplars(keptExemplars);
            case WalRecordType.Tombstones:
                // Kept whole for live series: a truncated head may still hold samples before mint in a kept chunk.
                var stones = WalRecords.DecodeTombstones(record).FindAll(s => Head.GetByRef(s.Ref) is not null);
                return stones.Count == 0 ? null : WalRecords.EncodeTombstones(stones);
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WAL replayed: {Samples} samples into {Series} series ({UnknownRefs} samples of unknown series skipped) in {Milliseconds} ms")]
    private static partial void LogReplayed(ILogger logger, long samples, int series, long unknownRefs, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Head chunk files: {Attached} of {Loaded} chunks taken by their series, {Skipped} WAL samples they hold not replayed, {Deleted} files deleted")]
    private static partial void LogChunksLoaded(ILogger logger, long attached, int loaded, long skipped, int deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "WAL checkpoint through segment {Segment} keeps samples from {Mint}")]
    private static partial void LogCheckpoint(ILogger logger, int segment, long mint);
}
