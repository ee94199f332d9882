using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>A chunk as it travels: its time range, encoding number (1 is XOR) and bytes.</summary>
/// <param name="MinTimeMs">Its first sample's timestamp.</param>
/// <param name="MaxTimeMs">Its last sample's timestamp.</param>
/// <param name="Encoding">Upstream's chunk encoding number.</param>
/// <param name="Data">The chunk bytes.</param>
public sealed record WireChunk(long MinTimeMs, long MaxTimeMs, int Encoding, ReadOnlyMemory<byte> Data)
{
    /// <summary>The XOR encoding number.</summary>
    public const int Xor = 1;

    /// <summary>Upstream's histogram chunk with integer counts.</summary>
    public const int Histogram = 2;

    /// <summary>Upstream's histogram chunk with float counts.</summary>
    public const int FloatHistogram = 3;
}

/// <summary>One series of a streamed response: labels and (part of) its chunks.</summary>
/// <param name="Labels">The series' labels.</param>
/// <param name="Chunks">Its chunks in time order.</param>
public sealed record ChunkedSeries(LabelSet Labels, IReadOnlyList<WireChunk> Chunks);

/// <summary>A decoded <c>prometheus.ChunkedReadResponse</c>.</summary>
/// <param name="Series">The series it carries (upstream's server sends one per message).</param>
/// <param name="QueryIndex">Which query of the request it answers.</param>
public sealed record ChunkedResponse(IReadOnlyList<ChunkedSeries> Series, long QueryIndex);

/// <summary>Reads and writes <c>prometheus.ChunkedReadResponse</c> messages (the payload of one frame).</summary>
public static class ChunkedMessages
{
    /// <summary>The message for one series' chunks answering query <paramref name="queryIndex"/>.</summary>
    public static byte[] Encode(ChunkedSeries series, long queryIndex)
    {
        var output = new ProtoBuffer(1024);
        output.Message(1, s =>
        {
            WireLabels.Write(s, 1, series.Labels);
            foreach (var chunk in series.Chunks)
            {
                s.Message(2, c =>
                {
                    c.Varint(1, unchecked((ulong)chunk.MinTimeMs));
                    c.Varint(2, unchecked((ulong)chunk.MaxTimeMs));
                    c.Varint(3, (ulong)chunk.Encoding);
                    c.Bytes(4, chunk.Data.Span);
                });
            }
        });
        output.Varint(2, unchecked((ulong)queryIndex));
        return output.ToArray();
    }

    /// <summary>The encoded size of one chunk field, as the server budgets frames.</summary>
    public static int ChunkSize(int dataLength, long minTime, long maxTime)
    {
        var inner = 1 + ProtoBuffer.VarintSize(unchecked((ulong)minTime)) + 1 + ProtoBuffer.VarintSize(unchecked((ulong)maxTime)) + 2
            + 1 + ProtoBuffer.VarintSize((ulong)dataLength) + dataLength;
        return 1 + ProtoBuffer.VarintSize((ulong)inner) + inner;
    }

    /// <summary>Decodes one message; throws <see cref="ReadCodecException"/> when it cannot.</summary>
    public static ChunkedResponse Decode(ReadOnlySpan<byte> message)
    {
        try
        {
            var series = new List<ChunkedSeries>();
            long index = 0;
            var reader = new ProtoReader(message);
            while (reader.Next(out var field, out var wireType))
            {
                switch (field)
                {
                    case 1 when wireType == ProtoReader.LengthDelimited:
                        series.Add(DecodeSeries(reader.ReadBytes()));
                        break;
                    case 2 when wireType == ProtoReader.Varint:
                        index = unchecked((long)reader.ReadVarint());
                        break;
                    default:
                        reader.Skip(wireType);
                        break;
                }
            }
            return new ChunkedResponse(series, index);
        }
        catch (FormatException e)
        {
            throw new ReadCodecException($"unable to unmarshal chunked response: {e.Message}");
        }
    }

    private static ChunkedSeries DecodeSeries(ReadOnlySpan<byte> bytes)
    {
        var (labels, chunks) = WireLabels.DecodeSeries(bytes, DecodeChunk);
        return new ChunkedSeries(labels, chunks);
    }

    private static WireChunk DecodeChunk(ReadOnlySpan<byte> bytes)
    {
        long min = 0, max = 0;
        var encoding = 0;
        byte[] data = [];
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            var varint = wireType == ProtoReader.Varint;
            switch (field)
            {
                case 1 when varint:
                    min = unchecked((long)reader.ReadVarint());
                    break;
                case 2 when varint:
                    max = unchecked((long)reader.ReadVarint());
                    break;
                case 3 when varint:
                    encoding = unchecked((int)reader.ReadVarint());
                    break;
                case 4 when wireType == ProtoReader.LengthDelimited:
                    data = reader.ReadBytes().ToArray();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new WireChunk(min, max, encoding, data);
    }
}
