using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// The SAMPLES response: a <c>prometheus.ReadResponse</c> (one <c>QueryResult</c> per query, each a list
/// of <c>TimeSeries</c> with labels, float samples and native histograms), snappy block-compressed.
/// </summary>
public static class ReadResponseCodec
{
    /// <summary>The most a client decompresses of one response; far above the sample limit's worth.</summary>
    public const int DecodeLimit = int.MaxValue / 2;

    // TimeSeries.histograms, as in remote write.
    private const int HistogramsField = 4;

    /// <summary>The snappy-compressed body answering each query with its series, in query order.</summary>
    public static byte[] Encode(IReadOnlyList<IReadOnlyList<ReadSeries>> results)
    {
        var output = new ProtoBuffer(4096);
        foreach (var result in results)
        {
            output.Message(1, r =>
            {
                foreach (var series in result)
                {
                    r.Message(1, s => WriteSeries(s, series));
                }
            });
        }
        return Snappier.Snappy.CompressToArray(output.WrittenSpan);
    }

    /// <summary>Decodes a body into one series list per query; throws <see cref="ReadCodecException"/> when it cannot.</summary>
    public static List<List<ReadSeries>> Decode(ReadOnlySpan<byte> body)
    {
        var message = ReadCompression.Decompress(body, DecodeLimit);
        try
        {
            var results = new List<List<ReadSeries>>();
            var reader = new ProtoReader(message);
            while (reader.Next(out var field, out var wireType))
            {
                if (field == 1 && wireType == ProtoReader.LengthDelimited)
                {
                    results.Add(DecodeResult(reader.ReadBytes()));
                }
                else
                {
                    reader.Skip(wireType);
                }
            }
            return results;
        }
        catch (FormatException e)
        {
            throw new ReadCodecException($"unable to unmarshal response body: {e.Message}");
        }
    }

    private static void WriteSeries(ProtoBuffer s, ReadSeries series)
    {
        WireLabels.Write(s, 1, series.Labels);
        foreach (var sample in series.Samples)
        {
            s.Message(2, w =>
            {
                w.Double(1, sample.Value);
                w.Varint(2, unchecked((ulong)sample.Timestamp));
            });
        }
        foreach (var h in series.Histograms)
        {
            s.Bytes(HistogramsField, HistogramEncoder.Encode(h.Timestamp, h.Histogram));
        }
    }

    private static List<ReadSeries> DecodeResult(ReadOnlySpan<byte> bytes)
    {
        var series = new List<ReadSeries>();
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
            {
                series.Add(DecodeSeries(reader.ReadBytes()));
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return series;
    }

    private static ReadSeries DecodeSeries(ReadOnlySpan<byte> bytes)
    {
        var labels = new List<Label>();
        var samples = new List<Sample>();
        var histograms = new List<HistogramSample>();
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimited:
                    labels.Add(WireLabels.Decode(reader.ReadBytes()));
                    break;
                case 2 when wireType == ProtoReader.LengthDelimited:
                    samples.Add(DecodeSample(reader.ReadBytes()));
                    break;
                case HistogramsField when wireType == ProtoReader.LengthDelimited:
                    histograms.Add(DecodeHistogram(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new ReadSeries(WireLabels.ToSet(labels), samples) { Histograms = histograms };
    }

    private static HistogramSample DecodeHistogram(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var (timestamp, histogram) = HistogramDecoder.Decode(bytes);
            return new HistogramSample(timestamp, histogram);
        }
        catch (InvalidHistogramException e)
        {
            throw new FormatException($"invalid native histogram: {e.Message}");
        }
    }

    private static Sample DecodeSample(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        double value = 0;
        long timestamp = 0;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.Fixed64:
                    value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                    break;
                case 2 when wireType == ProtoReader.Varint:
                    timestamp = unchecked((long)reader.ReadVarint());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new Sample(timestamp, value);
    }
}

/// <summary>The <c>prometheus.Label</c> message (name 1, value 2) in both directions.</summary>
internal static class WireLabels
{
    public static void Write(ProtoBuffer output, int field, LabelSet labels)
    {
        foreach (var label in labels.AsSpan())
        {
            output.Message(field, l =>
            {
                l.String(1, label.Name);
                l.String(2, label.Value);
            });
        }
    }

    /// <summary>The encoded size of <paramref name="labels"/> as repeated one-byte-tag fields, for frame budgets.</summary>
    public static int Size(LabelSet labels)
    {
        var size = 0;
        foreach (var label in labels.AsSpan())
        {
            var inner = Field(System.Text.Encoding.UTF8.GetByteCount(label.Name)) + Field(System.Text.Encoding.UTF8.GetByteCount(label.Value));
            size += Field(inner);
        }
        return size;
    }

    /// <summary>
    /// Decodes a series message whose labels are field 1 and whose repeated items (samples or chunks) are field 2,
    /// the shape both remote read answers share.
    /// </summary>
    public static (LabelSet Labels, List<T> Items) DecodeSeries<T>(ReadOnlySpan<byte> bytes, Func<ReadOnlySpan<byte>, T> decodeItem)
    {
        var labels = new List<Label>();
        var items = new List<T>();
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimited:
                    labels.Add(Decode(reader.ReadBytes()));
                    break;
                case 2 when wireType == ProtoReader.LengthDelimited:
                    items.Add(decodeItem(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return (ToSet(labels), items);
    }

    public static Label Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
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

    /// <summary>A series' label set; an invalid or repeated name is refused, as upstream's reader refuses it.</summary>
    public static LabelSet ToSet(List<Label> labels)
    {
        foreach (var label in labels)
        {
            if (!LabelName.IsValid(label.Name))
            {
                throw new FormatException($"invalid label name: {Vigil.Model.GoString.Quote(label.Name)}");
            }
        }
        var set = LabelSet.From(labels.Where(l => l.Value.Length > 0));
        return set.Count == labels.Count(l => l.Value.Length > 0) ? set : throw new FormatException($"duplicate label name in series {set}");
    }

    private static int Field(int length) => 1 + ProtoBuffer.VarintSize((ulong)length) + length;
}
