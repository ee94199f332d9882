namespace Vigil.Templating.Parsing;

/// <summary>
/// Recursive-descent parser with the grammar and error messages of Go's <c>text/template/parse</c>.
/// One call parses a source into the main tree plus one tree per <c>define</c>/<c>block</c>.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _parseName;
    private readonly string _source;
    private readonly Func<string, bool> _hasFunction;
    private readonly List<Token> _tokens;
    private readonly List<Tree> _trees = [];
    private List<string> _vars = ["$"];
    private int _index;
    private Token _current;
    private int _rangeDepth;
    private int _actionLine;

    private Parser(string parseName, string source, Func<string, bool> hasFunction)
    {
        _parseName = parseName;
        _source = source;
        _hasFunction = hasFunction;
        _tokens = Lexer.Lex(source);
    }

    /// <summary>Parses <paramref name="source"/>; the first tree is the main one named <paramref name="name"/>.</summary>
    public static List<Tree> Parse(string name, string source, Func<string, bool> hasFunction)
    {
        var parser = new Parser(name, source, hasFunction);
        var root = parser.ParseRoot();
        parser._trees.Insert(0, new Tree(name, name, source, root));
        return parser._trees;
    }

    private ListNode ParseRoot()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var mark = _index;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _index = mark;
            }
            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                Fail("unexpected " + n);
            }
            if (n is not null)
            {
                root.Nodes.Add(n);
            }
        }
        return root;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameToken = ExpectOneOf(TokenKind.String, TokenKind.RawString, context);
        var name = Unquote(nameToken);
        Expect(TokenKind.RightDelim, context);
        var saved = _vars;
        _vars = ["$"];
        var (list, end) = ItemList();
        _vars = saved;
        if (end is not EndNode)
        {
            Fail($"unexpected {end} in {context}");
        }
        _trees.Add(new Tree(name, _parseName, _source, list));
    }

    /// <summary>Parses nodes until <c>{{end}}</c> or <c>{{else}}</c>, which is returned separately.</summary>
    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                return (list, n);
            }
            if (n is not null)
            {
                list.Nodes.Add(n);
            }
        }
        Fail("unexpected EOF");
        throw new InvalidOperationException();
    }

    private Node? TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, token.Value);
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            case TokenKind.Comment:
                return null;
            default:
                Unexpected(token, "input");
                return null;
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block: return BlockControl();
            case TokenKind.Break: return LoopControl(token, "{{break}}", pos => new BreakNode(pos));
            case TokenKind.Continue: return LoopControl(token, "{{continue}}", pos => new ContinueNode(pos));
            case TokenKind.Else: return ElseControl();
            case TokenKind.End: return new EndNode(Expect(TokenKind.RightDelim, "end").Pos);
            case TokenKind.If: return Control(BranchKind.If, "if");
            case TokenKind.Range: return Control(BranchKind.Range, "range");
            case TokenKind.Template: return TemplateControl();
            case TokenKind.With: return Control(BranchKind.With, "with");
        }
        Backup();
        var start = Peek();
        return new ActionNode(start.Pos, start.Line, Pipeline("command", TokenKind.RightDelim));
    }

    private Node LoopControl(Token token, string what, Func<int, Node> create)
    {
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim)
        {
            Unexpected(next, what);
        }
        if (_rangeDepth == 0)
        {
            Fail(what + " outside {{range}}");
        }
        return create(token.Pos);
    }

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With)
        {
            return new ElseNode(peek.Pos, peek.Line);
        }
        var token = Expect(TokenKind.RightDelim, "else");
        return new ElseNode(token.Pos, token.Line);
    }

    private BranchNode Control(BranchKind kind, string context)
    {
        var varCount = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (kind == BranchKind.Range)
            {
                _rangeDepth++;
            }
            var (list, next) = ItemList();
            if (kind == BranchKind.Range)
            {
                _rangeDepth--;
            }
            var elseList = next is ElseNode ? ElseBranch(kind, context, next) : null;
            return new BranchNode(kind, pipe.Pos, pipe.Line, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(varCount, _vars.Count - varCount);
        }
    }

    /// <summary>Parses after <c>{{else}}</c>; <c>else if</c>/<c>else with</c> nest a branch whose end closes both.</summary>
    private ListNode ElseBranch(BranchKind kind, string context, Node elseNode)
    {
        var nested = (kind, Peek().Kind) switch
        {
            (BranchKind.If, TokenKind.If) => BranchKind.If,
            (BranchKind.With, TokenKind.With) => BranchKind.With,
            _ => (BranchKind?)null,
        };
        if (nested is { } nestedKind)
        {
            Next();
            var list = new ListNode(elseNode.Pos);
            list.Nodes.Add(Control(nestedKind, context));
            return list;
        }
        var (elseList, end) = ItemList();
        if (end is not EndNode)
        {
            Fail("expected end; found " + end);
        }
        return elseList;
    }

    private Node BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        var saved = _vars;
        _vars = ["$"];
        var (list, end) = ItemList();
        _vars = saved;
        if (end is not EndNode)
        {
            Fail($"unexpected {end} in {context}");
        }
        _trees.Add(new Tree(name, _parseName, _source, list));
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private string TemplateName(Token token, string context)
    {
        if (token.Kind is TokenKind.String or TokenKind.RawString)
        {
            return Unquote(token);
        }
        Unexpected(token, context);
        return "";
    }
}
