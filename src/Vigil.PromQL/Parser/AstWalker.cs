namespace Vigil.PromQL.Parser;

/// <summary>Walks a syntax tree.</summary>
public static class AstWalker
{
    /// <summary>The direct children of a node.</summary>
    public static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        ParenExpr p => [p.Inner],
        UnaryExpr u => [u.Operand],
        MatrixSelector m => [m.Selector],
        SubqueryExpr s => [s.Inner],
        BinaryExpr b => [b.Lhs, b.Rhs],
        AggregateExpr a => a.Param is null ? [a.Inner] : [a.Param, a.Inner],
        Call c => c.Args,
        _ => [],
    };

    /// <summary>The node and all its descendants, depth first.</summary>
    public static IEnumerable<Expr> DescendantsAndSelf(Expr expr)
    {
        yield return expr;
        foreach (var child in Children(expr))
        {
            foreach (var d in DescendantsAndSelf(child))
            {
                yield return d;
            }
        }
    }
}
