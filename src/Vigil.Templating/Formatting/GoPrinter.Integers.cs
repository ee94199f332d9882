using System.Globalization;
using System.Numerics;
using System.Text;
using Vigil.Model;

namespace Vigil.Templating.Formatting;

/// <summary>Integer verbs: %d %b %o %O %x %X %c %q %U with Go's flags.</summary>
internal sealed partial class GoPrinter
{
    private void PrintInteger(long n, bool unsigned, GoFormatSpec spec, object arg) =>
        PrintBig(n, unsigned, spec, arg);

    private void PrintUnsigned(ulong n, GoFormatSpec spec, object arg) => PrintBig(n, true, spec, arg);

    private void PrintBig(BigInteger n, bool unsigned, GoFormatSpec spec, object arg)
    {
        switch (spec.Verb)
        {
            case 'v' or 'd':
                PrintDigits(n, 10, spec, "");
                return;
            case 'b':
                PrintDigits(n, 2, spec, spec.Sharp ? "0b" : "");
                return;
            case 'o':
                PrintDigits(n, 8, spec, spec.Sharp ? "0" : "");
                return;
            case 'O':
                PrintDigits(n, 8, spec, "0o");
                return;
            case 'x' or 'X':
                PrintDigits(n, 16, spec, spec.Sharp ? (spec.Verb == 'x' ? "0x" : "0X") : "");
                return;
            case 'c':
                Pad(RuneText(n), spec);
                return;
            case 'q':
                Pad(QuoteRune(n), spec);
                return;
            case 'U':
                PrintUnicode(n, spec);
                return;
            default:
                _ = unsigned;
                BadVerb(arg, spec);
                return;
        }
    }

    private void PrintDigits(BigInteger n, int radix, GoFormatSpec spec, string prefix)
    {
        var negative = n.Sign < 0;
        var digits = ToRadix(BigInteger.Abs(n), radix);
        if (spec.Verb == 'X')
        {
            digits = digits.ToUpperInvariant();
        }
        if (spec.PrecPresent)
        {
            if (spec.Prec == 0 && n.IsZero)
            {
                Pad("", spec with { Zero = false });
                return;
            }
            digits = digits.PadLeft(spec.Prec, '0');
        }
        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        if (spec.Zero && spec.WidthPresent && !spec.Minus && !spec.PrecPresent)
        {
            var room = spec.Width - sign.Length - prefix.Length;
            digits = digits.PadLeft(Math.Max(room, digits.Length), '0');
        }
        Pad(sign + prefix + digits, spec with { Zero = false });
    }

    private static string ToRadix(BigInteger n, int radix)
    {
        if (radix == 10)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }
        if (n.IsZero)
        {
            return "0";
        }
        var sb = new StringBuilder();
        while (!n.IsZero)
        {
            var d = (int)(n % radix);
            sb.Insert(0, "0123456789abcdef"[d]);
            n /= radix;
        }
        return sb.ToString();
    }

    private static string RuneText(BigInteger n) =>
        n >= 0 && n <= 0x10FFFF && Rune.IsValid((int)n) ? char.ConvertFromUtf32((int)n) : "\uFFFD";

    private static string QuoteRune(BigInteger n)
    {
        var text = RuneText(n);
        if (text == "'")
        {
            return "'\\''";
        }
        var quoted = GoString.Quote(text);
        return "'" + quoted[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) + "'";
    }

    private void PrintUnicode(BigInteger n, GoFormatSpec spec)
    {
        var hex = ToRadix(BigInteger.Abs(n), 16).ToUpperInvariant();
        var digits = hex.PadLeft(spec.PrecPresent ? Math.Max(spec.Prec, 4) : 4, '0');
        var text = "U+" + digits;
        if (spec.Sharp && n >= 0 && n <= 0x10FFFF && Rune.IsValid((int)n) && GoString.IsPrint(new Rune((int)n)))
        {
            text += " '" + RuneText(n) + "'";
        }
        Pad(text, spec);
    }
}
