using System.Text;
using Vigil.Templating.Execution;

namespace Vigil.Templating.Formatting;

/// <summary>
/// Go's <c>fmt</c> printing: <c>Sprintf</c> with verbs, flags, width and precision, <c>Sprint</c>
/// and <c>Sprintln</c>, including Go's in-band error notes such as <c>%!d(string=x)</c>,
/// <c>%!s(MISSING)</c> and <c>%!(EXTRA int=1)</c>.
/// </summary>
public static class GoFormat
{
    /// <summary>Go's <c>fmt.Sprintf</c>.</summary>
    public static string Sprintf(string format, params object?[] args)
    {
        var printer = new GoPrinter();
        var argNum = 0;
        var reordered = false;
        var i = 0;
        while (i < format.Length)
        {
            var pct = format.IndexOf('%', i);
            if (pct < 0)
            {
                printer.Buffer.Append(format, i, format.Length - i);
                break;
            }
            printer.Buffer.Append(format, i, pct - i);
            i = ParseDirective(printer, format, pct + 1, args, ref argNum, ref reordered);
        }
        if (!reordered && argNum < args.Length)
        {
            AppendExtra(printer, args, argNum);
        }
        return printer.Buffer.ToString();
    }

    /// <summary>Go's <c>fmt.Sprint</c>: spaces between operands when neither side is a string.</summary>
    public static string Sprint(params object?[] args)
    {
        var printer = new GoPrinter();
        var prevString = false;
        for (var n = 0; n < args.Length; n++)
        {
            var isString = args[n] is string;
            if (n > 0 && !isString && !prevString)
            {
                printer.Buffer.Append(' ');
            }
            printer.PrintArg(args[n], new GoFormatSpec { Verb = 'v' });
            prevString = isString;
        }
        return printer.Buffer.ToString();
    }

    /// <summary>Go's <c>fmt.Sprintln</c>: operands separated by spaces, then a newline.</summary>
    public static string Sprintln(params object?[] args)
    {
        var printer = new GoPrinter();
        for (var n = 0; n < args.Length; n++)
        {
            if (n > 0)
            {
                printer.Buffer.Append(' ');
            }
            printer.PrintArg(args[n], new GoFormatSpec { Verb = 'v' });
        }
        return printer.Buffer.Append('\n').ToString();
    }

    /// <summary>Formats one value as Go's <c>%v</c>.</summary>
    public static string FormatValue(object? value)
    {
        var printer = new GoPrinter();
        printer.PrintArg(value, new GoFormatSpec { Verb = 'v' });
        return printer.Buffer.ToString();
    }

    /// <summary>A Go-flavoured name for the type of <paramref name="value"/> (<c>int</c>, <c>float64</c>, <c>map[string]string</c>).</summary>
    public static string TypeName(object? value) => value is null ? "<nil>" : GoTypeNames.Of(value.GetType());

    private static int ParseDirective(GoPrinter printer, string format, int i, object?[] args, ref int argNum, ref bool reordered)
    {
        var spec = new GoFormatSpec();
        i = ParseFlags(format, i, ref spec);
        var goodArgNum = true;
        var afterIndex = false;
        i = ParseArgIndex(format, i, args.Length, ref argNum, ref goodArgNum, ref afterIndex, ref reordered);
        i = ParseWidth(printer, format, i, args, ref spec, ref argNum, ref afterIndex);
        if (i < format.Length && format[i] == '.')
        {
            i++;
            if (afterIndex)
            {
                goodArgNum = false;
            }
            i = ParseArgIndex(format, i, args.Length, ref argNum, ref goodArgNum, ref afterIndex, ref reordered);
            i = ParsePrecision(printer, format, i, args, ref spec, ref argNum, ref afterIndex);
        }
        if (!afterIndex)
        {
            i = ParseArgIndex(format, i, args.Length, ref argNum, ref goodArgNum, ref afterIndex, ref reordered);
        }
        if (i >= format.Length)
        {
            printer.Buffer.Append("%!(NOVERB)");
            return i;
        }
        var rune = Rune.GetRuneAt(format, i);
        i += rune.Utf16SequenceLength;
        spec.Verb = rune.Value;
        Dispatch(printer, args, ref spec, ref argNum, goodArgNum);
        return i;
    }

    private static void Dispatch(GoPrinter printer, object?[] args, ref GoFormatSpec spec, ref int argNum, bool goodArgNum)
    {
        var verb = spec.Verb;
        if (verb == '%')
        {
            printer.Buffer.Append('%');
            return;
        }
        if (!goodArgNum)
        {
            printer.Buffer.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(BADINDEX)");
            return;
        }
        if (argNum >= args.Length)
        {
            printer.Buffer.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
            return;
        }
        if (verb == 'v')
        {
            spec.SharpV = spec.Sharp;
            spec.Sharp = false;
            spec.PlusV = spec.Plus;
            spec.Plus = false;
        }
        printer.PrintArg(args[argNum], spec);
        argNum++;
    }

    private static int ParseFlags(string format, int i, ref GoFormatSpec spec)
    {
        for (; i < format.Length; i++)
        {
            switch (format[i])
            {
                case '#': spec.Sharp = true; break;
                case '0': spec.Zero = !spec.Minus; break;
                case '+': spec.Plus = true; break;
                case '-': spec.Minus = true; spec.Zero = false; break;
                case ' ': spec.Space = true; break;
                default: return i;
            }
        }
        return i;
    }

    private static int ParseArgIndex(string format, int i, int numArgs, ref int argNum, ref bool ok, ref bool afterIndex, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return i;
        }
        reordered = true;
        var close = format.IndexOf(']', i + 1);
        if (close < 0)
        {
            ok = false;
            return format.Length;
        }
        if (int.TryParse(format.AsSpan(i + 1, close - i - 1), out var index) && index >= 1 && index <= numArgs)
        {
            argNum = index - 1;
            afterIndex = true;
        }
        else
        {
            ok = false;
        }
        return close + 1;
    }

    private static int ParseWidth(GoPrinter printer, string format, int i, object?[] args, ref GoFormatSpec spec, ref int argNum, ref bool afterIndex)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            spec.Width = IntFromArg(args, ref argNum, out var ok);
            spec.WidthPresent = ok;
            if (!ok)
            {
                printer.Buffer.Append("%!(BADWIDTH)");
            }
            if (spec.Width < 0)
            {
                spec.Width = -spec.Width;
                spec.Minus = true;
                spec.Zero = false;
            }
            afterIndex = false;
            return i;
        }
        var start = i;
        spec.Width = ParseNumber(format, ref i);
        spec.WidthPresent = i > start;
        return i;
    }

    private static int ParsePrecision(GoPrinter printer, string format, int i, object?[] args, ref GoFormatSpec spec, ref int argNum, ref bool afterIndex)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            spec.Prec = IntFromArg(args, ref argNum, out var ok);
            spec.PrecPresent = ok && spec.Prec >= 0;
            if (spec.Prec < 0)
            {
                spec.Prec = 0;
            }
            if (!ok)
            {
                printer.Buffer.Append("%!(BADPREC)");
            }
            afterIndex = false;
            return i;
        }
        spec.Prec = ParseNumber(format, ref i);
        spec.PrecPresent = true;
        return i;
    }

    private static int ParseNumber(string format, ref int i)
    {
        var n = 0;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            n = Math.Min((n * 10) + (format[i] - '0'), 1_000_000);
            i++;
        }
        return n;
    }

    private static int IntFromArg(object?[] args, ref int argNum, out bool ok)
    {
        ok = false;
        if (argNum >= args.Length)
        {
            return 0;
        }
        var arg = args[argNum++];
        if (GoValues.TryGetInteger(arg, out var n) && n is >= -1_000_000 and <= 1_000_000)
        {
            ok = true;
            return (int)n;
        }
        return 0;
    }

    private static void AppendExtra(GoPrinter printer, object?[] args, int from)
    {
        printer.Buffer.Append("%!(EXTRA ");
        for (var n = from; n < args.Length; n++)
        {
            if (n > from)
            {
                printer.Buffer.Append(", ");
            }
            if (args[n] is null)
            {
                printer.Buffer.Append("<nil>");
                continue;
            }
            printer.Buffer.Append(TypeName(args[n])).Append('=');
            printer.PrintArg(args[n], new GoFormatSpec { Verb = 'v' });
        }
        printer.Buffer.Append(')');
    }
}
