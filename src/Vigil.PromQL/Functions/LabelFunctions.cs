using System.Text;
using System.Text.RegularExpressions;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Functions;

/// <summary>Label manipulation and sorting functions.</summary>
internal static class LabelFunctions
{
    public static QueryValue Sort(Evaluator ev, Call c, long t, bool descending)
    {
        // Histograms have no value to sort by: they are left out, as upstream does.
        var samples = ev.EvalVector(c.Args[0], t).Where(s => s.Histogram is null).ToList();
        // NaN sorts last in both directions, as upstream.
        samples.Sort((a, b) =>
        {
            if (double.IsNaN(a.Value) || double.IsNaN(b.Value))
            {
                return double.IsNaN(a.Value).CompareTo(double.IsNaN(b.Value));
            }
            return descending ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value);
        });
        return new VectorValue(samples);
    }

    public static QueryValue SortByLabel(Evaluator ev, Call c, long t, bool descending)
    {
        var names = c.Args.Skip(1).Select(a => ((StringValue)ev.Eval(a, t)).Value).ToList();
        var samples = ev.EvalVector(c.Args[0], t).ToList();
        samples.Sort((a, b) =>
        {
            foreach (var name in names)
            {
                var cmp = NaturalCompare(a.Metric.Get(name), b.Metric.Get(name));
                if (cmp != 0)
                {
                    return descending ? -cmp : cmp;
                }
            }
            var all = LabelSetComparer.Instance.Compare(a.Metric, b.Metric);
            return descending ? -all : all;
        });
        return new VectorValue(samples);
    }

    public static QueryValue LabelReplace(Evaluator ev, Call c, long t)
    {
        var dst = StringArg(ev, c, 1, t);
        var replacement = StringArg(ev, c, 2, t);
        var src = StringArg(ev, c, 3, t);
        var pattern = StringArg(ev, c, 4, t);
        Regex regex;
        try
        {
            regex = GoRegex.CompileAnchored(pattern);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new QueryException($"invalid regular expression in label_replace(): {pattern}");
        }
        if (!LabelName.IsValid(dst) || dst.Contains('\uFFFD'))
        {
            throw new QueryException($"invalid destination label name in label_replace(): {dst}");
        }
        var result = new List<VectorSample>();
        foreach (var s in ev.EvalVector(c.Args[0], t))
        {
            var match = regex.Match(s.Metric.Get(src));
            if (!match.Success)
            {
                result.Add(s with { Timestamp = t });
                continue;
            }
            // Writing the name keeps it: a pending (delayed) name removal no longer applies.
            var metric = s.Metric.With(dst, Expand(replacement, match, regex));
            result.Add(s with { Metric = metric, Timestamp = t, DropName = s.DropName && dst != LabelName.MetricName });
        }
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    public static QueryValue LabelJoin(Evaluator ev, Call c, long t)
    {
        var dst = StringArg(ev, c, 1, t);
        var separator = StringArg(ev, c, 2, t);
        var sources = Enumerable.Range(3, c.Args.Count - 3).Select(i => StringArg(ev, c, i, t)).ToList();
        if (!LabelName.IsValid(dst) || dst.Contains('\uFFFD'))
        {
            throw new QueryException($"invalid destination label name in label_join(): {dst}");
        }
        var result = ev.EvalVector(c.Args[0], t)
            .Select(s => s with
            {
                Metric = s.Metric.With(dst, string.Join(separator, sources.Select(s.Metric.Get))),
                Timestamp = t,
                DropName = s.DropName && dst != LabelName.MetricName,
            })
            .ToList();
        Evaluator.EnsureUniqueLabelSets(result);
        return new VectorValue(result);
    }

    // Runs of digits compare by numeric value so that "cpu2" sorts before "cpu10".
    private static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
                var na = a[si..i].TrimStart('0');
                var nb = b[sj..j].TrimStart('0');
                var c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : string.CompareOrdinal(na, nb);
                if (c != 0)
                {
                    return c;
                }
                continue;
            }
            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }

    private static string StringArg(Evaluator ev, Call c, int i, long t) => ((StringValue)ev.Eval(c.Args[i], t)).Value;

    // Go's Regexp.Expand: $name or ${name}, where a bare name is the longest run of word characters.
    private static string Expand(string template, Match match, Regex regex)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '$' || i + 1 >= template.Length)
            {
                sb.Append(template[i]);
                continue;
            }
            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            string name;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    sb.Append('$');
                    continue;
                }
                name = template[(i + 2)..close];
                i = close;
            }
            else
            {
                var j = i + 1;
                while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_'))
                {
                    j++;
                }
                if (j == i + 1)
                {
                    sb.Append('$');
                    continue;
                }
                name = template[(i + 1)..j];
                i = j - 1;
            }
            sb.Append(GroupValue(match, regex, name));
        }
        return sb.ToString();
    }

    private static string GroupValue(Match match, Regex regex, string name)
    {
        if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            // The anchoring wrapper adds no capturing group, so numbers line up with the user's pattern.
            return n < match.Groups.Count ? match.Groups[n].Value : "";
        }
        return regex.GroupNumberFromName(name) >= 0 ? match.Groups[name].Value : "";
    }
}
