using System.Globalization;
using System.Text;
using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.Model.Time;

namespace Vigil.PromQL.Parser;

/// <summary>Prints a syntax tree as canonical PromQL, the way upstream's <c>String()</c> does.</summary>
public static class Printer
{
    /// <summary>The canonical text of <paramref name="expr"/>.</summary>
    public static string Print(Expr expr) => expr switch
    {
        NumberLiteral { IsDuration: true } n => n.Value < 0 ? "-" + Duration((long)Math.Round(-n.Value * 1000)) : Duration((long)Math.Round(n.Value * 1000)),
        NumberLiteral n => FormatNumber(n.Value),
        StringLiteral s => GoString.Quote(s.Value),
        ParenExpr p => "(" + Print(p.Inner) + ")",
        UnaryExpr u => OpText(u.Op) + Print(u.Operand),
        VectorSelector v => PrintSelector(v) + Modifiers(v),
        MatrixSelector m => PrintSelector(m.Selector) + "[" + DurationOrExpr(m.Range, m.RangeExpr) + "]" + Modifiers(m.Selector),
        SubqueryExpr s => Print(s.Inner) + "[" + DurationOrExpr(s.Range, s.RangeExpr) + ":" + (s.StepExpr is not null || s.Step > 0 ? DurationOrExpr(s.Step, s.StepExpr) : "") + "]" + Modifiers(s),
        BinaryExpr b => PrintBinary(b),
        AggregateExpr a => PrintAggregate(a),
        Call c => c.Function.Name + "(" + string.Join(", ", c.Args.Select(Print)) + ")",
        _ => expr.GetType().Name,
    };

    /// <summary>Formats a float like Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c>, as upstream prints number literals.</summary>
    public static string FormatNumber(double v)
    {
        if (double.IsPositiveInfinity(v))
        {
            return "+Inf";
        }
        if (double.IsNegativeInfinity(v))
        {
            return "-Inf";
        }
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('E') ? ExpandExponent(r) : r;
    }

    /// <summary>
    /// Formats a float like Go's <c>strconv.FormatFloat(v, 'e', -1, 64)</c>: the shortest round-trip digits
    /// with an exponent of at least two digits (<c>3.5e-07</c>, <c>1e+21</c>). Upstream's API writes values
    /// this way when they are below 1e-6 or from 1e21 on.
    /// </summary>
    public static string FormatExponent(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return FormatNumber(v);
        }
        // Start from "R" (the shortest round-trip digits): a custom format such as "0.####E+00" rounds to
        // 15 significant digits and would print 0.30000000000000004 as 3e-01.
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('E') ? r.Replace('E', 'e') : PositionalToExponent(r);
    }

    // "0.30000000000000004" -> "3.0000000000000004e-01", "50" -> "5e+01", "-0" -> "-0e+00".
    private static string PositionalToExponent(string r)
    {
        var negative = r[0] == '-';
        var text = negative ? r[1..] : r;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = text.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        var significant = digits.Trim('0');
        var sign = negative ? "-" : "";
        if (significant.Length == 0)
        {
            return sign + "0e+00";
        }
        var exponent = (point < 0 ? text.Length : point) - 1 - leadingZeros;
        var mantissa = significant.Length == 1 ? significant : significant[0] + "." + significant[1..];
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    // The shortest round-trip digits of "R" ("3.6438E-15") written out positionally, as Go's 'f' format does;
    // going through decimal would cut tiny values to 28 decimal places.
    private static string ExpandExponent(string r)
    {
        var negative = r[0] == '-';
        var text = negative ? r[1..] : r;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = text[..e];
        var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var decimalPoint = (point < 0 ? mantissa.Length : point) + exponent;
        var body = decimalPoint <= 0
            ? "0." + new string('0', -decimalPoint) + digits
            : decimalPoint >= digits.Length
                ? digits + new string('0', decimalPoint - digits.Length)
                : digits[..decimalPoint] + "." + digits[decimalPoint..];
        return negative ? "-" + body : body;
    }

    /// <summary>How an operator is written in PromQL (<c>+</c>, <c>==</c>, <c>and</c>, ...).</summary>
    public static string OpText(TokenKind op) => op switch
    {
        TokenKind.Add => "+",
        TokenKind.Sub => "-",
        TokenKind.Mul => "*",
        TokenKind.Div => "/",
        TokenKind.Mod => "%",
        TokenKind.Pow => "^",
        TokenKind.Eql => "==",
        TokenKind.Neq => "!=",
        TokenKind.Lss => "<",
        TokenKind.Lte => "<=",
        TokenKind.Gtr => ">",
        TokenKind.Gte => ">=",
        TokenKind.TrimUpper => "</",
        TokenKind.TrimLower => ">/",
        TokenKind.And => "and",
        TokenKind.Or => "or",
        TokenKind.Unless => "unless",
        TokenKind.Atan2 => "atan2",
        _ => op.ToString(),
    };

    private static string Duration(long ms) => PromDuration.Format(TimeSpan.FromMilliseconds(ms));

    private static string DurationOrExpr(long ms, Expr? deferred) => deferred is null ? Duration(ms) : Print(deferred);

    private static string PrintSelector(VectorSelector v)
    {
        var parts = v.Matchers
            .Where(m => !(m.Name == LabelName.MetricName && m.Type == MatcherType.Equal && m.Value == v.Name && v.Name.Length > 0))
            .Select(m => m.ToString())
            .ToList();
        var name = v.Name.Length == 0 || LabelName.IsClassic(v.Name.Replace(':', '_')) ? v.Name : "";
        if (name.Length == 0 && v.Name.Length > 0)
        {
            parts.Insert(0, GoString.Quote(v.Name));
        }
        return parts.Count == 0 ? name : name + "{" + string.Join(", ", parts) + "}";
    }

    private static string Modifiers(ITimeModified m)
    {
        var sb = new StringBuilder();
        if (m is VectorSelector { Anchored: true })
        {
            sb.Append(" anchored");
        }
        if (m is VectorSelector { Smoothed: true })
        {
            sb.Append(" smoothed");
        }
        if (m.At is { } at)
        {
            sb.Append(" @ ").Append((at / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
        }
        else if (m.AtKind != AtKind.None)
        {
            sb.Append(m.AtKind == AtKind.Start ? " @ start()" : " @ end()");
        }
        if (m.OffsetExpr is not null)
        {
            sb.Append(" offset ").Append(Print(m.OffsetExpr));
        }
        else if (m.Offset > 0)
        {
            sb.Append(" offset ").Append(Duration(m.Offset));
        }
        else if (m.Offset < 0)
        {
            sb.Append(" offset -").Append(Duration(-m.Offset));
        }
        return sb.ToString();
    }

    private static string PrintBinary(BinaryExpr b)
    {
        var sb = new StringBuilder(Print(b.Lhs)).Append(' ').Append(BinaryOpText(b.Op));
        if (b.ReturnBool)
        {
            sb.Append(" bool");
        }
        if (b.Matching is { } vm)
        {
            if (vm.Explicit && (vm.MatchingLabels.Count > 0 || vm.On))
            {
                sb.Append(vm.On ? " on(" : " ignoring(").Append(string.Join(", ", vm.MatchingLabels)).Append(')');
            }
            if (vm.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany)
            {
                sb.Append(vm.Cardinality == MatchCardinality.ManyToOne ? " group_left" : " group_right");
                sb.Append('(').Append(string.Join(", ", vm.Include)).Append(')');
            }
            if (vm.FillLeft is { } fl && vm.FillRight is { } fr && (fl.Equals(fr)))
            {
                sb.Append(" fill(").Append(FormatNumber(fl)).Append(')');
            }
            else
            {
                if (vm.FillLeft is { } l)
                {
                    sb.Append(" fill_left(").Append(FormatNumber(l)).Append(')');
                }
                if (vm.FillRight is { } r)
                {
                    sb.Append(" fill_right(").Append(FormatNumber(r)).Append(')');
                }
            }
        }
        return sb.Append(' ').Append(Print(b.Rhs)).ToString();
    }

    internal static string BinaryOpText(TokenKind op) => OpText(op);

    private static string PrintAggregate(AggregateExpr a)
    {
        var sb = new StringBuilder(a.Op);
        if (a.HasGrouping)
        {
            sb.Append(a.Without ? " without (" : " by (").Append(string.Join(", ", a.Grouping)).Append(") ");
        }
        sb.Append('(');
        if (a.Param is not null)
        {
            sb.Append(Print(a.Param)).Append(", ");
        }
        return sb.Append(Print(a.Inner)).Append(')').ToString();
    }
}
