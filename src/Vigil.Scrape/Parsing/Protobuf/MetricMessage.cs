using Vigil.Model.Protobuf;

namespace Vigil.Scrape.Parsing.Protobuf;

/// <summary>
/// One <c>Metric</c> message: its label pairs as payload offsets, its timestamp, and the value of whichever
/// kind it carries (gauge, counter, untyped, summary or histogram). Reused metric after metric.
/// </summary>
internal sealed class MetricMessage
{
    /// <summary>Each label's payload offsets: name start, name end, value start, value end.</summary>
    public List<(int NameStart, int NameEnd, int ValueStart, int ValueEnd)> Labels { get; } = [];

    /// <summary>The <c>timestamp_ms</c> field; 0 means none, as upstream reads it (proto3 cannot tell unset from 0).</summary>
    public long TimestampMs { get; private set; }

    /// <summary>The value of a gauge, counter or untyped metric (0 when the sub-message is missing, as upstream).</summary>
    public double Value { get; private set; }

    /// <summary>A summary's <c>sample_count</c>.</summary>
    public ulong SummaryCount { get; private set; }

    /// <summary>A summary's <c>sample_sum</c>.</summary>
    public double SummarySum { get; private set; }

    /// <summary>A summary's quantiles, in the order given.</summary>
    public List<(double Quantile, double Value)> Quantiles { get; } = [];

    /// <summary>The histogram fields (classic and native).</summary>
    public ExposedHistogram Histogram { get; } = new();

    /// <summary>Reads the metric message at payload[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public void Read(ReadOnlySpan<byte> payload, int start, int end)
    {
        Labels.Clear();
        Quantiles.Clear();
        Histogram.Reset();
        (TimestampMs, Value, SummaryCount, SummarySum) = (0, 0, 0, 0);
        var reader = new ProtoReader(payload[start..end]);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    var pair = WireFields.Bytes(ref reader, wireType, "Metric", "label");
                    ReadLabel(pair, start + reader.Position - pair.Length);
                    break;
                case 2 or 3 or 5:
                    Value = ReadValue(WireFields.Bytes(ref reader, wireType, "Metric", field == 2 ? "gauge" : field == 3 ? "counter" : "untyped"));
                    break;
                case 4:
                    ReadSummary(WireFields.Bytes(ref reader, wireType, "Metric", "summary"));
                    break;
                case 6:
                    TimestampMs = unchecked((long)WireFields.Varint(ref reader, wireType, "Metric", "timestamp_ms"));
                    break;
                case 7:
                    Histogram.Read(WireFields.Bytes(ref reader, wireType, "Metric", "histogram"));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
    }

    private void ReadLabel(ReadOnlySpan<byte> pair, int pairStart)
    {
        var reader = new ProtoReader(pair);
        int nameStart = pairStart, nameEnd = pairStart, valueStart = pairStart, valueEnd = pairStart;
        while (reader.Next(out var field, out var wireType))
        {
            if (field is 1 or 2)
            {
                var length = WireFields.Bytes(ref reader, wireType, "LabelPair", field == 1 ? "name" : "value").Length;
                var fieldEnd = pairStart + reader.Position;
                (nameStart, nameEnd, valueStart, valueEnd) = field == 1
                    ? (fieldEnd - length, fieldEnd, valueStart, valueEnd)
                    : (nameStart, nameEnd, fieldEnd - length, fieldEnd);
                continue;
            }
            reader.Skip(wireType);
        }
        Labels.Add((nameStart, nameEnd, valueStart, valueEnd));
    }

    /// <summary>Gauge, Counter and Untyped all keep their value in field 1 (a counter's exemplar and start time are skipped).</summary>
    private static double ReadValue(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        var value = 0.0;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1)
            {
                value = WireFields.Double(ref reader, wireType, "Metric", "value");
                continue;
            }
            reader.Skip(wireType);
        }
        return value;
    }

    private void ReadSummary(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    SummaryCount = WireFields.Varint(ref reader, wireType, "Summary", "sample_count");
                    break;
                case 2:
                    SummarySum = WireFields.Double(ref reader, wireType, "Summary", "sample_sum");
                    break;
                case 3:
                    Quantiles.Add(ReadQuantile(WireFields.Bytes(ref reader, wireType, "Summary", "quantile")));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
    }

    private static (double Quantile, double Value) ReadQuantile(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        double quantile = 0, value = 0;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    quantile = WireFields.Double(ref reader, wireType, "Quantile", "quantile");
                    break;
                case 2:
                    value = WireFields.Double(ref reader, wireType, "Quantile", "value");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return (quantile, value);
    }
}
