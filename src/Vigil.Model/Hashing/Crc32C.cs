using System.Buffers.Binary;
using System.Numerics;

namespace Vigil.Model.Hashing;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of every file Vigil writes and recovers (silence and notification
/// journals, the WAL, block indexes and chunks), as upstream uses it for the TSDB. Hardware-accelerated
/// through the CPU's CRC instruction where there is one.
/// </summary>
public static class Crc32C
{
    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return ~crc;
    }
}
