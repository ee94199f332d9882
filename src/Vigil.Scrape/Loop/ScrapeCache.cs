using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Scrape.Parsing;
using Vigil.Storage;

namespace Vigil.Scrape.Loop;

/// <summary>Counts from appending one scrape's samples.</summary>
internal readonly record struct AppendCounts(int Scraped, int Appended, int SeriesAdded);

/// <summary>
/// A target's memory between scrapes: final label sets keyed by the series' raw bytes (so a warm scrape
/// builds no strings or label sets), each with the storage's handle on its series (so a warm scrape's
/// appends skip the storage's lookup by labels), and the series of the last committed scrape (for
/// staleness markers). Not thread-safe: one scrape loop owns it.
/// </summary>
internal sealed class ScrapeCache
{
    private readonly Dictionary<byte[], Entry> _entries = new(RawKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly ScrapeExemplars _exemplars = new();
    private List<Entry> _previous = [];
    private List<Entry> _current = [];
    private long _iteration;

    public ScrapeCache()
    {
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The target's HELP/TYPE/UNIT metadata, fed while the payload is read.</summary>
    public MetadataCache Metadata { get; } = new();

    /// <summary>Samples refused since the loop last reported them.</summary>
    public AppendRejections Rejections { get; } = new();

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
        var parser = CreateParser(body, format, options);
        var exemplarSource = parser as IExemplarSource;
        int scraped = 0, appended = 0, added = 0;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            if (entry is not (ExpositionEntry.Series or ExpositionEntry.Histogram))
            {
                Metadata.Observe(entry, parser);
                continue;
            }
            scraped++;
            var cached = Resolve(parser, options, targetLabels, out var isNew);
            if (cached.Labels is null)
            {
                continue;
            }
            var explicitTimestamp = options.Config.HonorTimestamps && parser.TimestampMs is not null;
            var t = explicitTimestamp ? parser.TimestampMs!.Value : timestampMs;
            var status = entry == ExpositionEntry.Histogram
                ? appender.AppendHistogram(cached.Labels, t, LimitedHistogram(parser.Histogram!, options))
                : appender.Append(ref cached.Handle, cached.Labels, t, parser.Value);
            if (exemplarSource is not null)
            {
                // As upstream: a refused sample's exemplars are still offered (its series exists).
                Rejections.ExemplarOutOfOrder += _exemplars.Append(appender, exemplarSource, cached.Handle, cached.Labels, t);
            }
            if (status != AppendStatus.Ok)
            {
                Rejections.Count(status);
                // Out of order, out of bounds and duplicates are skipped one by one, as upstream does.
                continue;
            }
            appended++;
            cached.ShareStoredLabels();
            if (limits.SampleLimit > 0 && appended > limits.SampleLimit)
            {
                Rejections.SampleLimitExceeded = true;
                throw new ScrapeFailedException("sample limit exceeded");
            }
            if (isNew)
            {
                added++;
            }
            if (!explicitTimestamp && cached.AppendedIn != _iteration)
            {
                // Series with their own timestamps are not marked stale: their time is the exporter's, not ours.
                cached.AppendedIn = _iteration;
                _current.Add(cached);
            }
        }
        AppendStaleMarkers(appender, timestampMs);
        return new AppendCounts(scraped, appended, added);
    }

    private FloatHistogram LimitedHistogram(FloatHistogram histogram, ScrapeOptions options)
    {
        try
        {
            return HistogramLimits.Apply(histogram, options);
        }
        catch (ScrapeFailedException)
        {
            Rejections.BucketLimitExceeded = true;
            throw;
        }
    }

    private static ExpositionParser CreateParser(ReadOnlyMemory<byte> body, ExpositionFormat format, ScrapeOptions options) => format switch
    {
        ExpositionFormat.OpenMetrics => new OpenMetricsParser(body),
        ExpositionFormat.PrometheusProto => new ProtobufParser(body, options.Protobuf),
        _ => new PrometheusTextParser(body),
    };

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
            appender.Append(ref series.Handle, series.Labels!, timestampMs, StaleNaN.Value);
        }
        _previous.Clear();
        _current.Clear();
    }

    /// <summary>Stale markers for the series of the previous committed scrape that this one did not append.</summary>
    private void AppendStaleMarkers(IAppender appender, long timestampMs)
    {
        List<Entry>? gone = null;
        foreach (var entry in _previous)
        {
            if (entry.AppendedIn != _iteration)
            {
                (gone ??= []).Add(entry);
            }
        }
        if (gone is null)
        {
            // The steady state: every series is still there, and no label set was hashed to find out.
            return;
        }
        // Two raw lines may end with the same labels (after relabelling): a series still appended through the
        // other line is not gone, and one marker per series is enough.
        var goneLabels = new HashSet<LabelSet>(gone.Count);
        foreach (var entry in gone)
        {
            goneLabels.Add(entry.Labels!);
        }
        foreach (var entry in _current)
        {
            goneLabels.Remove(entry.Labels!);
        }
        foreach (var entry in gone)
        {
            if (goneLabels.Remove(entry.Labels!))
            {
                appender.Append(ref entry.Handle, entry.Labels!, timestampMs, StaleNaN.Value);
            }
        }
    }

    private Entry Resolve(ExpositionParser parser, ScrapeOptions options, LabelSet targetLabels, out bool isNew)
    {
        if (_lookup.TryGetValue(parser.Series, out var cached))
        {
            cached.LastSeen = _iteration;
            isNew = false;
            return cached;
        }
        isNew = true;
        var labels = SeriesLabeler.Attach(parser.Labels(), targetLabels, options.Config.HonorLabels);
        if (!options.MetricRelabeler.Process(labels, out var relabelled) || relabelled.Count == 0)
        {
            return _lookup[parser.Series] = new Entry(null, _iteration);
        }
        LabelLimits.Check(relabelled, options.Config.Limits);
        return _lookup[parser.Series] = new Entry(relabelled, _iteration);
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

    /// <summary>One raw series: its final labels (null when relabelling drops it) and what the loop knows of it.</summary>
    private sealed class Entry(LabelSet? labels, long lastSeen)
    {
        /// <summary>The storage's handle, passed by reference so the storage can renew it; a field for that reason.</summary>
        public SeriesRef Handle;

        public LabelSet? Labels { get; private set; } = labels;

        /// <summary>The last scrape whose body had this line.</summary>
        public long LastSeen { get; set; } = lastSeen;

        /// <summary>
        /// Keeps the storage's copy of the labels (equal to ours) once it offers one, so the strings this cache
        /// parsed for the series become garbage instead of a second copy of every cached series' labels.
        /// </summary>
        public void ShareStoredLabels()
        {
            if (Handle.Labels is { } stored && !ReferenceEquals(stored, Labels))
            {
                Labels = stored;
            }
        }

        /// <summary>The last scrape that appended it with the scrape's own timestamp (staleness tracks only those).</summary>
        public long AppendedIn { get; set; }
    }
}
