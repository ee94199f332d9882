using System.Globalization;

namespace Vigil.Cli;

/// <summary>
/// The result of parsing a command line: flag values (defaults filled in) and positional
/// arguments. Typed getters never fail: values were validated while parsing.
/// </summary>
public sealed class ParsedFlags
{
    private readonly Dictionary<string, List<string>> _values;
    private readonly HashSet<string> _explicit;

    internal ParsedFlags(Dictionary<string, List<string>> values, HashSet<string> explicitlySet, IReadOnlyList<string> arguments, bool help)
    {
        _values = values;
        _explicit = explicitlySet;
        Arguments = arguments;
        HelpRequested = help;
    }

    /// <summary>Positional arguments, in order.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Whether <c>--help</c> or <c>-h</c> was given.</summary>
    public bool HelpRequested { get; }

    /// <summary>Whether the user gave the flag (as opposed to it taking its default).</summary>
    public bool IsSet(string name) => _explicit.Contains(name);

    /// <summary>The last value of a flag, or its default, or "" when it has neither.</summary>
    public string String(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : "";

    /// <summary>Every value of a repeatable flag.</summary>
    public IReadOnlyList<string> Strings(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>A switch's value.</summary>
    public bool Bool(string name) => FlagParser.ParseBool(String(name)) ?? false;

    /// <summary>A duration flag's value.</summary>
    public TimeSpan Duration(string name) => GoDuration.TryParse(String(name), out var d) ? d : TimeSpan.Zero;

    /// <summary>An integer flag's value.</summary>
    public long Int(string name) => long.TryParse(String(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>A float flag's value.</summary>
    public double Float(string name) => double.TryParse(String(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
