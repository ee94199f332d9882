using Vigil.PromQL.Parser;
using ValueType = Vigil.PromQL.Parser.ValueType;

namespace Vigil.Api.Prometheus;

/// <summary>
/// <c>/api/v1/parse_query</c>: the syntax tree of a query as the JSON object today's upstream returns for
/// its UI's tree view. Each node is an object with a <c>type</c> (<c>vectorSelector</c>, <c>binaryExpr</c>, ...);
/// keys come out sorted, as Go encodes maps.
/// </summary>
public static class AstJson
{
    /// <summary>
    /// Parses <c>query</c> with the experimental PromQL <paramref name="parser"/> enables and returns its tree;
    /// a parse error is bad_data naming the parameter.
    /// </summary>
    public static ApiResult Parse(ApiRequest request, ParserOptions? parser = null)
    {
        Expr expr;
        try
        {
            expr = PromQLParser.Parse(request.Value("query"), parser);
        }
        catch (ParseException e)
        {
            throw ApiError.InvalidParam("query", e.Message);
        }
        var tree = Node(expr);
        return new ApiResult(w => JsonTree.Write(w, tree));
    }

    /// <summary>The JSON tree of one node (dictionaries, lists and scalars).</summary>
    public static SortedDictionary<string, object?> Node(Expr expr) => expr switch
    {
        AggregateExpr a => Object("aggregation", ("op", a.Op), ("expr", Node(a.Inner)), ("param", a.Param is null ? null : Node(a.Param)),
            ("grouping", a.Grouping.ToList()), ("without", a.Without)),
        BinaryExpr b => Object("binaryExpr", ("op", Printer.OpText(b.Op)), ("lhs", Node(b.Lhs)), ("rhs", Node(b.Rhs)), ("matching", Matching(b.Matching)), ("bool", b.ReturnBool)),
        Call c => Object("call", ("func", Function(c.Function)), ("args", c.Args.Select(a => (object?)Node(a)).ToList())),
        MatrixSelector m => Selector(m.Selector, "matrixSelector", ("range", m.Range), ("rangeExpr", DurationNode(m.RangeExpr))),
        SubqueryExpr s => Object("subquery", ("expr", Node(s.Inner)), ("range", s.Range), ("rangeExpr", DurationNode(s.RangeExpr)), ("offset", s.Offset),
            ("offsetExpr", DurationNode(s.OffsetExpr)), ("step", s.Step), ("stepExpr", DurationNode(s.StepExpr)), ("timestamp", s.At), ("startOrEnd", StartOrEnd(s.AtKind))),
        NumberLiteral n => Object("numberLiteral", ("val", Printer.FormatNumber(n.Value))),
        ParenExpr p => Object("parenExpr", ("expr", Node(p.Inner))),
        StringLiteral s => Object("stringLiteral", ("val", s.Value)),
        UnaryExpr u => Object("unaryExpr", ("op", Printer.OpText(u.Op)), ("expr", Node(u.Operand))),
        VectorSelector v => Selector(v, "vectorSelector"),
        _ => throw new ArgumentException($"no JSON form for {expr.GetType().Name}", nameof(expr)),
    };

    private static SortedDictionary<string, object?> Selector(VectorSelector v, string type, params (string, object?)[] extra) =>
        Object(type, [("name", v.Name), ("offset", v.Offset), ("offsetExpr", DurationNode(v.OffsetExpr)), ("timestamp", v.At), ("startOrEnd", StartOrEnd(v.AtKind)),
            ("anchored", v.Anchored), ("smoothed", v.Smoothed),
            ("matchers", v.Matchers.Select(m => (object?)Object(null, ("name", m.Name), ("value", m.Value), ("type", Vigil.Model.Labels.MatcherTypeExtensions.Symbol(m.Type)))).ToList()),
            .. extra]);

    // Durations computed from the query (offset step(), [5m+1m]) keep their expression; upstream marks
    // number literals with whether they were written as a duration.
    private static object? DurationNode(Expr? expr) => expr switch
    {
        null => null,
        NumberLiteral n => Object("numberLiteral", ("val", Printer.FormatNumber(n.Value)), ("duration", n.IsDuration)),
        BinaryExpr b => Object("durationExpr", ("op", Printer.OpText(b.Op)), ("lhs", DurationNode(b.Lhs)), ("rhs", DurationNode(b.Rhs)), ("wrapped", false)),
        ParenExpr p when DurationNode(p.Inner) is SortedDictionary<string, object?> inner && inner.ContainsKey("wrapped") => With(inner, "wrapped", true),
        ParenExpr p => DurationNode(p.Inner),
        _ => Node(expr),
    };

    private static SortedDictionary<string, object?> With(SortedDictionary<string, object?> node, string key, object? value)
    {
        node[key] = value;
        return node;
    }

    private static object? Matching(VectorMatching? m) => m is null ? null : Object(null,
        ("card", m.Cardinality switch
        {
            MatchCardinality.ManyToOne => "many-to-one",
            MatchCardinality.OneToMany => "one-to-many",
            MatchCardinality.ManyToMany => "many-to-many",
            _ => "one-to-one",
        }),
        ("labels", m.MatchingLabels.ToList()), ("on", m.On), ("include", m.Include.ToList()),
        ("fillValues", Object(null, ("lhs", m.FillLeft), ("rhs", m.FillRight))));

    private static SortedDictionary<string, object?> Function(FunctionInfo f) => Object(null,
        ("name", f.Name), ("argTypes", f.ArgTypes.Select(t => (object?)TypeName(t)).ToList()), ("variadic", f.Variadic), ("returnType", TypeName(f.ReturnType)));

    private static string TypeName(ValueType type) => type.ToString().ToLowerInvariant();

    private static string? StartOrEnd(AtKind kind) => kind switch
    {
        AtKind.Start => "start",
        AtKind.End => "end",
        _ => null,
    };

    private static SortedDictionary<string, object?> Object(string? type, params (string Key, object? Value)[] fields)
    {
        var node = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        if (type is not null)
        {
            node["type"] = type;
        }
        foreach (var (key, value) in fields)
        {
            node[key] = value;
        }
        return node;
    }
}
