using Microsoft.Extensions.Logging;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Forwarding;
using Vigil.Tsdb;
using Vigil.Tsdb.Compaction;

namespace Vigil.PrometheusHost;

/// <summary>
/// The storage of <c>vigil prometheus</c>: the head and WAL plus the persisted blocks, read as one, with
/// compaction and retention run every minute as upstream does. Appends are acknowledged once in the WAL;
/// a compaction round that fails is logged by the compactor and retried on the next tick.
/// </summary>
public sealed class PrometheusStorage : IStorage, ITsdbAdmin, IDisposable
{
    /// <summary>Upstream runs its compaction/retention loop once a minute.</summary>
    private static readonly TimeSpan CompactionPeriod = TimeSpan.FromMinutes(1);

    private readonly TsdbStorage _tsdb;
    private readonly PersistentDatabase _database;
    private readonly ITimer _timer;
    private readonly ILogger _logger;
    private readonly Lock _compacting = new();

    private PrometheusStorage(TsdbStorage tsdb, PersistentDatabase database, TimeProvider time, ILogger logger)
    {
        _tsdb = tsdb;
        _database = database;
        _logger = logger;
        _timer = time.CreateTimer(_ => CompactOnce(), null, CompactionPeriod, CompactionPeriod);
    }

    /// <summary>Opens (and recovers) the database in <paramref name="options"/>' path.</summary>
    public static PrometheusStorage Open(TsdbOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var tsdb = TsdbStorage.Open(options, time, loggers);
        try
        {
            return new PrometheusStorage(tsdb, PersistentDatabase.Open(tsdb, loggers), time, loggers.CreateLogger("Vigil.Tsdb"));
        }
        catch
        {
            tsdb.Dispose();
            throw;
        }
    }

    /// <summary>Runs one compaction and retention round now; rounds never overlap.</summary>
    public void CompactOnce()
    {
        if (!_compacting.TryEnter())
        {
            return;
        }
        try
        {
            _database.RunOnce();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The compactor deletes nothing before a new block is durable, so a failed round only delays.
            _logger.LogError(e, "compaction failed; retrying in {Period}", CompactionPeriod);
        }
        finally
        {
            _compacting.Exit();
        }
    }

    /// <summary>Where committed samples are copied (remote write); null or inactive when nothing listens.</summary>
    public ICommitForwarder? Forwarder { get; set; }

    /// <inheritdoc />
    public IAppender Appender()
    {
        var appender = _database.Storage.Appender();
        return Forwarder is { Active: true } forwarder ? new ForwardingAppender(appender, forwarder) : appender;
    }

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _database.Storage.Select(mint, maxt, matchers);

    /// <inheritdoc />
    public bool MayHoldHistograms => _database.Storage.MayHoldHistograms;

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _database.Storage.LabelNames(mint, maxt, matchers);

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        _database.Storage.LabelValues(name, mint, maxt, matchers);

    /// <summary>The head's exemplars (capacity 0 without <c>exemplar-storage</c>), for <c>/api/v1/query_exemplars</c>.</summary>
    public Vigil.Tsdb.Exemplars.CircularExemplarStore Exemplars => _tsdb.Head.Exemplars;

    /// <summary>The first timestamp of the oldest persisted block; null before the first block is cut.</summary>
    public long? OldestBlockTime => _database.Blocks.Blocks.Count == 0 ? null : _database.Blocks.Blocks.Min(b => b.Meta.MinTime);

    /// <summary>Cardinality of the head, the top <paramref name="limit"/> of each ranking (<c>/api/v1/status/tsdb</c>).</summary>
    public HeadStatistics Statistics(int limit) => _tsdb.Head.Statistics("__name__", limit);

    /// <summary>The segments start-up replayed (<c>/api/v1/status/walreplay</c>).</summary>
    public WalReplayStatus WalReplay => _tsdb.WalReplay;

    /// <inheritdoc />
    public void DeleteSeries(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _database.Delete(mint, maxt, matchers);

    /// <inheritdoc />
    public void CleanTombstones() => _database.CleanTombstones();

    /// <inheritdoc />
    public void Snapshot(string name, bool withHead) => _database.Snapshot(Path.Combine(_tsdb.Options.Path, "snapshots", name), withHead);

    /// <summary>Stops compaction, then closes the blocks, the head and the WAL.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_compacting)
        {
            _database.Dispose();
            _tsdb.Dispose();
        }
    }
}
