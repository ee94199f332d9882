using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;

namespace Vigil.PrometheusHost.RemoteRead;

/// <summary>
/// One <c>remote_read</c> entry as queries use it, deciding as upstream does whether and what to ask:
/// <list type="bullet">
/// <item>with <c>required_matchers</c>, only a selection holding each of them as an equality matcher is sent;</item>
/// <item>without <c>read_recent</c>, the range the local storage covers is not read remotely: a selection starting
/// after the local start time is not sent at all, one reaching past it is cut there;</item>
/// <item>with <c>filter_external_labels</c> (the default), each external label the selection does not name is
/// added as an equality matcher, and removed again from the series answered.</item>
/// </list>
/// </summary>
/// <param name="config">The entry.</param>
/// <param name="client">Its HTTP client.</param>
/// <param name="externalLabels">The server's external labels.</param>
/// <param name="localStartTime">The local storage's start time (ms), upstream's oldest block plus a margin.</param>
public sealed class RemoteReadEndpoint(RemoteReadConfig config, RemoteReadClient client, LabelSet externalLabels, Func<long> localStartTime)
{
    /// <summary>The endpoint's URL, password masked.</summary>
    public string RedactedUrl => client.RedactedUrl;

    /// <summary>
    /// The range this endpoint is asked for when a selection covers [<paramref name="mint"/>, <paramref name="maxt"/>],
    /// or null when it is not asked at all (the local storage covers the range).
    /// </summary>
    public (long Mint, long Maxt)? Range(long mint, long maxt)
    {
        if (config.ReadRecent)
        {
            return (mint, maxt);
        }
        var localStart = localStartTime();
        if (mint > localStart)
        {
            return null;
        }
        return (mint, Math.Min(maxt, localStart));
    }

    /// <summary>Whether a selection with <paramref name="matchers"/> holds every required matcher.</summary>
    public bool Required(IReadOnlyList<Matcher> matchers) =>
        config.RequiredMatchers.All(r => matchers.Any(m => m.Type == MatcherType.Equal && m.Name == r.Key && m.Value == r.Value));

    /// <summary>
    /// The remote series for a selection, or an empty list when the endpoint is not to be asked; throws
    /// <see cref="RemoteReadException"/> when the read fails.
    /// </summary>
    public async Task<List<ReadSeries>> SelectAsync(long mint, long maxt, IReadOnlyList<Matcher> matchers, CancellationToken cancellationToken)
    {
        if (!Required(matchers) || Range(mint, maxt) is not { } range)
        {
            return [];
        }
        var added = config.FilterExternalLabels ? externalLabels.Where(l => !matchers.Any(m => m.Name == l.Name)).ToList() : [];
        var wire = matchers.Select(WireMatcher.From).Concat(added.Select(l => new WireMatcher(0, l.Name, l.Value))).ToList();
        var series = await client.ReadAsync(new ReadQuery(range.Mint, range.Maxt, wire), cancellationToken);
        if (added.Count == 0)
        {
            return series;
        }
        var names = added.Select(l => l.Name).ToList();
        return series.ConvertAll(s => s with { Labels = s.Labels.Without(names) });
    }
}
