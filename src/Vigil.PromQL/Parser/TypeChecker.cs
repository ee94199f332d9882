namespace Vigil.PromQL.Parser;

/// <summary>Checks operand types the way upstream's parser does after building the tree.</summary>
internal static class TypeChecker
{
    public static void Check(Expr expr)
    {
        switch (expr)
        {
            case ParenExpr p:
                Check(p.Inner);
                break;
            case VectorSelector v:
                CheckSelector(v);
                break;
            case MatrixSelector m:
                CheckSelector(m.Selector);
                break;
            case UnaryExpr u:
                Check(u.Operand);
                if (u.Operand.Type is not (ValueType.Scalar or ValueType.Vector))
                {
                    throw new ParseException(u.Position, $"unary expression only allowed on expressions of type scalar or instant vector, got \"{Describe(u.Operand.Type)}\"");
                }
                break;
            case SubqueryExpr s:
                Check(s.Inner);
                if (s.Inner.Type != ValueType.Vector)
                {
                    throw new ParseException(s.Position, $"subquery is only allowed on instant vector, got {Describe(s.Inner.Type)} instead");
                }
                break;
            case BinaryExpr b:
                CheckBinary(b);
                break;
            case AggregateExpr a:
                CheckAggregate(a);
                break;
            case Call c:
                CheckCall(c);
                break;
        }
    }

    public static string Describe(ValueType t) => t switch
    {
        ValueType.Scalar => "scalar",
        ValueType.String => "string",
        ValueType.Vector => "instant vector",
        ValueType.Matrix => "range vector",
        _ => "none",
    };

    private static void Expect(Expr e, ValueType want, string context)
    {
        if (e.Type != want)
        {
            throw new ParseException(e.Position, $"expected type {Describe(want)} in {context}, got {Describe(e.Type)}");
        }
    }

    private static void CheckBinary(BinaryExpr b)
    {
        Check(b.Lhs);
        Check(b.Rhs);
        foreach (var side in new[] { b.Lhs, b.Rhs })
        {
            if (side.Type is not (ValueType.Scalar or ValueType.Vector))
            {
                throw new ParseException(side.Position, "binary expression must contain only scalar and instant vector types");
            }
        }
        var op = Printer.OpText(b.Op);
        var bothVectors = b.Lhs.Type == ValueType.Vector && b.Rhs.Type == ValueType.Vector;
        if (b.ReturnBool && !PromQLParser.IsComparison(b.Op))
        {
            throw new ParseException(b.OperatorPosition, "bool modifier can only be used on comparison operators");
        }
        if (PromQLParser.IsComparison(b.Op) && !b.ReturnBool && b.Lhs.Type == ValueType.Scalar && b.Rhs.Type == ValueType.Scalar)
        {
            throw new ParseException(b.OperatorPosition, "comparisons between scalars must use BOOL modifier");
        }
        if (PromQLParser.IsSetOperator(b.Op))
        {
            if (!bothVectors)
            {
                throw new ParseException(b.OperatorPosition, $"set operator \"{op}\" not allowed in binary scalar expression");
            }
            if (b.Matching!.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany)
            {
                throw new ParseException(b.OperatorPosition, $"no grouping allowed for \"{op}\" operation");
            }
            b.Matching.Cardinality = MatchCardinality.ManyToMany;
        }
        if (!bothVectors)
        {
            if (b.Matching!.Explicit || b.Matching.FillLeft is not null || b.Matching.FillRight is not null)
            {
                throw new ParseException(b.OperatorPosition, "vector matching only allowed between instant vectors");
            }
            b.Matching = null;
            return;
        }
        foreach (var label in b.Matching!.Include)
        {
            if (b.Matching.On && b.Matching.MatchingLabels.Contains(label))
            {
                throw new ParseException(b.OperatorPosition, $"label \"{label}\" must not occur in ON and GROUP clause at once");
            }
        }
    }

    private static void CheckAggregate(AggregateExpr a)
    {
        Check(a.Inner);
        if (a.Param is not null)
        {
            Check(a.Param);
        }
        if (a.Inner.Type != ValueType.Vector)
        {
            throw new ParseException(a.Inner.Position, $"expected type instant vector in aggregation expression, got {Describe(a.Inner.Type)}");
        }
        if (a.Param is null)
        {
            return;
        }
        var want = a.Op == "count_values" ? ValueType.String : ValueType.Scalar;
        Expect(a.Param, want, "aggregation parameter");
    }

    private static void CheckSelector(VectorSelector v)
    {
        if (!v.Matchers.Any(m => !m.MatchesEmpty))
        {
            throw new ParseException(v.Position, "vector selector must contain at least one non-empty matcher");
        }
    }

    private static void CheckCall(Call c)
    {
        // info()'s second argument only filters info series, so it may match everything.
        foreach (var arg in c.Function.Name == "info" && c.Args.Count > 1 && c.Args[1] is VectorSelector ? c.Args.Take(1) : c.Args)
        {
            Check(arg);
        }
        var fn = c.Function;
        var n = fn.ArgTypes.Length;
        if (fn.Variadic == 0 && c.Args.Count != n)
        {
            throw new ParseException(c.Position, $"expected {n} argument(s) in call to \"{fn.Name}\", got {c.Args.Count}");
        }
        if (fn.Variadic != 0)
        {
            var min = n - 1;
            if (c.Args.Count < min)
            {
                throw new ParseException(c.Position, $"expected at least {min} argument(s) in call to \"{fn.Name}\", got {c.Args.Count}");
            }
            if (fn.Variadic > 0 && c.Args.Count > min + fn.Variadic)
            {
                throw new ParseException(c.Position, $"expected at most {min + fn.Variadic} argument(s) in call to \"{fn.Name}\", got {c.Args.Count}");
            }
        }
        for (var i = 0; i < c.Args.Count; i++)
        {
            var want = fn.ArgTypes[Math.Min(i, n - 1)];
            Expect(c.Args[i], want, $"call to function \"{fn.Name}\"");
        }
    }
}
