using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Blocks;

namespace Vigil.PrometheusHost.RemoteRead;

/// <summary>
/// The <c>remote_read</c> side of <c>vigil prometheus</c>: holds one <see cref="RemoteReadEndpoint"/> per
/// configured entry (replaced on reload) and gives queries a view of the local storage merged with them.
/// </summary>
public sealed class RemoteReadManager : IDisposable
{
    /// <summary>
    /// Upstream adds twice the minimum block duration (2h) to the local start time, as data takes a while to
    /// reach the first block; reads of the last hours before it still go to the remote.
    /// </summary>
    public static readonly TimeSpan StartTimeMargin = TimeSpan.FromHours(4);

    private readonly Func<RemoteReadConfig, HttpClient> _clients;
    private readonly Func<long?> _oldestLocalTime;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile RemoteReadEndpoint[] _endpoints = [];

    /// <summary>
    /// Creates a manager with no endpoints. <paramref name="clients"/> builds each entry's HTTP client;
    /// <paramref name="oldestLocalTime"/> gives the first timestamp of the oldest persisted block (null with none).
    /// </summary>
    public RemoteReadManager(Func<RemoteReadConfig, HttpClient> clients, Func<long?> oldestLocalTime, TimeProvider time, ILogger logger)
    {
        _clients = clients;
        _oldestLocalTime = oldestLocalTime;
        _time = time;
        _logger = logger;
    }

    /// <summary>The client metrics of every endpoint.</summary>
    public RemoteReadClientMetrics Metrics { get; } = new();

    /// <summary>Whether any endpoint is configured.</summary>
    public bool Active => _endpoints.Length > 0;

    /// <summary>Replaces the endpoints with <paramref name="configs"/> (start and every reload).</summary>
    public void Apply(IReadOnlyList<RemoteReadConfig> configs, LabelSet externalLabels)
    {
        _endpoints = [.. configs.Select(c => Start(c, externalLabels))];
    }

    private RemoteReadEndpoint Start(RemoteReadConfig config, LabelSet externalLabels)
    {
        var redacted = PrometheusHost.RemoteWrite.RemoteWriteClient.Redact(new Uri(config.Url));
        var client = new RemoteReadClient(_clients(config), config, _time, Metrics.For(config.Name, redacted));
        _logger.Info("Using remote read endpoint", ("remote_name", config.Name), ("url", client.RedactedUrl), ("read_recent", config.ReadRecent));
        return new RemoteReadEndpoint(config, client, config.FilterExternalLabels ? externalLabels : LabelSet.Empty, LocalStartTime);
    }

    /// <summary>Upstream's local start time: the oldest block's first timestamp (now without blocks) plus the margin.</summary>
    public long LocalStartTime() =>
        (_oldestLocalTime() ?? _time.GetUtcNow().ToUnixTimeMilliseconds()) + (long)StartTimeMargin.TotalMilliseconds;

    /// <summary>
    /// <paramref name="local"/> merged with the remote endpoints, for one query or API call; remote failures are
    /// added to <paramref name="warnings"/>. Without endpoints this is <paramref name="local"/> itself.
    /// </summary>
    /// <remarks>
    /// The view lives for one query: <paramref name="cancellation"/> (the query's deadline or cancellation) bounds
    /// every remote read it makes, and an endpoint that fails once is not asked again by the same view.
    /// </remarks>
    public IStorage View(IStorage local, ICollection<string> warnings, CancellationToken cancellation = default)
    {
        var endpoints = _endpoints;
        return endpoints.Length == 0 ? local : new MergedView(local, new RemoteSource(endpoints, warnings, cancellation));
    }

    /// <inheritdoc />
    public void Dispose() => Metrics.Dispose();

    /// <summary>The local storage first (its sample wins a shared timestamp, as the primary does upstream), then the remotes.</summary>
    private sealed class MergedView(IStorage local, RemoteSource remote) : IStorage
    {
        private readonly MergingQuerier _merged = new(local, remote);

        public bool MayHoldHistograms => true;

        public IAppender Appender() => local.Appender();

        public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _merged.Select(mint, maxt, matchers);

        public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _merged.LabelNames(mint, maxt, matchers);

        public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) => _merged.LabelValues(name, mint, maxt, matchers);
    }
}
