using Vigil.Model.Labels;
using Vigil.Scrape.Parsing;
using Vigil.Scrape.Targets;
using Vigil.Storage;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Scrapes one target every interval, at a phase derived from the target's hash, and appends what it
/// finds plus the synthetic series (<c>up</c>, <c>scrape_duration_seconds</c>, ...) in one commit per
/// scrape. A failed scrape appends <c>up 0</c> and stale markers for the previous series; stopping the
/// loop marks everything it wrote stale.
/// </summary>
public sealed class ScrapeLoop : IAsyncDisposable
{
    private readonly Func<IAppender> _appenders;
    private readonly TimeProvider _time;
    private readonly TargetFetcher _fetcher;
    private readonly ScrapeCache _cache = new();
    private readonly ReportSeries _report;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stopping;
    private Task? _running;
    private TargetHealth _health = TargetHealth.Initial;
    private bool _reported;
    private readonly LoopReport _loopReport;

    /// <summary>
    /// Creates a loop; nothing happens until <see cref="Start"/> or <see cref="ScrapeOnceAsync"/>. Each scrape is
    /// reported to <paramref name="metrics"/> when given.
    /// </summary>
    public ScrapeLoop(ScrapeTarget target, ScrapeOptions options, Func<IAppender> appenders, HttpClient http, TimeProvider time, ScrapeMetrics? metrics = null)
    {
        _loopReport = new LoopReport(metrics, options.Interval);
        Target = target;
        Options = options;
        _appenders = appenders;
        _time = time;
        _fetcher = new TargetFetcher(http, time);
        _report = new ReportSeries(target.Labels);
    }

    /// <summary>The target this loop scrapes.</summary>
    public ScrapeTarget Target { get; }

    /// <summary>The job settings in force.</summary>
    public ScrapeOptions Options { get; }

    /// <summary>The target's state after its last scrape.</summary>
    public TargetHealth Health
    {
        get
        {
            lock (_gate)
            {
                return _health;
            }
        }
    }

    /// <summary>The metric metadata (HELP, TYPE, UNIT) the target exposed, as of its last scrape.</summary>
    public IReadOnlyList<MetricMetadata> Metadata => _cache.Metadata.Current;

    /// <summary>Starts scraping in the background: first at the target's offset, then every interval.</summary>
    public void Start()
    {
        if (_running is not null)
        {
            return;
        }
        _stopping = new CancellationTokenSource();
        _running = RunAsync(_stopping.Token);
    }

    /// <summary>Stops the loop, waits for a scrape under way, and appends stale markers for every series it wrote.</summary>
    public async Task StopAsync()
    {
        if (_running is null || _stopping is null)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _running = null;
        _stopping.Dispose();
        _stopping = null;
        MarkEverythingStale();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Scrapes the target once now, appends and commits; returns the resulting health.</summary>
    public async Task<TargetHealth> ScrapeOnceAsync(CancellationToken stopping = default)
    {
        var start = _time.GetUtcNow();
        var timestamp = start.ToUnixTimeMilliseconds();
        string? error = null;
        FetchedBody fetched = default;
        // Upstream's scrape_body_size_bytes: the uncompressed size when the body was read, -1 past the limit, else 0.
        long bodyBytes = 0;
        try
        {
            fetched = await _fetcher.FetchAsync(Target.Url, Options, stopping).ConfigureAwait(false);
            bodyBytes = fetched.Body.Length;
        }
        catch (ScrapeFailedException e)
        {
            error = e.Message;
            bodyBytes = e.BodySizeLimitExceeded ? -1 : 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Whatever a target does, its loop must keep running: an escaped exception would end it silently.
            error = e.Message;
        }
        stopping.ThrowIfCancellationRequested();
        var appender = _appenders();
        var counts = default(AppendCounts);
        if (error is null)
        {
            (counts, error, appender) = AppendBody(appender, fetched, timestamp);
        }
        if (error is not null)
        {
            _cache.MarkAllStale(appender, timestamp);
        }
        var duration = _time.GetUtcNow() - start;
        _report.Append(appender, timestamp, error is null, duration, counts);
        if (Options.ExtraMetrics)
        {
            _report.AppendExtra(appender, timestamp, Options, bodyBytes);
        }
        var health = new TargetHealth(error is null ? HealthState.Up : HealthState.Down, start, duration, error ?? "", counts.Appended);
        lock (_gate)
        {
            _health = health;
        }
        appender.Commit();
        _cache.Metadata.ScrapeDone(error is null);
        _loopReport.Scraped(start, _cache.Rejections);
        _reported = true;
        if (error is null)
        {
            _cache.Committed();
        }
        return health;
    }

    private (AppendCounts Counts, string? Error, IAppender Appender) AppendBody(IAppender appender, FetchedBody fetched, long timestamp)
    {
        var choice = ContentNegotiation.Choose(fetched.ContentType, Options.FallbackProtocol);
        if (choice.Format is not { } format)
        {
            return (default, choice.Message, appender);
        }
        try
        {
            return (_cache.Append(appender, fetched.Body, format, timestamp, Options, Target.Labels), null, appender);
        }
        catch (Exception e) when (e is ScrapeFailedException or ExpositionParseException)
        {
            // Nothing of a failed scrape is kept: a half-ingested target would look healthy but lie.
            appender.Rollback();
            return (default, e.Message, _appenders());
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var interval = Options.Interval;
            await Task.Delay(Target.Offset(interval, _time.GetUtcNow()), _time, stopping).ConfigureAwait(false);
            using var timer = new PeriodicTimer(interval, _time);
            do
            {
                await ScrapeOnceAsync(stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private void MarkEverythingStale()
    {
        if (!_reported)
        {
            return;
        }
        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var appender = _appenders();
        _cache.MarkAllStale(appender, timestamp);
        _report.MarkStale(appender, timestamp, Options.ExtraMetrics);
        appender.Commit();
    }

    /// <summary>Label sets of the synthetic series, built once per target, with the storage's handles on them.</summary>
    private sealed class ReportSeries(LabelSet target)
    {
        // The first five always; the last three only with extra_scrape_metrics.
        private const int AlwaysReported = 5;

        private readonly LabelSet[] _labels =
        [
            Named(target, "up"),
            Named(target, "scrape_duration_seconds"),
            Named(target, "scrape_samples_scraped"),
            Named(target, "scrape_samples_post_metric_relabeling"),
            Named(target, "scrape_series_added"),
            Named(target, "scrape_timeout_seconds"),
            Named(target, "scrape_sample_limit"),
            Named(target, "scrape_body_size_bytes"),
        ];

        private readonly SeriesRef[] _handles = new SeriesRef[8];

        public void Append(IAppender appender, long timestamp, bool up, TimeSpan duration, AppendCounts counts)
        {
            Append(appender, 0, timestamp, up ? 1 : 0);
            Append(appender, 1, timestamp, duration.TotalSeconds);
            Append(appender, 2, timestamp, counts.Scraped);
            Append(appender, 3, timestamp, counts.Appended);
            Append(appender, 4, timestamp, counts.SeriesAdded);
        }

        /// <summary>The configured timeout and sample limit (0 for none), and the body size of this scrape.</summary>
        public void AppendExtra(IAppender appender, long timestamp, ScrapeOptions options, long bodyBytes)
        {
            Append(appender, 5, timestamp, options.Timeout.TotalSeconds);
            Append(appender, 6, timestamp, options.Config.Limits.SampleLimit);
            Append(appender, 7, timestamp, bodyBytes);
        }

        public void MarkStale(IAppender appender, long timestamp, bool extra)
        {
            var count = extra ? _labels.Length : AlwaysReported;
            for (var i = 0; i < count; i++)
            {
                Append(appender, i, timestamp, StaleNaN.Value);
            }
        }

        private void Append(IAppender appender, int series, long timestamp, double value) =>
            appender.Append(ref _handles[series], _labels[series], timestamp, value);

        private static LabelSet Named(LabelSet target, string name) => target.With(LabelName.MetricName, name);
    }
}
