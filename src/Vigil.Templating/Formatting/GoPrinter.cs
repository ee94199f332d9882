using System.Collections;
using System.Globalization;
using System.Text;
using Vigil.Model;
using Vigil.Templating.Execution;

namespace Vigil.Templating.Formatting;

/// <summary>Prints single operands for <see cref="GoFormat"/>, dispatching on the Go kind of the value.</summary>
internal sealed partial class GoPrinter
{
    private int _depth;

    public StringBuilder Buffer { get; } = new();

    public void PrintArg(object? arg, GoFormatSpec spec)
    {
        if (arg is null)
        {
            if (spec.Verb is 'T' or 'v')
            {
                Pad("<nil>", spec);
            }
            else
            {
                BadVerb(null, spec);
            }
            return;
        }
        if (spec.Verb == 'T')
        {
            Pad(GoFormat.TypeName(arg), spec);
            return;
        }
        switch (arg)
        {
            case string s: PrintString(s, spec); return;
            case bool b: PrintBool(b, spec); return;
            case double or float or decimal: PrintFloat(arg, spec); return;
            case TimeSpan d when spec.Verb is not ('d' or 'x' or 'X' or 'o' or 'b'):
                PrintStringer(arg, Vigil.Model.Time.GoDurationText.Format(d), spec);
                return;
            case TimeSpan d: PrintInteger(d.Ticks * 100, false, spec, arg); return;
            case DateTimeOffset t: PrintStringer(arg, GoTimeFormat.ToGoString(t), spec); return;
            case DateTime t: PrintStringer(arg, GoTimeFormat.ToGoString(GoValues.ToOffset(t)), spec); return;
            case Exception e: PrintStringer(arg, e.Message, spec); return;
            case byte[] bytes when spec.Verb is 's' or 'q' or 'x' or 'X': PrintString(Encoding.UTF8.GetString(bytes), spec); return;
        }
        if (GoValues.TryGetInteger(arg, out var n))
        {
            PrintInteger(n, arg is ulong or uint or ushort or byte, spec, arg);
            return;
        }
        if (arg is ulong big)
        {
            PrintUnsigned(big, spec, arg);
            return;
        }
        PrintComposite(arg, spec);
    }

    private void PrintComposite(object arg, GoFormatSpec spec)
    {
        if (GoValues.HasStringer(arg.GetType()))
        {
            PrintStringer(arg, arg.ToString() ?? "", spec);
            return;
        }
        if (_depth > 16)
        {
            Buffer.Append("...");
            return;
        }
        _depth++;
        try
        {
            if (MapView.TryCreate(arg, out var map))
            {
                PrintMap(map, spec);
            }
            else if (arg is IEnumerable list)
            {
                PrintList(list, spec);
            }
            else
            {
                PrintStruct(arg, spec);
            }
        }
        finally
        {
            _depth--;
        }
    }

    private void PrintStringer(object arg, string text, GoFormatSpec spec)
    {
        if (spec.Verb is 'v' or 's' or 'x' or 'X' or 'q')
        {
            PrintString(text, spec);
            return;
        }
        BadVerb(arg, spec);
    }

    private void PrintMap(MapView map, GoFormatSpec spec)
    {
        Buffer.Append("map[");
        var first = true;
        foreach (var (key, value) in map.SortedEntries())
        {
            if (!first)
            {
                Buffer.Append(' ');
            }
            first = false;
            PrintArg(key, spec);
            Buffer.Append(':');
            PrintArg(value, spec);
        }
        Buffer.Append(']');
    }

    private void PrintList(IEnumerable list, GoFormatSpec spec)
    {
        Buffer.Append('[');
        var first = true;
        foreach (var item in list)
        {
            if (!first)
            {
                Buffer.Append(' ');
            }
            first = false;
            PrintArg(item, spec);
        }
        Buffer.Append(']');
    }

    private void PrintStruct(object arg, GoFormatSpec spec)
    {
        Buffer.Append('{');
        var first = true;
        foreach (var property in GoValues.DisplayProperties(arg.GetType()))
        {
            if (!first)
            {
                Buffer.Append(' ');
            }
            first = false;
            if (spec.PlusV)
            {
                Buffer.Append(property.Name).Append(':');
            }
            PrintArg(property.GetValue(arg), spec);
        }
        Buffer.Append('}');
    }

    private void PrintString(string s, GoFormatSpec spec)
    {
        switch (spec.Verb)
        {
            case 'v' when spec.SharpV:
                Pad(GoString.Quote(s), spec);
                return;
            case 'v' or 's':
                Pad(Truncate(s, spec), spec);
                return;
            case 'q':
                var t = Truncate(s, spec);
                Pad(spec.Sharp && !t.Contains('`', StringComparison.Ordinal) ? "`" + t + "`" : GoString.Quote(t), spec);
                return;
            case 'x' or 'X':
                PrintHexBytes(Encoding.UTF8.GetBytes(Truncate(s, spec)), spec);
                return;
            default:
                BadVerb(s, spec);
                return;
        }
    }

    private void PrintHexBytes(byte[] bytes, GoFormatSpec spec)
    {
        var sb = new StringBuilder();
        var format = spec.Verb == 'X' ? "X2" : "x2";
        for (var i = 0; i < bytes.Length; i++)
        {
            if (spec.Space && i > 0)
            {
                sb.Append(' ');
            }
            if (spec.Sharp && (spec.Space || i == 0))
            {
                sb.Append(spec.Verb == 'X' ? "0X" : "0x");
            }
            sb.Append(bytes[i].ToString(format, CultureInfo.InvariantCulture));
        }
        Pad(sb.ToString(), spec);
    }

    private static string Truncate(string s, GoFormatSpec spec)
    {
        if (!spec.PrecPresent)
        {
            return s;
        }
        var sb = new StringBuilder();
        var count = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (count++ >= spec.Prec)
            {
                break;
            }
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    private void PrintBool(bool b, GoFormatSpec spec)
    {
        if (spec.Verb is 't' or 'v')
        {
            Pad(b ? "true" : "false", spec);
            return;
        }
        BadVerb(b, spec);
    }

    private void PrintFloat(object arg, GoFormatSpec spec)
    {
        var v = Convert.ToDouble(arg, CultureInfo.InvariantCulture);
        var f32 = arg is float;
        var prec = spec.PrecPresent ? spec.Prec : -1;
        switch (spec.Verb)
        {
            case 'v':
                PadNumber(GoFloat.Format(v, 'g', prec, f32), spec);
                return;
            case 'g' or 'G':
                PadNumber(GoFloat.Format(v, (char)spec.Verb, prec, f32), spec);
                return;
            case 'e' or 'E' or 'f' or 'F':
                PadNumber(GoFloat.Format(v, spec.Verb == 'F' ? 'f' : (char)spec.Verb, spec.PrecPresent ? spec.Prec : 6, f32), spec);
                return;
            default:
                BadVerb(arg, spec);
                return;
        }
    }

    internal void BadVerb(object? arg, GoFormatSpec spec)
    {
        Buffer.Append("%!").Append(char.ConvertFromUtf32(spec.Verb)).Append('(');
        if (arg is null)
        {
            Buffer.Append("<nil>");
        }
        else
        {
            Buffer.Append(GoFormat.TypeName(arg)).Append('=');
            PrintArg(arg, spec with { Verb = 'v' });
        }
        Buffer.Append(')');
    }

    /// <summary>Pads a signed number: the sign goes before zero padding; '+' and ' ' flags add a sign.</summary>
    private void PadNumber(string num, GoFormatSpec spec)
    {
        var negative = num.StartsWith('-');
        var digits = negative || num.StartsWith('+') ? num[1..] : num;
        var sign = negative ? "-" : num.StartsWith('+') ? "+" : spec.Plus ? "+" : spec.Space ? " " : "";
        var infinite = digits is "Inf" or "NaN";
        if (digits == "NaN" && !spec.Plus && !spec.Space)
        {
            sign = "";
        }
        if (num == "+Inf" && !spec.Plus && !spec.Space && spec.Verb != 'v')
        {
            sign = "+";
        }
        if (spec.Zero && spec.WidthPresent && !spec.Minus && !infinite && spec.Width > sign.Length + digits.Length)
        {
            Buffer.Append(sign).Append('0', spec.Width - sign.Length - digits.Length).Append(digits);
            return;
        }
        Pad(sign + digits, spec with { Zero = false });
    }

    internal void Pad(string s, GoFormatSpec spec)
    {
        var width = spec.WidthPresent ? spec.Width : 0;
        var length = s.EnumerateRunes().Count();
        if (length >= width)
        {
            Buffer.Append(s);
            return;
        }
        if (spec.Minus)
        {
            Buffer.Append(s).Append(' ', width - length);
            return;
        }
        Buffer.Append(spec.Zero ? '0' : ' ', width - length).Append(s);
    }
}
