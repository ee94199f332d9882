using Vigil.Model.Protobuf;

namespace Vigil.Scrape.Parsing.Protobuf;

/// <summary>Wire-type checks for the exposition format's messages: a known field of the wrong kind is an error, as upstream's decoder makes it.</summary>
internal static class WireFields
{
    /// <summary>Throws unless <paramref name="wireType"/> is <paramref name="expected"/> for field <paramref name="name"/>.</summary>
    public static void Expect(int wireType, int expected, string message, string name)
    {
        if (wireType != expected)
        {
            throw new FormatException($"{message}.{name} has wire type {wireType}, expected {expected}");
        }
    }

    /// <summary>Reads a double field after checking its wire type.</summary>
    public static double Double(ref ProtoReader reader, int wireType, string message, string name)
    {
        Expect(wireType, ProtoReader.Fixed64, message, name);
        return reader.ReadDouble();
    }

    /// <summary>Reads a varint field after checking its wire type.</summary>
    public static ulong Varint(ref ProtoReader reader, int wireType, string message, string name)
    {
        Expect(wireType, ProtoReader.Varint, message, name);
        return reader.ReadVarint();
    }

    /// <summary>Reads a length-delimited field (string, bytes, sub-message) after checking its wire type.</summary>
    public static ReadOnlySpan<byte> Bytes(ref ProtoReader reader, int wireType, string message, string name)
    {
        Expect(wireType, ProtoReader.LengthDelimited, message, name);
        return reader.ReadBytes();
    }
}
