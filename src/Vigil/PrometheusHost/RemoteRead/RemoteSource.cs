using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.PrometheusHost.RemoteRead;

/// <summary>
/// The remote endpoints of one query, read as one source beside the local storage. As upstream treats remote
/// storage as best effort, a failing endpoint contributes no series and a warning (<c>remote_read: …</c>)
/// instead of failing the query; it is then left out of the query's later selections, so a query with many
/// selectors waits for a dead endpoint once, not once per selector. Every read ends when
/// <paramref name="cancellation"/> (the query's deadline) fires. Label name and value lookups are not supported
/// by the protocol; as upstream, an endpoint that would be asked adds the warning <c>not implemented</c>.
/// </summary>
internal sealed class RemoteSource(IReadOnlyList<RemoteReadEndpoint> endpoints, ICollection<string> warnings, CancellationToken cancellation = default)
    : ISeriesQuerier, ILabelQuerier
{
    private readonly HashSet<RemoteReadEndpoint> _failed = [];

    private const string NotImplemented = "not implemented";

    /// <inheritdoc />
    /// <remarks>A remote may answer with histograms whatever the local storage holds.</remarks>
    public bool MayHoldHistograms => true;

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        // The engine reads storage synchronously; the endpoints are asked in parallel and waited for here.
        var asked = Healthy();
        var reads = asked.Select(e => Task.Run(() => e.SelectAsync(mint, maxt, matchers, cancellation), cancellation)).ToArray();
        var series = new List<IStoredSeries>();
        for (var i = 0; i < reads.Length; i++)
        {
            try
            {
                series.AddRange(reads[i].GetAwaiter().GetResult().Select(s => new RemoteSeries(s)));
            }
            catch (RemoteReadException e)
            {
                lock (_failed)
                {
                    _failed.Add(asked[i]);
                }
                Warn($"remote_read: {e.Message}");
            }
        }
        // Two endpoints may answer the same series; it becomes one, the first endpoint winning a shared timestamp.
        return series.GroupBy(s => s.Labels)
            .Select(g => g.Count() == 1 ? g.First() : new RemoteSeries(new ReadSeries(g.Key, MergeSamples(g)) { Histograms = MergeHistograms(g) }))
            .OrderBy(s => s.Labels, LabelSetComparer.Instance)
            .ToList();
    }

    private List<RemoteReadEndpoint> Healthy()
    {
        lock (_failed)
        {
            return [.. endpoints.Where(e => !_failed.Contains(e))];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        WarnIfAsked(mint, maxt);
        return [];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        WarnIfAsked(mint, maxt);
        return [];
    }

    private void WarnIfAsked(long mint, long maxt)
    {
        if (endpoints.Any(e => e.Range(mint, maxt) is not null))
        {
            Warn(NotImplemented);
        }
    }

    private void Warn(string warning)
    {
        lock (warnings)
        {
            if (!warnings.Contains(warning))
            {
                warnings.Add(warning);
            }
        }
    }

    private static List<HistogramSample> MergeHistograms(IEnumerable<IStoredSeries> parts)
    {
        var byTime = new SortedDictionary<long, HistogramSample>();
        foreach (var part in parts)
        {
            foreach (var sample in ((RemoteSeries)part).AllHistograms)
            {
                byTime.TryAdd(sample.Timestamp, sample);
            }
        }
        return [.. byTime.Values];
    }

    private static List<Sample> MergeSamples(IEnumerable<IStoredSeries> parts)
    {
        var byTime = new SortedDictionary<long, Sample>();
        foreach (var part in parts)
        {
            foreach (var sample in ((RemoteSeries)part).All)
            {
                byTime.TryAdd(sample.Timestamp, sample);
            }
        }
        return [.. byTime.Values];
    }
}

/// <summary>A series read remotely: its samples held in memory, in time order.</summary>
internal sealed class RemoteSeries(ReadSeries series) : IStoredSeries
{
    public LabelSet Labels => series.Labels;

    public IReadOnlyList<Sample> All => series.Samples;

    public IReadOnlyList<HistogramSample> AllHistograms => series.Histograms;

    public IEnumerable<Sample> Samples(long mint, long maxt) => series.Samples.Where(s => s.Timestamp >= mint && s.Timestamp <= maxt);

    public IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt) => series.Histograms.Where(s => s.Timestamp >= mint && s.Timestamp <= maxt);
}
