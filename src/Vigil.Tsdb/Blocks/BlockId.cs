using System.Security.Cryptography;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// Block ids in the ULID shape upstream uses: 48 bits of creation time (ms) then 80 random bits, written as
/// 26 Crockford base-32 characters, so ids sort by creation time and never collide between processes.
/// </summary>
public static class BlockId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new id stamped with <paramref name="time"/>'s current time.</summary>
    public static string New(TimeProvider time)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }
        RandomNumberGenerator.Fill(bytes[6..]);
        return Encode(bytes);
    }

    /// <summary>Whether <paramref name="name"/> has the shape of an id (a directory worth opening as a block).</summary>
    public static bool IsValid(string name) =>
        name.Length == 26 && name[0] <= '7' && name.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 128 bits as 26 five-bit groups; the first character carries only the top 3 bits.
        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var value = new UInt128(high, low);
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
