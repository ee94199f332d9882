using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>A decoded native histogram sample of series <paramref name="Series"/> (its index in the batch).</summary>
public readonly record struct WriteHistogram(int Series, long Timestamp, FloatHistogram Histogram);

/// <summary>The request's native histogram samples, kept apart from the pooled float samples (they are few and hold objects).</summary>
public sealed partial class WriteBatch
{
    private List<WriteHistogram>? _histograms;
    private string? _histogramError;

    /// <summary>The native histogram samples of all series, in request order.</summary>
    public IReadOnlyList<WriteHistogram> HistogramSamples => _histograms ?? (IReadOnlyList<WriteHistogram>)[];

    /// <summary>How many native histogram samples the request holds.</summary>
    public int Histograms => _histograms?.Count ?? 0;

    /// <summary>
    /// Decodes one histogram of the series being read. A histogram that is not valid is remembered, not thrown: its
    /// series' labels may come later in the message, and the error names the series.
    /// </summary>
    internal void AddHistogram(ReadOnlySpan<byte> message)
    {
        try
        {
            var (timestamp, histogram) = HistogramDecoder.Decode(message);
            (_histograms ??= []).Add(new WriteHistogram(SeriesCount, timestamp, histogram));
        }
        catch (InvalidHistogramException e)
        {
            _histogramError ??= e.Message;
        }
    }

    /// <summary>After a series' labels are known: fails the request if one of its histograms was invalid.</summary>
    internal void ThrowIfHistogramInvalid()
    {
        if (_histogramError is { } error)
        {
            throw new WriteRequestException($"invalid native histogram for series {Labels(SeriesCount - 1)}: {error}");
        }
    }
}
