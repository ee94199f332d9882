using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.Storage.Forwarding;

/// <summary>A sample that was committed to storage, as it is handed on (for example to remote write).</summary>
/// <param name="Labels">The series' labels as stored.</param>
/// <param name="Timestamp">Milliseconds since the epoch.</param>
/// <param name="Value">The value of a float sample; staleness markers keep their NaN bit pattern.</param>
/// <param name="Histogram">The histogram of a native histogram sample (then <paramref name="Value"/> is unused); null for a float sample.</param>
public readonly record struct ForwardedSample(LabelSet Labels, long Timestamp, double Value, FloatHistogram? Histogram = null)
{
    /// <summary>Whether this is a native histogram sample.</summary>
    public bool IsHistogram => Histogram is not null;
}

/// <summary>Receives every batch of samples once storage has committed it.</summary>
public interface ICommitForwarder
{
    /// <summary>Whether anything listens; when false, appenders skip the copy entirely.</summary>
    bool Active { get; }

    /// <summary>
    /// Takes the samples of one commit, in append order. The forwarder owns the list afterwards, and must
    /// return quickly: it is called on the writer's thread (a scrape loop, a rule group, a remote write request).
    /// </summary>
    void Forward(List<ForwardedSample> committed);
}
