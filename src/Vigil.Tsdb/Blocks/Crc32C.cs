using System.Numerics;

namespace Vigil.Tsdb.Blocks;

/// <summary>CRC32C (Castagnoli), the checksum upstream uses for block files; hardware-accelerated where the CPU has it.</summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BitConverter.ToUInt64(data.Slice(i, 8)));
        }
        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }
        return ~crc;
    }
}
