using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus;

/// <summary>
/// What the TSDB admin endpoints (<c>/api/v1/admin/tsdb/*</c>) ask of the database. The host hands one over only
/// with <c>--web.enable-admin-api</c>; without it the endpoints answer upstream's "admin APIs disabled".
/// </summary>
public interface ITsdbAdmin
{
    /// <summary>Deletes the samples in [<paramref name="mint"/>, <paramref name="maxt"/>] (ms, inclusive) of the matching series; returns once durable.</summary>
    void DeleteSeries(long mint, long maxt, IReadOnlyList<Matcher> matchers);

    /// <summary>Rewrites the blocks that have deletions without the deleted data.</summary>
    void CleanTombstones();

    /// <summary>Writes a snapshot named <paramref name="name"/> under the data directory's <c>snapshots</c> folder.</summary>
    void Snapshot(string name, bool withHead);
}
