using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.Model.Time;

namespace Vigil.PromQL.Parser;

/// <summary>Selectors, matchers, label lists, ranges and the offset/@ modifiers.</summary>
public sealed partial class PromQLParser
{
    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            if (Peek.Kind == TokenKind.LeftBracket)
            {
                expr = ParseRangeOrSubquery(expr);
            }
            else if (IsWord(Peek, "offset"))
            {
                ApplyOffset(expr);
            }
            else if (Peek.Kind == TokenKind.At)
            {
                ApplyAt(expr);
            }
            else if ((IsWord(Peek, "anchored") || IsWord(Peek, "smoothed")) && expr is VectorSelector or MatrixSelector or SubqueryExpr)
            {
                ApplyRangeModifier(expr, Advance().Text.ToLowerInvariant());
            }
            else
            {
                return expr;
            }
        }
    }

    // "anchored" or "smoothed" after a selector; upstream checks the flag before anything else.
    private void ApplyRangeModifier(Expr expr, string modifier)
    {
        if (!_options.ExtendedRangeSelectors)
        {
            throw FeatureGates.NotEnabled(expr.Position, $"{modifier} modifier is experimental and not enabled", FeatureGates.ExtendedRangeSelectors);
        }
        if (expr is SubqueryExpr)
        {
            throw new ParseException(expr.Position, $"{modifier} modifier is not supported for subqueries");
        }
        var selector = expr as VectorSelector ?? ((MatrixSelector)expr).Selector;
        var anchored = modifier == "anchored";
        selector.Anchored |= anchored;
        selector.Smoothed |= !anchored;
        if (selector.Anchored && selector.Smoothed)
        {
            throw new ParseException(expr.Position, "anchored and smoothed modifiers cannot be used together");
        }
    }

    private Expr ParseRangeOrSubquery(Expr expr)
    {
        var open = Advance();
        var (range, rangeExpr) = ParseDurationValue("in range", atom: false);
        if (Peek.Kind == TokenKind.Colon)
        {
            Advance();
            (long step, Expr? stepExpr) = (0, null);
            if (Peek.Kind != TokenKind.RightBracket)
            {
                (step, stepExpr) = ParseDurationValue("in subquery", atom: false);
            }
            Expect(TokenKind.RightBracket, "in subquery");
            return new SubqueryExpr(expr, range, step) { Position = expr.Position, RangeExpr = rangeExpr, StepExpr = stepExpr };
        }
        Expect(TokenKind.RightBracket, "in range");
        if (expr is not VectorSelector vs)
        {
            throw new ParseException(open.Position, "ranges only allowed for vector selectors");
        }
        if (vs.Offset != 0 || vs.At is not null || vs.AtKind != AtKind.None)
        {
            throw new ParseException(open.Position, "no offset or @ modifiers allowed before range");
        }
        return new MatrixSelector(vs, range) { Position = expr.Position, RangeExpr = rangeExpr };
    }

    private ITimeModified ModifierTarget(Expr expr, string what, int position) => expr switch
    {
        VectorSelector v => v,
        MatrixSelector m => m.Selector,
        SubqueryExpr s => s,
        _ => throw new ParseException(position, $"{what} modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
    };

    private void ApplyOffset(Expr expr)
    {
        var t = Advance();
        var target = ModifierTarget(expr, "offset", t.Position);
        var (offset, offsetExpr) = ParseDurationValue("in offset", atom: true);
        if (target.Offset != 0 || target.OffsetExpr is not null)
        {
            throw new ParseException(t.Position, "offset may not be set multiple times");
        }
        target.Offset = offset;
        target.OffsetExpr = offsetExpr;
    }

    private void ApplyAt(Expr expr)
    {
        var t = Advance();
        var target = ModifierTarget(expr, "@", t.Position);
        if (target.At is not null || target.AtKind != AtKind.None)
        {
            throw new ParseException(t.Position, "@ <timestamp> may not be set multiple times");
        }
        if (Peek.Kind == TokenKind.Identifier && PeekAt(1).Kind == TokenKind.LeftParen
            && Peek.Text is "start" or "end")
        {
            target.AtKind = Advance().Text == "start" ? AtKind.Start : AtKind.End;
            Advance();
            Expect(TokenKind.RightParen, "in @");
            return;
        }
        var sign = 1.0;
        if (Peek.Kind is TokenKind.Sub or TokenKind.Add)
        {
            sign = Advance().Kind == TokenKind.Sub ? -1 : 1;
        }
        var n = Peek;
        double seconds;
        if (n.Kind == TokenKind.Number)
        {
            seconds = ParseNumber(Advance());
        }
        else if (n.Kind == TokenKind.Duration)
        {
            seconds = ParseDurationMs(Advance()) / 1000.0;
        }
        else
        {
            throw Unexpected(n, "in @, expected timestamp");
        }
        seconds *= sign;
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds * 1000) > long.MaxValue / 2.0)
        {
            throw new ParseException(n.Position, "timestamp out of bounds for @ modifier: " + Printer.FormatNumber(seconds));
        }
        target.At = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
    }

    // Ranges, steps and offsets accept a duration (5m, 1h30m), a number of seconds, or an arithmetic
    // duration expression. After "offset" only one operand is taken ("x offset 2 ^ 2" is "(x offset 2) ^ 2").
    // Expressions using step() or range() are returned unevaluated for the engine to resolve per query.
    private (long Ms, Expr? Deferred) ParseDurationValue(string context, bool atom)
    {
        var start = Peek;
        if (start.Kind is TokenKind.RightBracket or TokenKind.Colon or TokenKind.Eof)
        {
            throw Unexpected(start, context);
        }
        _durationDepth++;
        var expr = atom ? ParseDurationAtom() : ParseExpr(0);
        _durationDepth--;
        if (!_options.DurationExpressions && DurationExpressions.FirstGatedPart(expr) is { } gated)
        {
            throw FeatureGates.NotEnabled(gated.Position, "experimental duration expression is not enabled", FeatureGates.DurationExpressions);
        }
        if (DurationExpressions.IsDeferred(expr))
        {
            DurationExpressions.Validate(expr);
            return (0, expr);
        }
        return (DurationExpressions.ToMilliseconds(expr, 0, 0), null);
    }

    private Expr ParseDurationAtom()
    {
        if (Peek.Kind is TokenKind.Sub or TokenKind.Add)
        {
            var op = Advance();
            return new UnaryExpr(op.Kind, ParseDurationAtom()) { Position = op.Position };
        }
        if (Peek.Kind == TokenKind.Identifier && PeekAt(1).Kind == TokenKind.LeftParen)
        {
            return ParseIdentifierExpr();
        }
        if (Peek.Kind is TokenKind.Number or TokenKind.Duration or TokenKind.LeftParen)
        {
            return ParsePrimary();
        }
        throw Unexpected(Peek, "in offset");
    }

    private static long ParseDurationMs(Token t)
    {
        if (!PromDuration.TryParse(t.Text, out var d, out var error))
        {
            throw new ParseException(t.Position, error);
        }
        return (long)d.TotalMilliseconds;
    }

    private static string Unquote(Token t)
    {
        if (t.Text[0] == '`')
        {
            return t.Text[1..^1];
        }
        if (!GoString.TryUnquote(t.Text, 0, out var value, out _, out var error))
        {
            throw new ParseException(t.Position, error);
        }
        return value;
    }

    private Expr ParseVectorSelector(string name, int position)
    {
        var matchers = new List<Matcher>();
        if (Peek.Kind == TokenKind.LeftBrace)
        {
            Advance();
            ParseMatchers(matchers, ref name);
        }
        if (name.Length > 0)
        {
            matchers.Insert(0, new Matcher(MatcherType.Equal, LabelName.MetricName, name));
        }
        return new VectorSelector(name, matchers) { Position = position };
    }

    private void ParseMatchers(List<Matcher> matchers, ref string name)
    {
        while (Peek.Kind != TokenKind.RightBrace)
        {
            var labelToken = Advance();
            string label;
            if (labelToken.Kind == TokenKind.String)
            {
                label = Unquote(labelToken);
                if (Peek.Kind is TokenKind.Comma or TokenKind.RightBrace)
                {
                    // A bare quoted string is the metric name: {"my.metric"}.
                    if (name.Length > 0)
                    {
                        throw new ParseException(labelToken.Position, "metric name must not be set twice");
                    }
                    name = label;
                    SkipComma();
                    continue;
                }
            }
            else if (labelToken.Kind == TokenKind.Identifier && !labelToken.Text.Contains(':'))
            {
                label = labelToken.Text;
            }
            else
            {
                throw Unexpected(labelToken, "in label matching, expected label name");
            }
            var opToken = Advance();
            var type = opToken.Kind switch
            {
                TokenKind.Assign => MatcherType.Equal,
                TokenKind.Neq => MatcherType.NotEqual,
                TokenKind.EqlRegex => MatcherType.Regexp,
                TokenKind.NeqRegex => MatcherType.NotRegexp,
                _ => throw Unexpected(opToken, "in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\""),
            };
            var valueToken = Expect(TokenKind.String, "in label matching, expected string");
            matchers.Add(MakeMatcher(type, label, Unquote(valueToken), valueToken.Position));
            if (Peek.Kind != TokenKind.RightBrace)
            {
                Expect(TokenKind.Comma, "in label matching, expected \",\" or \"}\"");
            }
        }
        Advance();
    }

    private void SkipComma()
    {
        if (Peek.Kind == TokenKind.Comma)
        {
            Advance();
        }
        else if (Peek.Kind != TokenKind.RightBrace)
        {
            throw Unexpected(Peek, "in label matching, expected \",\" or \"}\"");
        }
    }

    private static Matcher MakeMatcher(MatcherType type, string label, string value, int position)
    {
        try
        {
            return new Matcher(type, label, value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ParseException(position, "invalid regular expression: " + e.Message);
        }
    }

    private List<string> ParseLabelList()
    {
        Expect(TokenKind.LeftParen, "in grouping opts, expected \"(\"");
        var labels = new List<string>();
        while (Peek.Kind != TokenKind.RightParen)
        {
            var t = Advance();
            if (t.Kind == TokenKind.String)
            {
                labels.Add(Unquote(t));
            }
            else if (t.Kind == TokenKind.Identifier && !t.Text.Contains(':'))
            {
                labels.Add(t.Text);
            }
            else
            {
                throw Unexpected(t, "in grouping opts, expected label");
            }
            if (Peek.Kind != TokenKind.RightParen)
            {
                Expect(TokenKind.Comma, "in grouping opts, expected \",\" or \")\"");
            }
        }
        Advance();
        return labels;
    }
}
