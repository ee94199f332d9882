using System.Globalization;

namespace Vigil.PromQL.Parser;

/// <summary>
/// A recursive-descent parser for PromQL with precedence climbing for binary operators (lowest
/// first: <c>or</c>; <c>and unless</c>; comparisons; <c>+ -</c>; <c>* / % atan2</c>; right-associative <c>^</c>).
/// </summary>
public sealed partial class PromQLParser
{
    private static readonly HashSet<string> Aggregators = new(StringComparer.Ordinal)
    {
        "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values",
        "quantile", "limitk", "limit_ratio",
    };

    private readonly string _input;
    private readonly List<Token> _tokens;
    private readonly ParserOptions _options;
    private int _index;

    // Above zero while a range, step or offset is parsed: step() and min_of() there are duration
    // arithmetic (gated as duration expressions), not calls of the experimental functions.
    private int _durationDepth;

    private PromQLParser(string input, ParserOptions options)
    {
        _input = input;
        _options = options;
        _tokens = Lexer.Tokenize(input);
    }

    /// <summary>
    /// Parses and type-checks a query with the language features <paramref name="options"/> enables
    /// (<see cref="ParserOptions.Default"/> when omitted); throws <see cref="ParseException"/> with upstream-style messages.
    /// </summary>
    public static Expr Parse(string input, ParserOptions? options = null)
    {
        try
        {
            var parser = new PromQLParser(input, options ?? ParserOptions.Default);
            if (parser.Peek.Kind == TokenKind.Eof)
            {
                throw new ParseException(0, "no expression found in input");
            }
            var expr = parser.ParseExpr(0);
            if (parser.Peek.Kind != TokenKind.Eof)
            {
                throw parser.Unexpected(parser.Peek, "");
            }
            TypeChecker.Check(expr);
            return expr;
        }
        catch (ParseException e)
        {
            throw e.WithQuery(input);
        }
    }

    private Token Peek => _tokens[_index];

    private Token PeekAt(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index++];

    private Token Expect(TokenKind kind, string context)
    {
        if (Peek.Kind != kind)
        {
            throw Unexpected(Peek, context);
        }
        return Advance();
    }

    private ParseException Unexpected(Token t, string context)
    {
        var what = t.Kind switch
        {
            TokenKind.Eof => "end of input",
            TokenKind.Identifier when IsKeyword(t.Text) => t.Text.ToLowerInvariant(),
            TokenKind.Identifier => "identifier \"" + t.Text + "\"",
            TokenKind.Number => "number \"" + t.Text + "\"",
            TokenKind.Duration => "duration \"" + t.Text + "\"",
            TokenKind.String => "string " + t.Text,
            TokenKind.LeftParen => "\"(\"",
            TokenKind.RightParen => "\")\"",
            TokenKind.LeftBrace => "\"{\"",
            TokenKind.RightBrace => "\"}\"",
            TokenKind.LeftBracket => "\"[\"",
            TokenKind.RightBracket => "\"]\"",
            TokenKind.Comma => "\",\"",
            TokenKind.Colon => "\":\"",
            TokenKind.At => "\"@\"",
            TokenKind.Assign => "\"=\"",
            _ => "<op:" + t.Text + ">",
        };
        return new ParseException(t.Position, "unexpected " + what + (context.Length > 0 ? " " + context : ""));
    }

    private static bool IsKeyword(string text) => text.ToLowerInvariant() is "and" or "or" or "unless" or "atan2" or "by"
        or "without" or "on" or "ignoring" or "group_left" or "group_right" or "bool" or "offset";

    private Expr ParseExpr(int minPrecedence)
    {
        var lhs = ParseUnary();
        while (true)
        {
            var (op, prec, rightAssoc) = BinaryOperator(Peek);
            if (prec == 0 || prec < minPrecedence)
            {
                return lhs;
            }
            var opToken = Advance();
            var binary = ParseBinaryModifiers(op, opToken);
            var rhs = ParseExpr(rightAssoc ? prec : prec + 1);
            lhs = binary(lhs, rhs);
        }
    }

    private static (TokenKind Op, int Precedence, bool RightAssoc) BinaryOperator(Token t)
    {
        if (t.Kind == TokenKind.Identifier)
        {
            return t.Text.ToLowerInvariant() switch
            {
                "or" => (TokenKind.Or, 1, false),
                "and" => (TokenKind.And, 2, false),
                "unless" => (TokenKind.Unless, 2, false),
                "atan2" => (TokenKind.Atan2, 5, false),
                _ => (TokenKind.Eof, 0, false),
            };
        }
        return t.Kind switch
        {
            // The trim operators bind like the comparisons, as upstream's grammar declares them together.
            TokenKind.Eql or TokenKind.Neq or TokenKind.Lss or TokenKind.Lte or TokenKind.Gtr or TokenKind.Gte
                or TokenKind.TrimUpper or TokenKind.TrimLower => (t.Kind, 3, false),
            TokenKind.Add or TokenKind.Sub => (t.Kind, 4, false),
            TokenKind.Mul or TokenKind.Div or TokenKind.Mod => (t.Kind, 5, false),
            TokenKind.Pow => (t.Kind, 6, true),
            _ => (TokenKind.Eof, 0, false),
        };
    }

    internal static bool IsComparison(TokenKind op) =>
        op is TokenKind.Eql or TokenKind.Neq or TokenKind.Lss or TokenKind.Lte or TokenKind.Gtr or TokenKind.Gte;

    internal static bool IsTrim(TokenKind op) => op is TokenKind.TrimUpper or TokenKind.TrimLower;

    /// <summary>Whether the operator's result drops the metric name (arithmetic does; comparisons and trims keep it).</summary>
    internal static bool DropsMetricName(TokenKind op) => !IsComparison(op) && !IsTrim(op);

    internal static bool IsSetOperator(TokenKind op) => op is TokenKind.And or TokenKind.Or or TokenKind.Unless;

    private Func<Expr, Expr, Expr> ParseBinaryModifiers(TokenKind op, Token opToken)
    {
        var returnBool = false;
        if (IsWord(Peek, "bool"))
        {
            Advance();
            returnBool = true;
        }
        var matching = new VectorMatching();
        if (IsWord(Peek, "on") || IsWord(Peek, "ignoring"))
        {
            matching.On = IsWord(Advance(), "on");
            matching.Explicit = true;
            matching.MatchingLabels = ParseLabelList();
            if (IsWord(Peek, "group_left") || IsWord(Peek, "group_right"))
            {
                matching.Cardinality = IsWord(Advance(), "group_left") ? MatchCardinality.ManyToOne : MatchCardinality.OneToMany;
                matching.Include = Peek.Kind == TokenKind.LeftParen ? ParseLabelList() : [];
            }
        }
        var hasFill = ParseFillModifiers(matching);
        return (lhs, rhs) =>
        {
            // Upstream checks once both sides are parsed and points at the whole expression.
            if (hasFill && !_options.BinopFillModifiers)
            {
                throw FeatureGates.NotEnabled(lhs.Position, "binop fill modifiers are experimental and not enabled", FeatureGates.BinopFillModifiers);
            }
            return new BinaryExpr(op, lhs, rhs)
            {
                Position = lhs.Position,
                ReturnBool = returnBool,
                Matching = matching,
                OperatorPosition = opToken.Position,
            };
        };
    }

    // fill(v), fill_left(v), fill_right(v); a bare "fill" without parentheses is a metric name.
    // Returns whether any was given.
    private bool ParseFillModifiers(VectorMatching matching)
    {
        var any = false;
        while (Peek.Kind == TokenKind.Identifier && PeekAt(1).Kind == TokenKind.LeftParen
            && Peek.Text.ToLowerInvariant() is "fill" or "fill_left" or "fill_right")
        {
            var which = Advance().Text.ToLowerInvariant();
            Advance();
            any = true;
            var sign = 1.0;
            if (Peek.Kind is TokenKind.Add or TokenKind.Sub)
            {
                sign = Advance().Kind == TokenKind.Sub ? -1 : 1;
            }
            var value = sign * ParseNumber(Expect(TokenKind.Number, "in fill modifier"));
            Expect(TokenKind.RightParen, "in fill modifier");
            if (which != "fill_right")
            {
                matching.FillLeft = value;
            }
            if (which != "fill_left")
            {
                matching.FillRight = value;
            }
        }
        return any;
    }

    private static bool IsWord(Token t, string word) => t.Kind == TokenKind.Identifier && t.Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    // Unary minus binds like multiplication, so only ^ binds tighter: -2^2 is -(2^2).
    private Expr ParseUnary()
    {
        if (Peek.Kind is TokenKind.Add or TokenKind.Sub)
        {
            var op = Advance();
            var operand = ParseExpr(6);
            if (operand is NumberLiteral n)
            {
                n.Value = op.Kind == TokenKind.Sub ? -n.Value : n.Value;
                return new NumberLiteral(n.Value) { Position = op.Position, IsDuration = n.IsDuration };
            }
            return new UnaryExpr(op.Kind, operand) { Position = op.Position };
        }
        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(ParseNumber(t)) { Position = t.Position };
            case TokenKind.Duration:
                Advance();
                return new NumberLiteral(ParseDurationMs(t) / 1000.0) { Position = t.Position, IsDuration = true };
            case TokenKind.String:
                Advance();
                return new StringLiteral(Unquote(t)) { Position = t.Position };
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpr(0);
                Expect(TokenKind.RightParen, "in paren expression");
                return new ParenExpr(inner) { Position = t.Position };
            case TokenKind.LeftBrace:
                return ParseVectorSelector("", t.Position);
            case TokenKind.Identifier:
                return ParseIdentifierExpr();
            default:
                throw Unexpected(t, "");
        }
    }

    private Expr ParseIdentifierExpr()
    {
        var t = Peek;
        var lower = t.Text.ToLowerInvariant();
        if (Aggregators.Contains(lower) && (PeekAt(1).Kind == TokenKind.LeftParen || IsWord(PeekAt(1), "by") || IsWord(PeekAt(1), "without")))
        {
            return ParseAggregate();
        }
        if (PeekAt(1).Kind == TokenKind.LeftParen)
        {
            // Duration expressions accept STEP() and RANGE() in any case.
            if (!FunctionInfo.TryGet(t.Text, out var fn) && !(t.Text.ToLowerInvariant() is "step" or "range" && FunctionInfo.TryGet(t.Text.ToLowerInvariant(), out fn)))
            {
                throw new ParseException(t.Position, $"unknown function with name \"{t.Text}\"");
            }
            Advance();
            var args = ParseArguments();
            // Checked after the arguments, as upstream does, so an error inside them is reported first.
            if (fn.Experimental && !_options.ExperimentalFunctions && _durationDepth == 0)
            {
                throw FeatureGates.NotEnabled(t.Position, $"function \"{t.Text}\" is not enabled", FeatureGates.ExperimentalFunctions);
            }
            return new Call(fn, args) { Position = t.Position };
        }
        if (IsKeyword(t.Text))
        {
            throw Unexpected(t, "");
        }
        Advance();
        return ParseVectorSelector(t.Text, t.Position);
    }

    private List<Expr> ParseArguments()
    {
        Expect(TokenKind.LeftParen, "");
        var args = new List<Expr>();
        while (Peek.Kind != TokenKind.RightParen)
        {
            args.Add(ParseExpr(0));
            if (Peek.Kind != TokenKind.Comma)
            {
                break;
            }
            Advance();
        }
        Expect(TokenKind.RightParen, "in argument list");
        return args;
    }

    private Expr ParseAggregate()
    {
        var opToken = Advance();
        var op = opToken.Text.ToLowerInvariant();
        var (without, grouping, hasGrouping) = TryParseGrouping();
        var args = ParseArguments();
        if (!hasGrouping)
        {
            (without, grouping, hasGrouping) = TryParseGrouping();
        }
        if (op is "limitk" or "limit_ratio" && args.Count > 0 && !_options.ExperimentalFunctions)
        {
            // Upstream's own wording already names the flag.
            throw new ParseException(opToken.Position, $"{op}() is experimental and must be enabled with --enable-feature={FeatureGates.ExperimentalFunctions}");
        }
        var needsParam = op is "topk" or "bottomk" or "quantile" or "count_values" or "limitk" or "limit_ratio";
        var expected = needsParam ? 2 : 1;
        if (args.Count != expected)
        {
            var pos = args.Count > expected ? args[expected].Position : opToken.Position;
            throw new ParseException(pos, args.Count == 0 ? "no arguments for aggregate expression provided"
                : $"wrong number of arguments for aggregate expression provided, expected {expected}, got {args.Count}");
        }
        return new AggregateExpr(op, args[^1], needsParam ? args[0] : null)
        {
            Position = opToken.Position,
            Grouping = grouping,
            Without = without,
            HasGrouping = hasGrouping,
        };
    }

    private (bool Without, IReadOnlyList<string> Labels, bool Present) TryParseGrouping()
    {
        if (IsWord(Peek, "by") || IsWord(Peek, "without"))
        {
            var without = IsWord(Advance(), "without");
            return (without, ParseLabelList(), true);
        }
        return (false, [], false);
    }

    private static double ParseNumber(Token t)
    {
        var text = t.Text;
        var lower = text.ToLowerInvariant();
        if (lower == "inf")
        {
            return double.PositiveInfinity;
        }
        if (lower == "nan")
        {
            return double.NaN;
        }
        if (lower.StartsWith("0x", StringComparison.Ordinal))
        {
            return ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        throw new ParseException(t.Position, $"bad number or duration syntax: \"{text}\"");
    }
}
