using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Model.Time;

namespace Vigil.PromQL.Testing;

/// <summary>Reads the PromQL test-script language (see the conformance README) into commands.</summary>
public static partial class ScriptParser
{
    [GeneratedRegex(@"^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$")]
    private static partial Regex EvalInstant();

    [GeneratedRegex(@"^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$")]
    private static partial Regex EvalRange();

    [GeneratedRegex(@"^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$")]
    private static partial Regex Expect();

    [GeneratedRegex(@"^expect\s+range\s+vector\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)$")]
    private static partial Regex ExpectRange();

    /// <summary>Parses a script.</summary>
    public static List<ScriptCommand> Parse(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Select(l => l.StartsWith('#') ? "" : l).ToArray();
        var commands = new List<ScriptCommand>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }
            var block = new List<string>();
            var first = i;
            // "clear" is a one-line command; load and eval own the lines up to the next blank line.
            while (line != "clear" && i + 1 < lines.Length && lines[i + 1].Length > 0)
            {
                block.Add(lines[++i]);
            }
            commands.Add(ParseCommand(line, first + 1, block));
        }
        return commands;
    }

    private static ScriptCommand ParseCommand(string line, int lineNo, List<string> block)
    {
        var word = line.Split(' ', 2)[0];
        if (word == "clear")
        {
            return new ClearCommand(lineNo);
        }
        if (word is "load" or "load_with_nhcb")
        {
            var interval = ParseTime(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            return ParseLoad(lineNo, interval, block, word == "load_with_nhcb");
        }
        if (word.StartsWith("eval", StringComparison.Ordinal))
        {
            return ParseEval(line, lineNo, block);
        }
        throw new FormatException($"line {lineNo}: unknown command \"{word}\"");
    }

    // A start-timestamp line applies to the series line right after it, which must name the same series and
    // have as many values.
    private static LoadCommand ParseLoad(int lineNo, long interval, List<string> block, bool withNhcb)
    {
        var series = new List<(Model.Labels.LabelSet Labels, List<SequenceValue> Values)>();
        var offsets = new Dictionary<int, List<long?>>();
        (Model.Labels.LabelSet Labels, List<long?> Offsets, int Line)? pending = null;
        for (var i = 0; i < block.Count; i++)
        {
            var at = lineNo + 1 + i;
            if (StartTimestampLines.IsStartLine(block[i]))
            {
                if (pending is not null)
                {
                    throw new FormatException($"line {pending.Value.Line}: @st line has no following sample line");
                }
                var (labels, stOffsets) = StartTimestampLines.Parse(block[i]);
                pending = (labels, stOffsets, at);
                continue;
            }
            var parsed = SeriesDescription.Parse(block[i]);
            if (pending is { } p)
            {
                if (!p.Labels.Equals(parsed.Labels))
                {
                    throw new FormatException($"line {p.Line}: @st metric does not match the following sample line metric");
                }
                if (p.Offsets.Count != parsed.Values.Count)
                {
                    throw new FormatException($"line {p.Line}: @st line has {p.Offsets.Count} values but sample line has {parsed.Values.Count}");
                }
                offsets[series.Count] = p.Offsets;
                pending = null;
            }
            series.Add(parsed);
        }
        if (pending is not null)
        {
            throw new FormatException($"line {pending.Value.Line}: @st line has no following sample line");
        }
        return new LoadCommand(lineNo, interval, series, withNhcb) { StartOffsets = offsets };
    }

    private static EvalCommand ParseEval(string line, int lineNo, List<string> block)
    {
        EvalCommand cmd;
        string? modifier;
        var m = EvalInstant().Match(line);
        if (m.Success)
        {
            modifier = m.Groups[1].Value;
            cmd = new EvalCommand(lineNo, m.Groups[3].Value) { Start = ParseTime(m.Groups[2].Value), End = ParseTime(m.Groups[2].Value) };
        }
        else
        {
            m = EvalRange().Match(line);
            if (!m.Success)
            {
                throw new FormatException($"line {lineNo}: invalid eval command");
            }
            modifier = m.Groups[1].Value;
            cmd = new EvalCommand(lineNo, m.Groups[5].Value)
            {
                IsRange = true,
                Start = ParseTime(m.Groups[2].Value),
                End = ParseTime(m.Groups[3].Value),
                Step = ParseTime(m.Groups[4].Value),
            };
        }
        if (modifier.Length > 0)
        {
            cmd.Expectations.Add(new Expectation(modifier, null, null));
        }
        foreach (var b in block)
        {
            ParseExpectationLine(cmd, b);
        }
        return cmd;
    }

    private static void ParseExpectationLine(EvalCommand cmd, string line)
    {
        var m = Expect().Match(line);
        if (m.Success)
        {
            var isRegex = m.Groups[2].Value == "regex";
            var text = m.Groups[3].Success ? m.Groups[3].Value.Trim() : null;
            cmd.Expectations.Add(new Expectation(m.Groups[1].Value, isRegex ? null : text, isRegex ? text : null));
            return;
        }
        m = ExpectRange().Match(line);
        if (m.Success)
        {
            cmd.RangeVector = (ParseTime(m.Groups[1].Value), ParseTime(m.Groups[2].Value), ParseTime(m.Groups[3].Value));
            return;
        }
        if (line.StartsWith("expect string", StringComparison.Ordinal))
        {
            cmd.String = Parser.PromQLParser.Parse(line["expect string".Length..].Trim()) is Parser.StringLiteral s ? s.Value : "";
            return;
        }
        if (IsNumber(line))
        {
            cmd.Scalar = SeriesDescription.ParseValue(line);
            return;
        }
        var series = SeriesDescription.Parse(line);
        cmd.HasHistograms |= series.Values.Any(v => v.IsHistogram);
        cmd.Series.Add(series);
    }

    private static bool IsNumber(string line)
    {
        try
        {
            SeriesDescription.ParseValue(line);
            return !line.Contains(' ');
        }
        catch (Exception e) when (e is FormatException or Parser.ParseException)
        {
            return false;
        }
    }

    /// <summary>Parses an eval time or step: a duration (<c>5m</c>) or seconds (<c>0</c>, <c>1.5</c>).</summary>
    public static long ParseTime(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        if (PromDuration.TryParse(text, out var d, out _))
        {
            return (long)d.TotalMilliseconds;
        }
        return (long)Math.Round(double.Parse(text, CultureInfo.InvariantCulture) * 1000);
    }
}
