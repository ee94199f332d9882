namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// Reads and writes a remote read request body: a <c>prometheus.ReadRequest</c> protobuf message,
/// snappy block-compressed (field numbers from upstream's <c>prompb/remote.proto</c> and <c>types.proto</c>).
/// </summary>
public static class ReadRequestCodec
{
    /// <summary>Upstream reads at most 32 MiB of body and refuses to decompress to more than that.</summary>
    public const int DecodeLimit = 32 * 1024 * 1024;

    /// <summary>Decompresses and decodes <paramref name="body"/>; throws <see cref="ReadCodecException"/> saying what is wrong.</summary>
    public static ReadRequest Decode(ReadOnlySpan<byte> body)
    {
        var message = ReadCompression.Decompress(body, DecodeLimit);
        try
        {
            return DecodeMessage(message);
        }
        catch (FormatException e)
        {
            throw new ReadCodecException($"proto: cannot parse ReadRequest: {e.Message}");
        }
    }

    /// <summary>The snappy-compressed body for <paramref name="request"/>.</summary>
    public static byte[] Encode(ReadRequest request)
    {
        var output = new ProtoBuffer();
        foreach (var query in request.Queries)
        {
            output.Message(1, q => WriteQuery(q, query));
        }
        foreach (var type in request.AcceptedResponseTypes)
        {
            output.Varint(2, (ulong)type);
        }
        return Snappier.Snappy.CompressToArray(output.ToArray());
    }

    private static void WriteQuery(ProtoBuffer q, ReadQuery query)
    {
        q.Varint(1, unchecked((ulong)query.StartMs));
        q.Varint(2, unchecked((ulong)query.EndMs));
        foreach (var m in query.Matchers)
        {
            q.Message(3, w =>
            {
                w.Varint(1, (ulong)m.Type);
                w.String(2, m.Name);
                w.String(3, m.Value);
            });
        }
        if (query.Hints is { } h)
        {
            q.Message(4, w =>
            {
                w.Varint(1, unchecked((ulong)h.StepMs));
                w.String(2, h.Func);
                w.Varint(3, unchecked((ulong)h.StartMs));
                w.Varint(4, unchecked((ulong)h.EndMs));
                foreach (var g in h.Grouping)
                {
                    w.String(5, g);
                }
                w.Varint(6, h.By ? 1UL : 0UL);
                w.Varint(7, unchecked((ulong)h.RangeMs));
            });
        }
    }

    private static ReadRequest DecodeMessage(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        var queries = new List<ReadQuery>();
        var accepted = new List<int>();
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimited:
                    queries.Add(DecodeQuery(reader.ReadBytes()));
                    break;
                case 2 when wireType == ProtoReader.Varint:
                    accepted.Add(unchecked((int)reader.ReadVarint()));
                    break;
                case 2 when wireType == ProtoReader.LengthDelimited:
                    // Packed encoding of the repeated enum, which proto3 senders use.
                    var packed = new ProtoReader(reader.ReadBytes());
                    while (!packed.AtEnd)
                    {
                        accepted.Add(unchecked((int)packed.ReadVarint()));
                    }
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new ReadRequest(queries, accepted);
    }

    private static ReadQuery DecodeQuery(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        long start = 0, end = 0;
        var matchers = new List<WireMatcher>();
        ReadHints? hints = null;
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.Varint:
                    start = unchecked((long)reader.ReadVarint());
                    break;
                case 2 when wireType == ProtoReader.Varint:
                    end = unchecked((long)reader.ReadVarint());
                    break;
                case 3 when wireType == ProtoReader.LengthDelimited:
                    matchers.Add(DecodeMatcher(reader.ReadBytes()));
                    break;
                case 4 when wireType == ProtoReader.LengthDelimited:
                    hints = DecodeHints(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new ReadQuery(start, end, matchers, hints);
    }

    private static WireMatcher DecodeMatcher(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var type = 0;
        string name = "", value = "";
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.Varint:
                    type = unchecked((int)reader.ReadVarint());
                    break;
                case 2 when wireType == ProtoReader.LengthDelimited:
                    name = reader.ReadString();
                    break;
                case 3 when wireType == ProtoReader.LengthDelimited:
                    value = reader.ReadString();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new WireMatcher(type, name, value);
    }

    private static ReadHints DecodeHints(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        long step = 0, start = 0, end = 0, range = 0;
        var func = "";
        var grouping = new List<string>();
        var by = false;
        while (reader.Next(out var field, out var wireType))
        {
            var varint = wireType == ProtoReader.Varint;
            switch (field)
            {
                case 1 when varint:
                    step = unchecked((long)reader.ReadVarint());
                    break;
                case 2 when wireType == ProtoReader.LengthDelimited:
                    func = reader.ReadString();
                    break;
                case 3 when varint:
                    start = unchecked((long)reader.ReadVarint());
                    break;
                case 4 when varint:
                    end = unchecked((long)reader.ReadVarint());
                    break;
                case 5 when wireType == ProtoReader.LengthDelimited:
                    grouping.Add(reader.ReadString());
                    break;
                case 6 when varint:
                    by = reader.ReadVarint() != 0;
                    break;
                case 7 when varint:
                    range = unchecked((long)reader.ReadVarint());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new ReadHints(step, func, start, end, grouping, by, range);
    }
}
