using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>
/// A sample waiting in a shard, with the labels it will be sent under (external labels added, write relabelling applied):
/// a float sample, or a native histogram sample when <paramref name="Histogram"/> is set.
/// </summary>
public readonly record struct PendingSample(LabelSet Labels, long Timestamp, double Value, FloatHistogram? Histogram = null);

/// <summary>How many float samples and how many histogram samples a batch holds; upstream counts each kind in its own metrics.</summary>
/// <param name="Samples">Float samples.</param>
/// <param name="Histograms">Native histogram samples.</param>
public readonly record struct SampleCounts(int Samples, int Histograms)
{
    /// <summary>Both kinds together, as <c>max_samples_per_send</c> counts them.</summary>
    public int Total => Samples + Histograms;

    /// <summary>The counts of <paramref name="batch"/>.</summary>
    public static SampleCounts Of(IReadOnlyCollection<PendingSample> batch)
    {
        var histograms = batch.Count(s => s.Histogram is not null);
        return new SampleCounts(batch.Count - histograms, histograms);
    }

    /// <summary>One sample of <paramref name="sample"/>'s kind.</summary>
    public static SampleCounts One(in PendingSample sample) => sample.Histogram is null ? new(1, 0) : new(0, 1);
}
