using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.PrometheusHost.RemoteRead;

/// <summary>
/// The remote endpoints of one query, read as one source beside the local storage. As upstream treats remote
/// storage as best effort, a failing endpoint contributes no series and a warning (<c>remote_read: …</c>)
/// instead of failing the query. Label name and value lookups are not supported by the protocol; as upstream,
/// an endpoint that would be asked adds the warning <c>not implemented</c>.
/// </summary>
internal sealed class RemoteSource(IReadOnlyList<RemoteReadEndpoint> endpoints, ICollection<string> warnings) : ISeriesQuerier, ILabelQuerier
{
    private const string NotImplemented = "not implemented";

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        // The engine reads storage synchronously; the endpoints are asked in parallel and waited for here.
        var reads = endpoints.Select(e => Task.Run(() => e.SelectAsync(mint, maxt, matchers, CancellationToken.None))).ToArray();
        var series = new List<IStoredSeries>();
        foreach (var read in reads)
        {
            try
            {
                series.AddRange(read.GetAwaiter().GetResult().Select(s => new RemoteSeries(s)));
            }
            catch (RemoteReadException e)
            {
                Warn($"remote_read: {e.Message}");
            }
        }
        // Two endpoints may answer the same series; it becomes one, the first endpoint winning a shared timestamp.
        return series.GroupBy(s => s.Labels)
            .Select(g => g.Count() == 1 ? g.First() : new RemoteSeries(new ReadSeries(g.Key, MergeSamples(g))))
            .OrderBy(s => s.Labels, LabelSetComparer.Instance)
            .ToList();
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

    public IEnumerable<Sample> Samples(long mint, long maxt) => series.Samples.Where(s => s.Timestamp >= mint && s.Timestamp <= maxt);
}
