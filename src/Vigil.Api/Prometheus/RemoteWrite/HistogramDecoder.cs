using Vigil.Model.Histograms;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>
/// Decodes a remote write <c>prometheus.Histogram</c> message (field numbers from remote write 1.0's types.proto)
/// into a <see cref="FloatHistogram"/>: integer counts (bucket counts as deltas from the previous bucket of the same
/// side) or float counts (absolute), spans (the first at its bucket index, later ones after a gap), the zero bucket,
/// schema, reset hint and, for schema -53, the custom bucket bounds. Anything inconsistent throws
/// <see cref="InvalidHistogramException"/> saying what (<see cref="SparseHistogram.Build"/>, shared with the scraper).
/// </summary>
internal static class HistogramDecoder
{
    public static (long Timestamp, FloatHistogram Histogram) Decode(ReadOnlySpan<byte> message)
    {
        var m = new HistogramMessage();
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            m.Read(ref reader, field, wireType);
        }
        return (m.Timestamp, m.Parts.Build());
    }
}
