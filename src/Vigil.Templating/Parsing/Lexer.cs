using System.Globalization;

namespace Vigil.Templating.Parsing;

/// <summary>
/// Splits template source into tokens the way Go's <c>text/template/parse</c> lexer does: text
/// outside actions, and inside <c>{{ }}</c> the words of pipelines. Lexing stops at the first
/// error, which becomes an <see cref="TokenKind.Error"/> token for the parser to report.
/// </summary>
internal sealed partial class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";

    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = TokenKind.Dot,
        ["block"] = TokenKind.Block,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["if"] = TokenKind.If,
        ["range"] = TokenKind.Range,
        ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.Template,
        ["with"] = TokenKind.With,
    };

    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _start;
    private int _startLine = 1;
    private int _parenDepth;

    private Lexer(string input) => _input = input;

    /// <summary>Lexes the whole input; the list ends with an EOF or an error token.</summary>
    public static List<Token> Lex(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (LexText() && LexAction())
        {
        }
    }

    /// <summary>Emits text up to the next action; false at end of input.</summary>
    private bool LexText()
    {
        var at = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (at < 0)
        {
            _pos = _input.Length;
            if (_pos > _start)
            {
                Emit(TokenKind.Text);
            }
            Emit(TokenKind.Eof);
            return false;
        }
        var textEnd = at;
        if (HasLeftTrimMarker(at + LeftDelim.Length))
        {
            textEnd = TrimRightEnd(_start, at);
        }
        _pos = textEnd;
        if (_pos > _start)
        {
            Emit(TokenKind.Text);
        }
        _pos = at;
        Ignore();
        return true;
    }

    /// <summary>Lexes one action or comment starting at the left delimiter; false after an error.</summary>
    private bool LexAction()
    {
        _pos += LeftDelim.Length;
        var trim = HasLeftTrimMarker(_pos);
        var afterMarker = trim ? 2 : 0;
        if (string.CompareOrdinal(_input, _pos + afterMarker, LeftComment, 0, LeftComment.Length) == 0)
        {
            _pos += afterMarker;
            Ignore();
            return LexComment();
        }
        Emit(TokenKind.LeftDelim);
        _pos += afterMarker;
        Ignore();
        _parenDepth = 0;
        return LexInsideAction();
    }

    private bool LexComment()
    {
        _pos += LeftComment.Length;
        var end = _input.IndexOf(RightComment, _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            return Error("unclosed comment");
        }
        Advance(end + RightComment.Length - _pos);
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }
        Emit(TokenKind.Comment);
        if (trim)
        {
            _pos += 2;
        }
        _pos += RightDelim.Length;
        if (trim)
        {
            SkipLeadingSpace();
        }
        Ignore();
        return true;
    }

    private bool LexRightDelim()
    {
        var (_, trim) = AtRightDelim();
        if (trim)
        {
            _pos += 2;
            Ignore();
        }
        _pos += RightDelim.Length;
        Emit(TokenKind.RightDelim);
        if (trim)
        {
            SkipLeadingSpace();
            Ignore();
        }
        return true;
    }

    private bool LexInsideAction()
    {
        while (true)
        {
            var (delim, _) = AtRightDelim();
            if (delim)
            {
                return _parenDepth == 0 ? LexRightDelim() : Error("unclosed left paren");
            }
            if (!LexActionItem())
            {
                return false;
            }
        }
    }

    /// <summary>Lexes one item inside an action; false after an error.</summary>
    private bool LexActionItem()
    {
        if (_pos >= _input.Length)
        {
            return Error("unclosed action");
        }
        var c = _input[_pos];
        if (IsSpace(c))
        {
            return LexSpace();
        }
        _pos++;
        switch (c)
        {
            case '=':
                Emit(TokenKind.Assign);
                return true;
            case ':':
                if (Peek() != '=')
                {
                    return Error("expected :=");
                }
                _pos++;
                Emit(TokenKind.Declare);
                return true;
            case '|':
                Emit(TokenKind.Pipe);
                return true;
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '$':
                return LexFieldOrVariable(TokenKind.Variable);
            case '\'':
                return LexChar();
            case '.' when Peek() is < '0' or > '9':
                return LexFieldOrVariable(TokenKind.Field);
            case '.' or '+' or '-' or (>= '0' and <= '9'):
                _pos--;
                return LexNumber();
            case '(':
                Emit(TokenKind.LeftParen);
                _parenDepth++;
                return true;
            case ')':
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    return Error("unexpected right paren");
                }
                Emit(TokenKind.RightParen);
                return true;
        }
        if (IsAlphaNumeric(c))
        {
            _pos--;
            return LexIdentifier();
        }
        if (c < 0x7f && c >= ' ')
        {
            Emit(TokenKind.Char);
            return true;
        }
        return Error("unrecognized character in action: " + DescribeRune(c));
    }

    private bool LexSpace()
    {
        var spaces = 0;
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            Advance(1);
            spaces++;
        }
        // A space may be the first half of a " -}}" trim marker.
        if (HasRightTrimMarkerAt(_pos - 1) && HasPrefixAt(_pos + 1, RightDelim))
        {
            _pos--;
            if (spaces == 1)
            {
                return LexRightDelim();
            }
        }
        Emit(TokenKind.Space);
        return true;
    }

    private bool LexIdentifier()
    {
        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }
        if (!AtTerminator())
        {
            return Error("bad character " + DescribeRune(_input[_pos]));
        }
        var word = _input[_start.._pos];
        if (Keywords.TryGetValue(word, out var kind))
        {
            Emit(kind);
        }
        else if (word is "true" or "false")
        {
            Emit(TokenKind.Bool);
        }
        else
        {
            Emit(TokenKind.Identifier);
        }
        return true;
    }

    private bool LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }
        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }
        if (!AtTerminator())
        {
            return Error("bad character " + DescribeRune(_input[_pos]));
        }
        Emit(kind);
        return true;
    }

    private static string DescribeRune(char c) =>
        "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " '" + c + "'";
}
