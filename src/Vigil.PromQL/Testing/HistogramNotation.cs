using System.Globalization;
using Vigil.Model.Histograms;

namespace Vigil.PromQL.Testing;

/// <summary>
/// The test scripts' native histogram notation, <c>{{schema:1 sum:3 count:2 z_bucket:1 z_bucket_w:0.001
/// buckets:[1 2] offset:-1 n_buckets:[1] n_offset:0 counter_reset_hint:not_reset}}</c>, and its series
/// forms <c>{{...}}xN</c> (N+1 copies) and <c>{{a}}+{{b}}xN</c> / <c>{{a}}-{{b}}xN</c> (a, a±b, ... N+1 values).
/// </summary>
public static class HistogramNotation
{
    private static readonly string[] Keys =
        ["schema", "sum", "count", "z_bucket", "z_bucket_w", "buckets", "offset", "n_buckets", "n_offset", "counter_reset_hint", "custom_values"];

    /// <summary>
    /// Expands one series token that starts with <c>{{</c> into its values. A histogram kind Vigil does not
    /// model yet (custom buckets) still takes its places in the series, marked <see cref="SequenceValue.Unsupported"/>,
    /// so script runners can skip what reads it and report why.
    /// </summary>
    public static List<SequenceValue> Expand(string token)
    {
        try
        {
            return ExpandSupported(token);
        }
        catch (NotSupportedException e)
        {
            return Enumerable.Repeat(new SequenceValue(0, false, Unsupported: e.Message), CountValues(token)).ToList();
        }
    }

    private static List<SequenceValue> ExpandSupported(string token)
    {
        var (first, firstHintSet, rest) = ParseOne(token);
        if (rest.Length == 0)
        {
            return [Value(first, firstHintSet)];
        }
        if (rest[0] == 'x')
        {
            var copies = Times(rest[1..], token);
            return Enumerable.Repeat(Value(first, firstHintSet), copies + 1).ToList();
        }
        if (rest[0] is not ('+' or '-'))
        {
            throw new FormatException($"unexpected {rest[0]} after histogram in {token}: expected x, + or -");
        }
        var (step, stepHintSet, tail) = ParseOne(rest[1..]);
        if (!tail.StartsWith('x'))
        {
            throw new FormatException($"histogram series {token} needs a repeat count: {{{{a}}}}{rest[0]}{{{{b}}}}xN");
        }
        var n = Times(tail[1..], token);
        var sign = rest[0] == '+' ? 1 : -1;
        // As upstream, the whole expanded series takes the hint flag of the increment.
        var values = new List<SequenceValue>(n + 1) { Value(first, stepHintSet) };
        var current = first;
        for (var i = 1; i <= n; i++)
        {
            if (current.Schema > step.Schema)
            {
                throw new FormatException($"error combining histograms: cannot merge from schema {step.Schema} to {current.Schema}");
            }
            try
            {
                current = sign > 0 ? current.Add(step) : current.Subtract(step);
            }
            catch (IncompatibleHistogramsException e)
            {
                throw new FormatException($"error combining histograms in {token}: {e.Message}", e);
            }
            values.Add(Value(current, stepHintSet));
        }
        return values;
    }

    // How many values a token stands for: 1, or N+1 when it ends in "xN".
    private static int CountValues(string token)
    {
        var times = token.LastIndexOf("}}x", StringComparison.Ordinal);
        return times < 0 ? 1 : Times(token[(times + 3)..], token) + 1;
    }

    /// <summary>Parses exactly one <c>{{...}}</c>; the flag says whether it named a counter_reset_hint.</summary>
    public static (FloatHistogram Histogram, bool HintSet) Parse(string text)
    {
        var (histogram, hintSet, rest) = ParseOne(text.Trim());
        return rest.Length == 0 ? (histogram, hintSet) : throw new FormatException($"unexpected {rest} after histogram");
    }

    private static SequenceValue Value(FloatHistogram h, bool hintSet) => new(0, false, h, hintSet);

    private static int Times(string text, string token) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"invalid repeat count {text} in {token}");

    private static (FloatHistogram Histogram, bool HintSet, string Remainder) ParseOne(string text)
    {
        if (!text.StartsWith("{{", StringComparison.Ordinal))
        {
            throw new FormatException($"expected a histogram {{{{...}}}} at {text}");
        }
        var end = text.IndexOf("}}", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException($"histogram {text} is not closed with }}}}");
        }
        var fields = Fields(text[2..end]);
        return (Build(fields), fields.ContainsKey("counter_reset_hint"), text[(end + 2)..]);
    }

    // "key:value" items separated by blanks; a value is a word or a [..] list.
    private static Dictionary<string, string> Fields(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (true)
        {
            while (i < body.Length && char.IsWhiteSpace(body[i]))
            {
                i++;
            }
            if (i >= body.Length)
            {
                return fields;
            }
            var colon = body.IndexOf(':', i);
            if (colon < 0)
            {
                throw new FormatException($"histogram description item {body[i..].Trim()} is not key:value, e.g. buckets:[5 10 7]");
            }
            var key = body[i..colon].Trim();
            var valueEnd = body[(colon + 1)..].TrimStart().StartsWith('[')
                ? body.IndexOf(']', colon) + 1
                : IndexOfBlank(body, colon + 1);
            if (valueEnd <= 0)
            {
                throw new FormatException($"histogram {key} list is not closed with ]");
            }
            if (!Keys.Contains(key))
            {
                throw new FormatException($"unknown histogram key {key}; expected one of {string.Join(", ", Keys)}");
            }
            if (!fields.TryAdd(key, body[(colon + 1)..valueEnd].Trim()))
            {
                throw new FormatException($"duplicate key \"{key}\" in histogram");
            }
            i = valueEnd;
        }
    }

    private static int IndexOfBlank(string s, int from)
    {
        var i = from;
        while (i < s.Length && !char.IsWhiteSpace(s[i]))
        {
            i++;
        }
        return i;
    }

    private static FloatHistogram Build(Dictionary<string, string> f)
    {
        var schema = (int)Integer(f, "schema");
        if (f.ContainsKey("custom_values") || schema == FloatHistogram.CustomBucketsSchema)
        {
            return BuildCustom(f, schema);
        }
        if (schema is < FloatHistogram.MinSchema or > FloatHistogram.MaxSchema)
        {
            throw new FormatException($"histogram schema {schema} is out of range [{FloatHistogram.MinSchema}, {FloatHistogram.MaxSchema}]");
        }
        return new FloatHistogram(
            schema, Float(f, "z_bucket_w"), Float(f, "z_bucket"), Float(f, "count"), Float(f, "sum"),
            new BucketRun((int)Integer(f, "offset"), List(f, "buckets")),
            new BucketRun((int)Integer(f, "n_offset"), List(f, "n_buckets")),
            Hint(f));
    }

    // A histogram with custom bucket bounds: schema -53, no zero bucket, no negative buckets.
    private static FloatHistogram BuildCustom(Dictionary<string, string> f, int schema)
    {
        if (schema != FloatHistogram.CustomBucketsSchema)
        {
            throw new FormatException($"histogram custom_values need schema:{FloatHistogram.CustomBucketsSchema}, got schema:{schema}");
        }
        var bounds = List(f, "custom_values");
        for (var i = 1; i < bounds.Count; i++)
        {
            if (!(bounds[i] > bounds[i - 1]))
            {
                throw new FormatException($"histogram custom_values must be strictly increasing, got {bounds[i - 1]} then {bounds[i]}");
            }
        }
        var unused = new[] { "z_bucket", "z_bucket_w", "n_buckets", "n_offset" }.FirstOrDefault(f.ContainsKey);
        if (unused is not null)
        {
            throw new FormatException($"histogram with custom buckets cannot have {unused}");
        }
        return new FloatHistogram(
            schema, 0, 0, Float(f, "count"), Float(f, "sum"),
            new BucketRun((int)Integer(f, "offset"), List(f, "buckets")), BucketRun.Empty, Hint(f), bounds.ToArray());
    }

    private static double Float(Dictionary<string, string> f, string key) =>
        f.TryGetValue(key, out var text) ? Number(text, key) : 0;

    private static long Integer(Dictionary<string, string> f, string key)
    {
        if (!f.TryGetValue(key, out var text))
        {
            return 0;
        }
        var v = Number(text, key);
        return v == Math.Floor(v) && Math.Abs(v) < int.MaxValue ? (long)v : throw new FormatException($"histogram {key} must be an integer, got {text}");
    }

    private static List<double> List(Dictionary<string, string> f, string key)
    {
        if (!f.TryGetValue(key, out var text))
        {
            return [];
        }
        if (!text.StartsWith('[') || !text.EndsWith(']'))
        {
            throw new FormatException($"histogram {key} must be a list like [1 2 3], got {text}");
        }
        return text[1..^1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(v => Number(v, key)).ToList();
    }

    private static double Number(string text, string key)
    {
        try
        {
            return SeriesDescription.ParseValue(text);
        }
        catch (Exception e) when (e is FormatException or Parser.ParseException)
        {
            throw new FormatException($"histogram {key}: {text} is not a number", e);
        }
    }

    private static CounterResetHint Hint(Dictionary<string, string> f) =>
        !f.TryGetValue("counter_reset_hint", out var text) ? CounterResetHint.Unknown : text switch
        {
            "unknown" => CounterResetHint.Unknown,
            "reset" => CounterResetHint.Reset,
            "not_reset" => CounterResetHint.NotReset,
            "gauge" => CounterResetHint.Gauge,
            _ => throw new FormatException($"error parsing counter_reset_hint: unknown value {text} (expected unknown, reset, not_reset or gauge)"),
        };
}
