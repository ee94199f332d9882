using Vigil.Model.Labels;

namespace Vigil.PromQL.Parser;

/// <summary>The type of value an expression evaluates to.</summary>
public enum ValueType
{
    /// <summary>No value (only for errors).</summary>
    None,
    Scalar,
    String,
    Vector,
    Matrix,
}

/// <summary>Whether an <c>@</c> modifier refers to the query's start or end.</summary>
public enum AtKind
{
    /// <summary>No <c>@</c>, or <c>@</c> with a timestamp.</summary>
    None,
    Start,
    End,
}

/// <summary>A node of the PromQL syntax tree. <see cref="object.ToString"/> prints canonical PromQL.</summary>
public abstract class Expr
{
    /// <summary>The byte offset where the node starts in the query.</summary>
    public int Position { get; init; }

    /// <summary>The type of value the node evaluates to.</summary>
    public abstract ValueType Type { get; }

    /// <inheritdoc />
    public override string ToString() => Printer.Print(this);
}

/// <summary>A float literal.</summary>
public sealed class NumberLiteral(double value) : Expr
{
    public double Value { get; set; } = value;

    /// <summary>Whether the literal was written as a duration (<c>5m</c>), so it prints as one.</summary>
    public bool IsDuration { get; init; }

    public override ValueType Type => ValueType.Scalar;
}

/// <summary>A string literal.</summary>
public sealed class StringLiteral(string value) : Expr
{
    public string Value { get; } = value;

    public override ValueType Type => ValueType.String;
}

/// <summary>Parentheses, kept so that printing round-trips.</summary>
public sealed class ParenExpr(Expr inner) : Expr
{
    public Expr Inner { get; } = inner;

    public override ValueType Type => Inner.Type;
}

/// <summary>Unary minus or plus.</summary>
public sealed class UnaryExpr(TokenKind op, Expr operand) : Expr
{
    public TokenKind Op { get; } = op;

    public Expr Operand { get; } = operand;

    public override ValueType Type => Operand.Type;
}

/// <summary>An offset and <c>@</c> modifier shared by selectors and subqueries.</summary>
public interface ITimeModified
{
    /// <summary>The offset in milliseconds (negative looks forward).</summary>
    long Offset { get; set; }

    /// <summary>The <c>@</c> timestamp in milliseconds, when given as a number.</summary>
    long? At { get; set; }

    /// <summary>Whether <c>@ start()</c> or <c>@ end()</c> was used.</summary>
    AtKind AtKind { get; set; }

    /// <summary>An offset that depends on the query (<c>offset step()</c>), resolved before evaluation.</summary>
    Expr? OffsetExpr { get; set; }
}

/// <summary>An instant vector selector: <c>name{matchers}</c>.</summary>
public sealed class VectorSelector(string name, IReadOnlyList<Matcher> matchers) : Expr, ITimeModified
{
    public string Name { get; } = name;

    public IReadOnlyList<Matcher> Matchers { get; } = matchers;

    public long Offset { get; set; }

    public long? At { get; set; }

    public AtKind AtKind { get; set; }

    public Expr? OffsetExpr { get; set; }

    /// <summary>The experimental <c>anchored</c> modifier: ranges start from the last sample before the window.</summary>
    public bool Anchored { get; set; }

    /// <summary>The experimental <c>smoothed</c> modifier: values are interpolated at the window edges.</summary>
    public bool Smoothed { get; set; }

    public override ValueType Type => ValueType.Vector;
}

/// <summary>A range vector selector: <c>selector[range]</c>.</summary>
public sealed class MatrixSelector(VectorSelector selector, long range) : Expr
{
    public VectorSelector Selector { get; } = selector;

    /// <summary>The range in milliseconds.</summary>
    public long Range { get; set; } = range;

    /// <summary>A range that depends on the query (<c>[step()*2]</c>), resolved before evaluation.</summary>
    public Expr? RangeExpr { get; set; }

    public override ValueType Type => ValueType.Matrix;
}

/// <summary>A subquery: <c>expr[range:step]</c>.</summary>
public sealed class SubqueryExpr(Expr inner, long range, long step) : Expr, ITimeModified
{
    public Expr Inner { get; } = inner;

    public long Range { get; set; } = range;

    /// <summary>The step in milliseconds; 0 means the engine's default.</summary>
    public long Step { get; set; } = step;

    public Expr? RangeExpr { get; set; }

    public Expr? StepExpr { get; set; }

    public long Offset { get; set; }

    public long? At { get; set; }

    public AtKind AtKind { get; set; }

    public Expr? OffsetExpr { get; set; }

    public override ValueType Type => ValueType.Matrix;
}

/// <summary>How the two sides of a binary operation between vectors are matched.</summary>
public sealed class VectorMatching
{
    /// <summary>One-to-one, many-to-one (group_left) or one-to-many (group_right).</summary>
    public MatchCardinality Cardinality { get; set; } = MatchCardinality.OneToOne;

    /// <summary>The <c>on</c>/<c>ignoring</c> label names.</summary>
    public IReadOnlyList<string> MatchingLabels { get; set; } = [];

    /// <summary>True for <c>on(...)</c>, false for <c>ignoring(...)</c> or none.</summary>
    public bool On { get; set; }

    /// <summary>Whether <c>on</c> or <c>ignoring</c> was written at all.</summary>
    public bool Explicit { get; set; }

    /// <summary>The value standing in for a missing left-hand series (<c>fill</c>/<c>fill_left</c>), if any.</summary>
    public double? FillLeft { get; set; }

    /// <summary>The value standing in for a missing right-hand series (<c>fill</c>/<c>fill_right</c>), if any.</summary>
    public double? FillRight { get; set; }

    /// <summary>The labels copied from the "one" side (<c>group_left(...)</c>).</summary>
    public IReadOnlyList<string> Include { get; set; } = [];
}

/// <summary>Vector matching cardinality.</summary>
public enum MatchCardinality
{
    /// <summary>Each side's series match at most one on the other side.</summary>
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}

/// <summary>A binary operation.</summary>
public sealed class BinaryExpr(TokenKind op, Expr lhs, Expr rhs) : Expr
{
    public TokenKind Op { get; } = op;

    public Expr Lhs { get; } = lhs;

    public Expr Rhs { get; } = rhs;

    /// <summary>The byte offset of the operator, for error positions.</summary>
    public int OperatorPosition { get; init; }

    /// <summary>Whether <c>bool</c> was given on a comparison.</summary>
    public bool ReturnBool { get; set; }

    /// <summary>The matching, when both sides are vectors.</summary>
    public VectorMatching? Matching { get; set; }

    public override ValueType Type =>
        Lhs.Type == ValueType.Scalar && Rhs.Type == ValueType.Scalar ? ValueType.Scalar : ValueType.Vector;
}

/// <summary>An aggregation such as <c>sum by (job) (x)</c> or <c>topk(3, x)</c>.</summary>
public sealed class AggregateExpr(string op, Expr inner, Expr? param) : Expr
{
    /// <summary>The operator name, lower case.</summary>
    public string Op { get; } = op;

    public Expr Inner { get; } = inner;

    public Expr? Param { get; } = param;

    public IReadOnlyList<string> Grouping { get; set; } = [];

    /// <summary>True for <c>without</c>.</summary>
    public bool Without { get; set; }

    /// <summary>Whether <c>by</c> or <c>without</c> was written.</summary>
    public bool HasGrouping { get; set; }

    public override ValueType Type => ValueType.Vector;
}

/// <summary>A function call.</summary>
public sealed class Call(FunctionInfo function, IReadOnlyList<Expr> args) : Expr
{
    public FunctionInfo Function { get; } = function;

    public IReadOnlyList<Expr> Args { get; } = args;

    public override ValueType Type => Function.ReturnType;
}
