using Vigil.Model.Labels;
using Vigil.Scrape.Parsing;
using Vigil.Storage;

namespace Vigil.Scrape.Loop;

/// <summary>Counts from appending one scrape's samples.</summary>
internal readonly record struct AppendCounts(int Scraped, int Appended, int SeriesAdded);

/// <summary>
/// A target's memory between scrapes: final label sets keyed by the series' raw bytes (so a warm scrape
/// builds no strings or label sets), and the series of the last committed scrape (for staleness markers).
/// Not thread-safe: one scrape loop owns it.
/// </summary>
internal sealed class ScrapeCache
{
    private readonly Dictionary<byte[], Entry> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private HashSet<LabelSet> _previous = [];
    private HashSet<LabelSet> _current = [];
    private long _iteration;

    public ScrapeCache()
    {
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The target's HELP/TYPE/UNIT metadata, fed while the payload is read.</summary>
    public MetadataCache Metadata { get; } = new();

    /// <summary>Samples refused since the loop last reported them.</summary>
    public AppendRejections Rejections { get; } = new();

    /// <summary>Series appended by the last committed scrape (without explicit timestamps).</summary>
    public IReadOnlyCollection<LabelSet> PreviousSeries => _previous;

    /// <summary>
    /// Parses <paramref name="body"/> and appends every kept sample, then stale markers for the series the
    /// previous scrape had and this one lacks. Throws <see cref="ScrapeFailedException"/> or
    /// <see cref="ExpositionParseException"/>; the caller then rolls back and calls <see cref="MarkAllStale"/>.
    /// </summary>
    public AppendCounts Append(IAppender appender, ReadOnlyMemory<byte> body, ExpositionFormat format, long timestampMs, ScrapeOptions options, LabelSet targetLabels)
    {
        _iteration++;
        _current.Clear();
        var limits = options.Config.Limits;
        ExpositionParser parser = format == ExpositionFormat.OpenMetrics ? new OpenMetricsParser(body) : new PrometheusTextParser(body);
        int scraped = 0, appended = 0, added = 0;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            if (entry != ExpositionEntry.Series)
            {
                Metadata.Observe(entry, parser);
                continue;
            }
            scraped++;
            var labels = Resolve(parser, options, targetLabels, out var isNew);
            if (labels is null)
            {
                continue;
            }
            var explicitTimestamp = options.Config.HonorTimestamps && parser.TimestampMs is not null;
            var t = explicitTimestamp ? parser.TimestampMs!.Value : timestampMs;
            var status = appender.Append(labels, t, parser.Value);
            if (status != AppendStatus.Ok)
            {
                Rejections.Count(status);
                // Out of order, out of bounds and duplicates are skipped one by one, as upstream does.
                continue;
            }
            appended++;
            if (limits.SampleLimit > 0 && appended > limits.SampleLimit)
            {
                Rejections.SampleLimitExceeded = true;
                throw new ScrapeFailedException("sample limit exceeded");
            }
            if (isNew)
            {
                added++;
            }
            if (!explicitTimestamp)
            {
                // Series with their own timestamps are not marked stale: their time is the exporter's, not ours.
                _current.Add(labels);
            }
        }
        foreach (var gone in _previous)
        {
            if (!_current.Contains(gone))
            {
                appender.Append(gone, timestampMs, StaleNaN.Value);
            }
        }
        return new AppendCounts(scraped, appended, added);
    }

    /// <summary>Makes the last <see cref="Append"/> the reference for the next staleness check (after commit).</summary>
    public void Committed()
    {
        (_previous, _current) = (_current, _previous);
        _current.Clear();
        Evict();
    }

    /// <summary>Appends stale markers for every series of the last committed scrape and forgets them.</summary>
    public void MarkAllStale(IAppender appender, long timestampMs)
    {
        foreach (var series in _previous)
        {
            appender.Append(series, timestampMs, StaleNaN.Value);
        }
        _previous.Clear();
        _current.Clear();
    }

    private LabelSet? Resolve(ExpositionParser parser, ScrapeOptions options, LabelSet targetLabels, out bool isNew)
    {
        if (_lookup.TryGetValue(parser.Series, out var cached))
        {
            cached.LastSeen = _iteration;
            isNew = false;
            return cached.Labels;
        }
        isNew = true;
        var labels = SeriesLabeler.Attach(parser.Labels(), targetLabels, options.Config.HonorLabels);
        if (!options.MetricRelabeler.Process(labels, out var relabelled) || relabelled.Count == 0)
        {
            _lookup[parser.Series] = new Entry(null, _iteration);
            return null;
        }
        LabelLimits.Check(relabelled, options.Config.Limits);
        _lookup[parser.Series] = new Entry(relabelled, _iteration);
        return relabelled;
    }

    private void Evict()
    {
        // Forget series not exposed by the last scrape, so the cache tracks what the target exposes now.
        List<byte[]>? stale = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastSeen < _iteration)
            {
                (stale ??= []).Add(key);
            }
        }
        stale?.ForEach(k => _entries.Remove(k));
    }

    private sealed class Entry(LabelSet? labels, long lastSeen)
    {
        public LabelSet? Labels { get; } = labels;

        public long LastSeen { get; set; } = lastSeen;
    }
}
