using System.Buffers;
using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>
/// Decodes a remote write 1.0 body: snappy block format around a <c>prometheus.WriteRequest</c>
/// protobuf message (field numbers from the remote write 1.0 specification). The body is
/// decompressed into a pooled buffer and read in place with <see cref="ProtoReader"/>; samples go
/// into one flat pooled array. Unknown fields are skipped, so newer senders' additions do not
/// break ingestion. Series labels are validated here, so a bad series fails the request before
/// anything is stored.
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

    // A sample message is at least ~12 bytes on the wire; used only to size the first sample buffer.
    private const int BytesPerSampleEstimate = 16;

    /// <summary>Decompresses and decodes a body; throws <see cref="WriteRequestException"/> saying which step failed.</summary>
    public static WriteBatch Decode(ReadOnlySpan<byte> body)
    {
        IMemoryOwner<byte> raw;
        try
        {
            raw = Snappier.Snappy.DecompressToMemory(body);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new WriteRequestException($"snappy: corrupt input (the body must be snappy block-compressed): {e.Message}");
        }
        using (raw)
        {
            var message = raw.Memory.Span;
            var batch = new WriteBatch(message.Length / BytesPerSampleEstimate);
            try
            {
                DecodeMessage(message, batch);
                return batch;
            }
            catch (FormatException e)
            {
                batch.Dispose();
                throw new WriteRequestException($"proto: cannot parse WriteRequest: {e.Message}");
            }
            catch (WriteRequestException)
            {
                batch.Dispose();
                throw;
            }
        }
    }

    private static void DecodeMessage(ReadOnlySpan<byte> message, WriteBatch batch)
    {
        var reader = new ProtoReader(message);
        var labels = new List<Label>();
        while (reader.Next(out var field, out var wireType))
        {
            if (field == TimeseriesField && wireType == ProtoReader.LengthDelimited)
            {
                labels.Clear();
                DecodeSeries(reader.ReadBytes(), batch, labels);
                batch.EndSeries(SeriesLabels.Validate(labels));
                batch.ThrowIfHistogramInvalid();
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private static void DecodeSeries(ReadOnlySpan<byte> series, WriteBatch batch, List<Label> labels)
    {
        var reader = new ProtoReader(series);
        while (reader.Next(out var field, out var wireType))
        {
            var delimited = wireType == ProtoReader.LengthDelimited;
            switch (field)
            {
                case LabelsField when delimited:
                    labels.Add(DecodeLabel(reader.ReadBytes()));
                    break;
                case SamplesField when delimited:
                    DecodeSample(reader.ReadBytes(), batch);
                    break;
                case ExemplarsField:
                    batch.Exemplars++;
                    reader.Skip(wireType);
                    break;
                case HistogramsField when delimited:
                    batch.AddHistogram(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
    }

    private static Label DecodeLabel(ReadOnlySpan<byte> label)
    {
        var reader = new ProtoReader(label);
        string name = "", value = "";
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimited:
                    name = reader.ReadString();
                    break;
                case 2 when wireType == ProtoReader.LengthDelimited:
                    value = reader.ReadString();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new Label(name, value);
    }

    private static void DecodeSample(ReadOnlySpan<byte> sample, WriteBatch batch)
    {
        var reader = new ProtoReader(sample);
        double value = 0;
        long timestamp = 0;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.Fixed64: // value (double)
                    value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                    break;
                case 2 when wireType == ProtoReader.Varint: // timestamp (int64)
                    timestamp = unchecked((long)reader.ReadVarint());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        batch.AddSample(timestamp, value);
    }
}

/// <summary>A remote write body that cannot be decoded or holds invalid series; answered with 400.</summary>
public sealed class WriteRequestException(string message) : Exception(message)
{
}
