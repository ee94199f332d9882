using System.Globalization;
using System.Numerics;
using System.Text;

namespace Vigil.Templating.Parsing;

/// <summary>
/// A numeric or character constant. Like Go's, it records every representation the text admits
/// (int, uint, float) so the executor can pick the one the context needs.
/// </summary>
internal sealed class NumberNode : Node
{
    private NumberNode(int pos, string text)
        : base(pos) => Text = text;

    public string Text { get; }

    public bool IsInt { get; private set; }

    public bool IsUint { get; private set; }

    public bool IsFloat { get; private set; }

    public long Int64 { get; private set; }

    public ulong UInt64 { get; private set; }

    public double Float64 { get; private set; }

    /// <summary>Whether a character constant (<c>'a'</c>) spelled this number.</summary>
    public bool IsChar { get; private set; }

    public override string ToString() => Text;

    /// <summary>Parses a number or character token; throws <see cref="FormatException"/> with Go's message.</summary>
    public static NumberNode Create(int pos, string text, bool isChar)
    {
        var n = new NumberNode(pos, text);
        if (isChar)
        {
            n.SetChar();
            return n;
        }
        if (text.EndsWith('i'))
        {
            throw new FormatException("complex constants are not supported: " + Vigil.Model.GoString.Quote(text));
        }
        n.SetIntegers();
        if (n.IsInt)
        {
            n.IsFloat = true;
            n.Float64 = n.Int64;
        }
        else if (n.IsUint)
        {
            n.IsFloat = true;
            n.Float64 = n.UInt64;
        }
        else
        {
            n.SetFloat();
        }
        if (!n.IsInt && !n.IsUint && !n.IsFloat)
        {
            throw new FormatException("illegal number syntax: " + Vigil.Model.GoString.Quote(text));
        }
        return n;
    }

    private void SetChar()
    {
        IsChar = true;
        var inner = Text[1..^1];
        int rune;
        if (inner.StartsWith('\\'))
        {
            if (!Vigil.Model.GoString.TryUnquote("\"" + inner + "\"", 0, out var s, out var end, out _) || end != inner.Length + 2 || s.EnumerateRunes().Count() != 1)
            {
                throw new FormatException("malformed character constant: " + Text);
            }
            rune = Rune.GetRuneAt(s, 0).Value;
        }
        else if (Rune.DecodeFromUtf16(inner, out var r, out var used) == System.Buffers.OperationStatus.Done && used == inner.Length)
        {
            rune = r.Value;
        }
        else
        {
            throw new FormatException("malformed character constant: " + Text);
        }
        IsInt = IsUint = IsFloat = true;
        Int64 = rune;
        UInt64 = (ulong)rune;
        Float64 = rune;
    }

    private void SetIntegers()
    {
        if (!TryParseInteger(Text, out var value))
        {
            return;
        }
        if (value >= 0 && value <= ulong.MaxValue)
        {
            IsUint = true;
            UInt64 = (ulong)value;
        }
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            IsInt = true;
            Int64 = (long)value;
        }
    }

    private void SetFloat()
    {
        var clean = Text.Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return;
        }
        if (!Text.AsSpan().ContainsAny(".eEpP"))
        {
            throw new FormatException("integer overflow: " + Vigil.Model.GoString.Quote(Text));
        }
        IsFloat = true;
        Float64 = f;
        if (f == Math.Truncate(f) && f >= long.MinValue && f < 9.2233720368547758E+18)
        {
            IsInt = true;
            Int64 = (long)f;
        }
        if (f == Math.Truncate(f) && f >= 0 && f < 1.8446744073709552E+19)
        {
            IsUint = true;
            UInt64 = (ulong)f;
        }
    }

    /// <summary>Go's <c>strconv.ParseInt(text, 0, ...)</c> syntax: sign, 0x/0o/0b/0 prefixes, underscores.</summary>
    private static bool TryParseInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var (radix, digits) = SplitRadix(s);
        if (digits.Length == 0 || (digits.StartsWith('_') && radix == 10))
        {
            return false;
        }
        foreach (var c in digits.Replace("_", "", StringComparison.Ordinal))
        {
            var d = HexValue(c);
            if (d < 0 || d >= radix)
            {
                return false;
            }
            value = (value * radix) + d;
        }
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    private static (int Radix, string Digits) SplitRadix(string s)
    {
        if (s.Length > 1 && s[0] == '0')
        {
            return char.ToLowerInvariant(s[1]) switch
            {
                'x' => (16, s[2..]),
                'o' => (8, s[2..]),
                'b' => (2, s[2..]),
                _ => (8, s[1..]),
            };
        }
        return (10, s);
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
