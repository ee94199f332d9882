using Google.Protobuf;
using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>One series of an outgoing request: its labels (sorted, as a <see cref="LabelSet"/> is) and its samples in time order.</summary>
public sealed record OutgoingSeries(LabelSet Labels, IReadOnlyList<WriteSample> Samples)
{
    /// <summary>Its native histogram samples in time order (none by default).</summary>
    public IReadOnlyList<OutgoingHistogram> Histograms { get; init; } = [];
}

/// <summary>
/// Encodes a remote write 1.0 body, the mirror image of <see cref="WriteRequestDecoder"/>: a
/// <c>prometheus.WriteRequest</c> protobuf message, snappy block-compressed. Sizes of the nested
/// messages are computed up front so the message is written in one pass into one buffer.
/// </summary>
public static class WriteRequestEncoder
{
    private const int TimeseriesField = 1;
    private const int LabelsField = 1;
    private const int SamplesField = 2;
    private const int HistogramsField = 4;
    private const int NameField = 1;
    private const int ValueField = 2;
    private const int SampleValueField = 1;
    private const int SampleTimestampField = 2;

    /// <summary>The snappy-compressed body for <paramref name="series"/>.</summary>
    public static byte[] Encode(IReadOnlyList<OutgoingSeries> series) => Snappier.Snappy.CompressToArray(Protobuf(series));

    /// <summary>The uncompressed WriteRequest message.</summary>
    public static byte[] Protobuf(IReadOnlyList<OutgoingSeries> series)
    {
        var sizes = new int[series.Count];
        // Histogram messages are encoded first: their sizes are needed for the enclosing series' length.
        var histograms = new List<byte[]>[series.Count];
        var total = 0;
        for (var i = 0; i < series.Count; i++)
        {
            histograms[i] = [.. series[i].Histograms.Select(h => HistogramEncoder.Encode(h.Timestamp, h.Histogram))];
            sizes[i] = SeriesSize(series[i], histograms[i]);
            total += Delimited(sizes[i]);
        }
        var buffer = new byte[total];
        var output = new CodedOutputStream(buffer);
        for (var i = 0; i < series.Count; i++)
        {
            output.WriteTag(TimeseriesField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(sizes[i]);
            WriteSeries(output, series[i], histograms[i]);
        }
        output.CheckNoSpaceLeft();
        return buffer;
    }

    private static void WriteSeries(CodedOutputStream output, OutgoingSeries s, List<byte[]> histograms)
    {
        foreach (var label in s.Labels.AsSpan())
        {
            output.WriteTag(LabelsField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(LabelSize(label));
            output.WriteTag(NameField, WireFormat.WireType.LengthDelimited);
            output.WriteString(label.Name);
            output.WriteTag(ValueField, WireFormat.WireType.LengthDelimited);
            output.WriteString(label.Value);
        }
        foreach (var sample in s.Samples)
        {
            output.WriteTag(SamplesField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(SampleSize(sample));
            output.WriteTag(SampleValueField, WireFormat.WireType.Fixed64);
            output.WriteDouble(sample.Value);
            output.WriteTag(SampleTimestampField, WireFormat.WireType.Varint);
            output.WriteInt64(sample.Timestamp);
        }
        foreach (var histogram in histograms)
        {
            output.WriteTag(HistogramsField, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(histogram));
        }
    }

    private static int SeriesSize(OutgoingSeries s, List<byte[]> histograms)
    {
        var size = 0;
        foreach (var histogram in histograms)
        {
            size += Delimited(histogram.Length);
        }
        foreach (var label in s.Labels.AsSpan())
        {
            size += Delimited(LabelSize(label));
        }
        foreach (var sample in s.Samples)
        {
            size += Delimited(SampleSize(sample));
        }
        return size;
    }

    // Each field costs a one-byte tag here: every field number is below 16.
    private static int LabelSize(Label label) => 1 + CodedOutputStream.ComputeStringSize(label.Name) + 1 + CodedOutputStream.ComputeStringSize(label.Value);

    private static int SampleSize(WriteSample sample) => 1 + 8 + 1 + CodedOutputStream.ComputeInt64Size(sample.Timestamp);

    private static int Delimited(int size) => 1 + CodedOutputStream.ComputeLengthSize(size) + size;
}
