using System.Text;

namespace Vigil.Alertmanager.Silences;

/// <summary>
/// The size upstream measures against <c>--silences.max-silence-size-bytes</c>: the protobuf
/// encoding of its <c>MeshSilence</c> (the silence plus its expiry), computed field by field here
/// so a limit means the same number of bytes on both servers. Only the size is needed, never the
/// encoding itself.
/// </summary>
public static class SilenceWireSize
{
    // Field numbers of upstream's silence.proto messages; all below 16, so each tag is one byte.
    private const int TagBytes = 1;

    /// <summary>The encoded size of <paramref name="silence"/> kept <paramref name="retention"/> past its end.</summary>
    public static int Of(Silence silence, TimeSpan retention)
    {
        var body = SilenceBody(silence);
        return Embedded(body) + Embedded(Timestamp(silence.EndsAt + retention));
    }

    private static int SilenceBody(Silence s)
    {
        var size = Text(s.Id);
        // Upstream stores API matchers as one matcher set.
        size += Embedded(s.Matchers.Sum(m => Embedded(Varint0((int)ProtoType(m.Type)) + Text(m.Name) + Text(m.Value))));
        size += Embedded(Timestamp(s.StartsAt)) + Embedded(Timestamp(s.EndsAt)) + Embedded(Timestamp(s.UpdatedAt));
        size += Text(s.CreatedBy) + Text(s.Comment);
        foreach (var (key, value) in s.Annotations)
        {
            // Map entries always carry both key and value, even when empty.
            size += Embedded(AlwaysText(key) + AlwaysText(value));
        }

        return size;
    }

    private static int Timestamp(DateTimeOffset t)
    {
        var seconds = t.ToUnixTimeSeconds();
        var nanos = (int)(t.UtcTicks % TimeSpan.TicksPerSecond) * 100;
        return (seconds == 0 ? 0 : TagBytes + VarintLength((ulong)seconds)) + Varint0(nanos);
    }

    private static int ProtoType(Vigil.Model.Labels.MatcherType type) => type switch
    {
        Vigil.Model.Labels.MatcherType.Equal => 0,
        Vigil.Model.Labels.MatcherType.Regexp => 1,
        Vigil.Model.Labels.MatcherType.NotEqual => 2,
        _ => 3,
    };

    // proto3 leaves zero scalars and empty strings out.
    private static int Varint0(int value) => value == 0 ? 0 : TagBytes + VarintLength((ulong)value);

    private static int Text(string value) => value.Length == 0 ? 0 : AlwaysText(value);

    private static int AlwaysText(string value)
    {
        var n = Encoding.UTF8.GetByteCount(value);
        return TagBytes + VarintLength((ulong)n) + n;
    }

    private static int Embedded(int length) => TagBytes + VarintLength((ulong)length) + length;

    private static int VarintLength(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }
}
