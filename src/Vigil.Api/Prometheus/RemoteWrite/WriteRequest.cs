using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>A decoded remote write 1.0 request: its series plus what it carried that is not stored yet.</summary>
/// <param name="Series">The time series, in request order.</param>
/// <param name="Histograms">Native histogram samples (ignored until native histograms are stored).</param>
/// <param name="Exemplars">Exemplars (ignored until exemplar storage exists).</param>
public sealed record WriteRequest(IReadOnlyList<WriteSeries> Series, int Histograms, int Exemplars);

/// <summary>One series of a request: its labels as sent (order kept, duplicates kept) and its float samples.</summary>
public sealed record WriteSeries(IReadOnlyList<Label> Labels, IReadOnlyList<WriteSample> Samples);

/// <summary>One float sample: a millisecond timestamp and a value.</summary>
public readonly record struct WriteSample(long Timestamp, double Value);
