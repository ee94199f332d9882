using System.Buffers.Binary;
using Vigil.Model.Hashing;
using Vigil.Storage.Pooling;
using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Wal;

/// <summary>
/// Builds framed WAL records (<see cref="SegmentReader"/>'s layout) in one buffer rented from the
/// shared pool, so a commit is encoded once, framed in place and written with a single call. A
/// commit of a large remote write request is megabytes; encoding it into fresh arrays (payload,
/// then frame, then the batch) made that much large-object garbage per request.
/// </summary>
internal sealed class FrameBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private int _recordStart = -1;

    public FrameBuffer(int capacityHint) => _buffer = LargeArrayPool<byte>.Shared.Rent(Math.Max(256, capacityHint));

    /// <summary>The framed records written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>
    /// The exact size of the framed samples record <see cref="AddSamples"/> writes for <paramref name="samples"/>.
    /// Sizing the buffer with it means it is rented once, at the size the record needs: every size rented on the
    /// way up would stay in the pool, and a worst-case bound (28 bytes a sample) rented buffers twice too big.
    /// </summary>
    public static int SamplesRecordSize(ReadOnlySpan<PendingSample> samples)
    {
        var baseTime = samples.Length > 0 ? samples[0].Timestamp : 0;
        long size = SegmentReader.HeaderSize + 1 + UvarintLength((ulong)samples.Length) + UvarintLength(ZigZag(baseTime));
        foreach (var (series, t, _) in samples)
        {
            size += UvarintLength(series.Ref) + UvarintLength(ZigZag(unchecked(t - baseTime))) + 8;
        }
        return (int)Math.Min(size, int.MaxValue);
    }

    /// <summary>Adds an already encoded payload as one framed record.</summary>
    public void AddRecord(ReadOnlySpan<byte> payload)
    {
        Begin();
        Ensure(payload.Length);
        payload.CopyTo(_buffer.AsSpan(_length));
        _length += payload.Length;
        End();
    }

    /// <summary>
    /// Adds a samples record with <see cref="WalRecords.DecodeSamples"/>'s layout: type, count, the
    /// first timestamp, then per sample the series reference, the timestamp relative to the first and
    /// the raw value bits.
    /// </summary>
    public void AddSamples(ReadOnlySpan<PendingSample> samples) => AddSamplesSized(samples, SamplesRecordSize(samples));

    /// <summary>
    /// A buffer rented at exactly the size of <paramref name="samples"/>' framed record, holding that record: the
    /// size is computed once, for the rent and the write.
    /// </summary>
    public static FrameBuffer WithSamples(ReadOnlySpan<PendingSample> samples)
    {
        var size = SamplesRecordSize(samples);
        var frames = new FrameBuffer(size);
        frames.AddSamplesSized(samples, size);
        return frames;
    }

    private void AddSamplesSized(ReadOnlySpan<PendingSample> samples, int recordSize)
    {
        Begin();
        Ensure(recordSize - SegmentReader.HeaderSize);
        _buffer[_length++] = (byte)WalRecordType.Samples;
        Uvarint((ulong)samples.Length);
        var baseTime = samples.Length > 0 ? samples[0].Timestamp : 0;
        Varint(baseTime);
        foreach (var (series, t, v) in samples)
        {
            Uvarint(series.Ref);
            Varint(unchecked(t - baseTime));
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), BitConverter.DoubleToUInt64Bits(v));
            _length += 8;
        }
        End();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            LargeArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Begin()
    {
        Ensure(SegmentReader.HeaderSize);
        _recordStart = _length;
        _length += SegmentReader.HeaderSize;
    }

    private void End()
    {
        var payload = _buffer.AsSpan(_recordStart + SegmentReader.HeaderSize, _length - _recordStart - SegmentReader.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_recordStart), (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_recordStart + 4), Crc32C.Compute(payload));
        _recordStart = -1;
    }

    /// <summary>Room for <paramref name="more"/> bytes; callers reserve whole records' worst case up front.</summary>
    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            var bigger = LargeArrayPool<byte>.Shared.Rent(Math.Max(_length + more, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            LargeArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }

    private void Uvarint(ulong x)
    {
        while (x >= 0x80)
        {
            _buffer[_length++] = (byte)(x | 0x80);
            x >>= 7;
        }
        _buffer[_length++] = (byte)x;
    }

    private void Varint(long x) => Uvarint(ZigZag(x));

    private static ulong ZigZag(long x) => unchecked((ulong)((x << 1) ^ (x >> 63)));

    private static int UvarintLength(ulong x) => x == 0 ? 1 : ((63 - System.Numerics.BitOperations.LeadingZeroCount(x)) / 7) + 1;
}
