namespace Vigil.PromQL.Parser;

/// <summary>
/// Arithmetic on durations (<c>[5m+30s]</c>, <c>offset (2*step())</c>): numbers are seconds, durations
/// are converted to seconds, and the result becomes milliseconds.
/// </summary>
public static class DurationExpressions
{
    /// <summary>Whether the expression needs the query's step or range, so it can only be computed per query.</summary>
    public static bool IsDeferred(Expr expr) =>
        AstWalker.DescendantsAndSelf(expr).OfType<Call>().Any(c => c.Function.Name is "step" or "range");

    /// <summary>
    /// The part of a range, step or offset that makes it a duration expression rather than a plain
    /// (possibly signed) literal, where upstream reports it when the feature is off; null for a literal.
    /// </summary>
    public static Expr? FirstGatedPart(Expr expr) => expr switch
    {
        NumberLiteral => null,
        UnaryExpr u => FirstGatedPart(u.Operand) is null ? null : u.Operand is ParenExpr p ? p.Inner : u,
        ParenExpr p => p.Inner,
        _ => expr,
    };

    /// <summary>Throws when the expression is not a valid duration expression.</summary>
    public static void Validate(Expr expr) => Seconds(expr, 0, 0);

    /// <summary>Evaluates to milliseconds with the query's step and range (both in milliseconds).</summary>
    public static long ToMilliseconds(Expr expr, long stepMs, long rangeMs)
    {
        var seconds = Seconds(expr, stepMs, rangeMs);
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            throw new ParseException(expr.Position, "duration expression evaluated to an invalid value: " + Printer.FormatNumber(seconds));
        }
        return (long)Math.Round(seconds * 1000);
    }

    private static double Seconds(Expr e, long stepMs, long rangeMs) => e switch
    {
        NumberLiteral n => n.Value,
        ParenExpr p => Seconds(p.Inner, stepMs, rangeMs),
        UnaryExpr u => u.Op == TokenKind.Sub ? -Seconds(u.Operand, stepMs, rangeMs) : Seconds(u.Operand, stepMs, rangeMs),
        BinaryExpr b when b.Op is TokenKind.Add or TokenKind.Sub or TokenKind.Mul or TokenKind.Div or TokenKind.Mod or TokenKind.Pow =>
            Arithmetic(b.Op, Seconds(b.Lhs, stepMs, rangeMs), Seconds(b.Rhs, stepMs, rangeMs)),
        Call { Function.Name: "step" } => stepMs / 1000.0,
        Call { Function.Name: "range" } => rangeMs / 1000.0,
        Call { Function.Name: "min_of" } c => Math.Min(Seconds(c.Args[0], stepMs, rangeMs), Seconds(c.Args[1], stepMs, rangeMs)),
        Call { Function.Name: "max_of" } c => Math.Max(Seconds(c.Args[0], stepMs, rangeMs), Seconds(c.Args[1], stepMs, rangeMs)),
        _ => throw new ParseException(e.Position, "invalid duration expression: " + e),
    };

    private static double Arithmetic(TokenKind op, double l, double r) => op switch
    {
        TokenKind.Add => l + r,
        TokenKind.Sub => l - r,
        TokenKind.Mul => l * r,
        TokenKind.Div => l / r,
        TokenKind.Mod => l % r,
        _ => Math.Pow(l, r),
    };

    /// <summary>Fills in every deferred range, step and offset of a parsed query.</summary>
    public static void Resolve(Expr root, long stepMs, long rangeMs)
    {
        foreach (var node in AstWalker.DescendantsAndSelf(root))
        {
            if (node is MatrixSelector m && m.RangeExpr is not null)
            {
                m.Range = ToMilliseconds(m.RangeExpr, stepMs, rangeMs);
            }
            if (node is SubqueryExpr s)
            {
                s.Range = s.RangeExpr is null ? s.Range : ToMilliseconds(s.RangeExpr, stepMs, rangeMs);
                s.Step = s.StepExpr is null ? s.Step : ToMilliseconds(s.StepExpr, stepMs, rangeMs);
            }
            if (node is ITimeModified t && t.OffsetExpr is not null)
            {
                t.Offset = ToMilliseconds(t.OffsetExpr, stepMs, rangeMs);
            }
        }
    }
}
