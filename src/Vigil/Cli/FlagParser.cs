using System.Globalization;

namespace Vigil.Cli;

/// <summary>
/// A small kingpin-compatible parser for long flags: <c>--name=value</c>, <c>--name value</c>,
/// switches as <c>--flag</c> / <c>--no-flag</c> / <c>--flag=false</c>, repeatable flags, defaults,
/// <c>-h</c>/<c>--help</c>, and <c>--</c> ending flags. Mistakes throw <see cref="UsageException"/>
/// worded as kingpin words them, so scripts written for the upstream binaries see the same errors.
/// </summary>
public sealed class FlagParser(IReadOnlyList<FlagSpec> specs)
{
    private readonly Dictionary<string, FlagSpec> _byName = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The declared flags, in declaration order.</summary>
    public IReadOnlyList<FlagSpec> Specs { get; } = specs;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> on any mistake.</summary>
    public ParsedFlags Parse(IReadOnlyList<string> args)
    {
        var values = Specs.Where(s => s.Default is not null)
            .ToDictionary(s => s.Name, s => new List<string> { s.Default! }, StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var positional = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                i = ParseLong(args, i, values, set);
                continue;
            }
            if (arg.Length > 1 && arg[0] == '-')
            {
                throw new UsageException($"unknown short flag '{arg[..2]}'");
            }
            positional.Add(arg);
        }
        return new ParsedFlags(values, set, positional, help);
    }

    /// <summary>Reads a boolean the way Go's <c>strconv.ParseBool</c> does; null when it is not one.</summary>
    public static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    private int ParseLong(IReadOnlyList<string> args, int i, Dictionary<string, List<string>> values, HashSet<string> set)
    {
        var body = args[i][2..];
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        var name = eq >= 0 ? body[..eq] : body;
        string? value = eq >= 0 ? body[(eq + 1)..] : null;
        if (!_byName.TryGetValue(name, out var spec))
        {
            return ParseNegated(args[i], name, value, values, set) ? i : throw new UsageException($"unknown long flag '--{name}'");
        }
        if (spec.Kind == FlagKind.Bool)
        {
            Store(spec, value ?? "true", values, set);
            return i;
        }
        if (value is null)
        {
            if (i + 1 >= args.Count)
            {
                throw new UsageException($"expected argument for flag '--{name}'");
            }
            value = args[++i];
        }
        Store(spec, value, values, set);
        return i;
    }

    private bool ParseNegated(string arg, string name, string? value, Dictionary<string, List<string>> values, HashSet<string> set)
    {
        if (!name.StartsWith("no-", StringComparison.Ordinal) || !_byName.TryGetValue(name[3..], out var spec) || spec.Kind != FlagKind.Bool)
        {
            return false;
        }
        if (value is not null)
        {
            throw new UsageException($"unexpected argument in '{arg}': --no-{spec.Name} takes no value");
        }
        Store(spec, "false", values, set);
        return true;
    }

    private static void Store(FlagSpec spec, string value, Dictionary<string, List<string>> values, HashSet<string> set)
    {
        Validate(spec, value);
        if (set.Add(spec.Name))
        {
            // The first explicit value replaces the default.
            values[spec.Name] = [];
        }
        var list = values[spec.Name];
        if (!spec.Repeatable)
        {
            list.Clear();
        }
        list.Add(value);
    }

    private static void Validate(FlagSpec spec, string value)
    {
        var ok = spec.Kind switch
        {
            FlagKind.Bool => ParseBool(value) is not null,
            FlagKind.Duration => GoDuration.TryParse(value, out _),
            FlagKind.Int => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            FlagKind.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!ok)
        {
            throw new UsageException($"invalid value {Quote(value)} for flag '--{spec.Name}': {Expected(spec.Kind)}");
        }
    }

    private static string Expected(FlagKind kind) => kind switch
    {
        FlagKind.Bool => "expected true or false",
        FlagKind.Duration => "expected a duration such as 30s, 5m or 1h30m",
        FlagKind.Int => "expected an integer",
        _ => "expected a number",
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
