using Vigil.Model.Labels;
using Vigil.Storage.Pooling;

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
    public static WriteBatch Decode(ReadOnlySpan<byte> body) => Decode(body, cache: null);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte})"/>, looking each series up in <paramref name="cache"/> by its raw
    /// label fields first: a series written before gets its remembered entry, without decoding its labels again.
    /// </summary>
    public static WriteBatch Decode(ReadOnlySpan<byte> body, WrittenSeriesCache? cache)
    {
        var pool = LargeArrayPool<byte>.Shared;
        var raw = pool.Rent(UncompressedLength(body));
        try
        {
            int length;
            try
            {
                length = Snappier.Snappy.Decompress(body, raw);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
            {
                throw new WriteRequestException($"snappy: corrupt input (the body must be snappy block-compressed): {e.Message}");
            }
            return DecodeMessage(raw.AsSpan(0, length), cache);
        }
        finally
        {
            pool.Return(raw);
        }
    }

    /// <summary>
    /// The decompressed length the snappy header announces. A header claiming more than the body's elements
    /// could ever expand to (each copy element of at least 2 bytes yields at most 64) is refused before any
    /// buffer is rented for it.
    /// </summary>
    private static int UncompressedLength(ReadOnlySpan<byte> body)
    {
        int length;
        try
        {
            length = Snappier.Snappy.GetUncompressedLength(body);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new WriteRequestException($"snappy: corrupt input (the body must be snappy block-compressed): {e.Message}");
        }
        if (length < 0 || length > (body.Length * 32L) + 64)
        {
            throw new WriteRequestException($"snappy: corrupt input (the body must be snappy block-compressed): announced length {length} cannot come from {body.Length} bytes");
        }
        return length;
    }

    private static WriteBatch DecodeMessage(ReadOnlySpan<byte> message, WrittenSeriesCache? cache)
    {
        var batch = new WriteBatch(message.Length / BytesPerSampleEstimate);
        try
        {
            DecodeMessage(message, batch, cache);
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

    private static void DecodeMessage(ReadOnlySpan<byte> message, WriteBatch batch, WrittenSeriesCache? cache)
    {
        var reader = new ProtoReader(message);
        var labelFields = new List<Range>();
        var labels = new List<Label>();
        while (reader.Next(out var field, out var wireType))
        {
            if (field == TimeseriesField && wireType == ProtoReader.LengthDelimited)
            {
                var series = reader.ReadBytes();
                labelFields.Clear();
                var key = DecodeSeries(series, batch, labelFields);
                batch.EndSeries(Resolve(series, key, labelFields, labels, cache));
                batch.ThrowIfHistogramInvalid();
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    /// <summary>
    /// The series' entry: the cached one when its label bytes are known, otherwise its labels decoded and
    /// validated (and then cached, when the label fields form one run of bytes that can be the key).
    /// </summary>
    private static WrittenSeries Resolve(ReadOnlySpan<byte> series, Range key, List<Range> labelFields, List<Label> labels, WrittenSeriesCache? cache)
    {
        var rawLabels = series[key];
        var cacheable = cache is not null && !rawLabels.IsEmpty;
        if (cacheable && cache!.Find(rawLabels) is { } known)
        {
            return known;
        }
        labels.Clear();
        foreach (var field in labelFields)
        {
            labels.Add(RemoteRead.WireLabels.Decode(series[field]));
        }
        var set = SeriesLabels.Validate(labels);
        return cacheable ? cache!.Add(rawLabels, set) : new WrittenSeries(set);
    }

    /// <summary>
    /// Adds the series' samples to the batch and collects where its label messages are. Returns the run of bytes
    /// holding all its label fields (tags included), or an empty range when other fields interleave with them.
    /// </summary>
    private static Range DecodeSeries(ReadOnlySpan<byte> series, WriteBatch batch, List<Range> labelFields)
    {
        var reader = new ProtoReader(series);
        int fieldStart = 0, labelsStart = -1, labelsEnd = -1;
        var contiguous = true;
        while (reader.Next(out var field, out var wireType))
        {
            var delimited = wireType == ProtoReader.LengthDelimited;
            switch (field)
            {
                case LabelsField when delimited:
                    contiguous &= labelsEnd < 0 || labelsEnd == fieldStart;
                    labelsStart = labelsStart < 0 ? fieldStart : labelsStart;
                    var length = reader.ReadBytes().Length;
                    labelsEnd = reader.Position;
                    labelFields.Add(new Range(labelsEnd - length, labelsEnd));
                    break;
                case SamplesField when delimited:
                    DecodeSample(reader.ReadBytes(), batch);
                    break;
                case ExemplarsField when delimited:
                    batch.AddExemplar(reader.ReadBytes());
                    break;
                case HistogramsField when delimited:
                    batch.AddHistogram(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
            fieldStart = reader.Position;
        }
        return contiguous && labelsStart >= 0 ? new Range(labelsStart, labelsEnd) : default;
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
