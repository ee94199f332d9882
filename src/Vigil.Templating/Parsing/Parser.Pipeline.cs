using Vigil.Model;

namespace Vigil.Templating.Parsing;

/// <summary>Pipelines, commands and operands, plus token plumbing.</summary>
internal sealed partial class Parser
{
    private PipeNode Pipeline(string context, TokenKind end)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Fail("expression nested too deeply");
        }
        var start = PeekNonSpace();
        var pipe = new PipeNode(start.Pos, start.Line, false, []);
        ParseDeclarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable
                    or TokenKind.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    Unexpected(token, context);
                    break;
            }
        }
    }

    private void ParseDeclarations(PipeNode pipe, string context)
    {
        while (true)
        {
            var mark = _index;
            var v = PeekNonSpace();
            if (v.Kind != TokenKind.Variable)
            {
                return;
            }
            NextNonSpace();
            var afterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                Declare(pipe, v);
                return;
            }
            if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                Declare(pipe, v);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }
                    Fail("range can only initialize variables");
                }
                Fail("too many declarations in " + context);
            }
            _ = afterVariable;
            _index = mark;
            return;
        }
    }

    private void Declare(PipeNode pipe, Token v)
    {
        pipe.Decl.Add(new VariableNode(v.Pos, v.Value.Split('.')));
        _vars.Add(v.Value);
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Commands.Count == 0)
        {
            Fail("missing value for " + context);
        }
        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                Fail($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }
            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                Unexpected(token, "operand");
            }
            break;
        }
        if (cmd.Args.Count == 0)
        {
            Fail("empty command");
        }
        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }
        var chain = new ChainNode(Peek().Pos, node);
        while (Peek().Kind == TokenKind.Field)
        {
            chain.Fields.Add(Next().Value[1..]);
        }
        switch (node)
        {
            case FieldNode f:
                return new FieldNode(chain.Pos, [.. f.Ident, .. chain.Fields]);
            case VariableNode v:
                return new VariableNode(chain.Pos, [.. v.Ident, .. chain.Fields]);
            case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                Fail("unexpected . after term " + GoString.Quote(node.ToString()));
                return null;
            default:
                return chain;
        }
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Value))
                {
                    Fail($"function {GoString.Quote(token.Value)} not defined");
                }
                return new IdentifierNode(token.Pos, token.Value);
            case TokenKind.Dot:
                return new DotNode(token.Pos);
            case TokenKind.Nil:
                return new NilNode(token.Pos);
            case TokenKind.Variable:
                return UseVariable(token);
            case TokenKind.Field:
                return new FieldNode(token.Pos, token.Value[1..].Split('.'));
            case TokenKind.Bool:
                return new BoolNode(token.Pos, token.Value == "true");
            case TokenKind.CharConstant or TokenKind.Number:
                return NewNumber(token);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                return new StringNode(token.Pos, token.Value, Unquote(token));
        }
        Backup();
        return null;
    }

    private NumberNode NewNumber(Token token)
    {
        try
        {
            return NumberNode.Create(token.Pos, token.Value, token.Kind == TokenKind.CharConstant);
        }
        catch (FormatException e)
        {
            Fail(e.Message);
            throw;
        }
    }

    private VariableNode UseVariable(Token token)
    {
        var v = new VariableNode(token.Pos, token.Value.Split('.'));
        if (!_vars.Contains(v.Ident[0]))
        {
            Fail($"undefined variable {GoString.Quote(v.Ident[0])}");
        }
        return v;
    }

    private string Unquote(Token token)
    {
        if (token.Kind == TokenKind.RawString)
        {
            return token.Value[1..^1];
        }
        if (GoString.TryUnquote(token.Value, 0, out var value, out var end, out var error) && end == token.Value.Length)
        {
            return value;
        }
        Fail(string.IsNullOrEmpty(error) ? "invalid syntax" : error);
        return "";
    }

    private Token Next()
    {
        _current = _tokens[Math.Min(_index, _tokens.Count - 1)];
        _index++;
        return _current;
    }

    private void Backup() => _index--;

    private Token Peek() => _tokens[Math.Min(_index, _tokens.Count - 1)];

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenKind expected, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != expected)
        {
            Unexpected(token, context);
        }
        return token;
    }

    private Token ExpectOneOf(TokenKind a, TokenKind b, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != a && token.Kind != b)
        {
            Unexpected(token, context);
        }
        return token;
    }

    private void Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            var extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = $" in action started at {_parseName}:{_actionLine}";
                if (token.Value.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }
            Fail(token.Value + extra);
        }
        Fail($"unexpected {token} in {context}");
    }

    private void Fail(string message)
    {
        var line = _current.Line == 0 ? 1 : _current.Line;
        var column = new Tree(_parseName, _parseName, _source, new ListNode(0)).Locate(_current.Pos).Column;
        throw new TemplateParseException($"template: {_parseName}:{line}: {message}", _parseName, line, column);
    }
}
