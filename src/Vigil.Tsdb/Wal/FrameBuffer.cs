using System.Buffers;
using System.Buffers.Binary;
using Vigil.Model.Hashing;
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
    /// <summary>A sample's worst case: a 10-byte reference, a 10-byte relative timestamp, 8 value bytes.</summary>
    private const int MaxSampleBytes = 28;

    private byte[] _buffer;
    private int _length;
    private int _recordStart = -1;

    public FrameBuffer(int capacityHint) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, capacityHint));

    /// <summary>The framed records written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>
    /// The most bytes a framed samples record of <paramref name="count"/> samples can take. Sizing the buffer
    /// with it means it is rented once: every size rented on the way up would stay in the pool.
    /// </summary>
    public static int SamplesRecordBound(int count) => (count * MaxSampleBytes) + 24 + SegmentReader.HeaderSize;

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
    public void AddSamples(ReadOnlySpan<PendingSample> samples)
    {
        Begin();
        Ensure((samples.Length * MaxSampleBytes) + 24);
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
            ArrayPool<byte>.Shared.Return(_buffer);
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
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + more, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
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

    private void Varint(long x) => Uvarint(unchecked((ulong)((x << 1) ^ (x >> 63))));
}
