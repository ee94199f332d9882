using Google.Protobuf;
using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>
/// Decodes a remote write 1.0 body: snappy block format around a <c>prometheus.WriteRequest</c>
/// protobuf message, read field by field with Google.Protobuf's <see cref="CodedInputStream"/>
/// (field numbers from the remote write 1.0 specification). Unknown fields are skipped, so newer
/// senders' additions do not break ingestion.
/// </summary>
public static class WriteRequestDecoder
{
    // WriteRequest
    private const int TimeseriesField = 1;

    // TimeSeries
    private const int LabelsField = 1;
    private const int SamplesField = 2;
    private const int ExemplarsField = 3;
    private const int HistogramsField = 4;

    /// <summary>Decompresses and decodes a body; throws <see cref="WriteRequestException"/> saying which step failed.</summary>
    public static WriteRequest Decode(ReadOnlySpan<byte> body)
    {
        byte[] raw;
        try
        {
            raw = Snappier.Snappy.DecompressToArray(body);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new WriteRequestException($"snappy: corrupt input (the body must be snappy block-compressed): {e.Message}");
        }
        try
        {
            return DecodeMessage(new CodedInputStream(raw));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new WriteRequestException($"proto: cannot parse WriteRequest: {e.Message}");
        }
    }

    private static WriteRequest DecodeMessage(CodedInputStream input)
    {
        var series = new List<WriteSeries>();
        int histograms = 0, exemplars = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == TimeseriesField && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                series.Add(DecodeSeries(input.ReadBytes().CreateCodedInput(), ref histograms, ref exemplars));
            }
            else
            {
                input.SkipLastField();
            }
        }
        return new WriteRequest(series, histograms, exemplars);
    }

    private static WriteSeries DecodeSeries(CodedInputStream input, ref int histograms, ref int exemplars)
    {
        var labels = new List<Label>();
        var samples = new List<WriteSample>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var delimited = WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case LabelsField when delimited:
                    labels.Add(DecodeLabel(input.ReadBytes().CreateCodedInput()));
                    break;
                case SamplesField when delimited:
                    samples.Add(DecodeSample(input.ReadBytes().CreateCodedInput()));
                    break;
                case ExemplarsField:
                    exemplars++;
                    input.SkipLastField();
                    break;
                case HistogramsField:
                    histograms++;
                    input.SkipLastField();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return new WriteSeries(labels, samples);
    }

    private static Label DecodeLabel(CodedInputStream input)
    {
        string name = "", value = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case 10: // field 1, length-delimited
                    name = input.ReadString();
                    break;
                case 18: // field 2, length-delimited
                    value = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return new Label(name, value);
    }

    private static WriteSample DecodeSample(CodedInputStream input)
    {
        double value = 0;
        long timestamp = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case 9: // field 1 (value), 64-bit
                    value = input.ReadDouble();
                    break;
                case 16: // field 2 (timestamp), varint
                    timestamp = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return new WriteSample(timestamp, value);
    }
}

/// <summary>A remote write body that cannot be decoded or holds invalid series; answered with 400.</summary>
public sealed class WriteRequestException(string message) : Exception(message)
{
}
