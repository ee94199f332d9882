using System.Text;

namespace Vigil.PromQL.Parser;

/// <summary>Splits a PromQL query into tokens. Errors surface as <see cref="ParseException"/> with a position.</summary>
public sealed class Lexer
{
    private readonly string _input;
    private int _pos;
    private int _bracketDepth;

    /// <summary>Creates a lexer over <paramref name="input"/>.</summary>
    public Lexer(string input) => _input = input;

    /// <summary>Lexes the whole input; the list always ends with an <see cref="TokenKind.Eof"/> token.</summary>
    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        var tokens = new List<Token>();
        Token t;
        do
        {
            t = lexer.Next();
            tokens.Add(t);
        }
        while (t.Kind != TokenKind.Eof);
        return tokens;
    }

    /// <summary>Reads the next token.</summary>
    public Token Next()
    {
        SkipSpaceAndComments();
        if (_pos >= _input.Length)
        {
            return new Token(TokenKind.Eof, "", _input.Length);
        }
        var c = _input[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _input.Length && char.IsAsciiDigit(_input[_pos + 1])))
        {
            return LexNumberOrDuration();
        }
        // Inside [...] a colon separates a subquery's range and step instead of starting a metric name.
        if (char.IsAsciiLetter(c) || c == '_' || (c == ':' && _bracketDepth == 0))
        {
            return LexIdentifier();
        }
        if (c is '"' or '\'' or '`')
        {
            return LexString(c);
        }
        return LexOperator(c);
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _input.Length)
        {
            var c = _input[_pos];
            if (c == '#')
            {
                while (_pos < _input.Length && _input[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private Token LexIdentifier()
    {
        var start = _pos;
        while (_pos < _input.Length && (char.IsAsciiLetterOrDigit(_input[_pos]) || _input[_pos] is '_' or ':'))
        {
            _pos++;
        }
        var text = _input[start.._pos];
        var lower = text.ToLowerInvariant();
        return lower is "inf" or "nan" ? new Token(TokenKind.Number, text, start) : new Token(TokenKind.Identifier, text, start);
    }

    private Token LexNumberOrDuration()
    {
        var start = _pos;
        if (TryScanDuration())
        {
            return new Token(TokenKind.Duration, _input[start.._pos], start);
        }
        _pos = start;
        ScanNumber();
        if (_pos < _input.Length && (char.IsAsciiLetterOrDigit(_input[_pos]) || _input[_pos] is '_' or '.'))
        {
            throw new ParseException(start, $"bad number or duration syntax: \"{_input[start..(_pos + 1)]}\"");
        }
        return new Token(TokenKind.Number, _input[start.._pos], start);
    }

    private void ScanNumber()
    {
        if (_input[_pos] == '0' && _pos + 1 < _input.Length && _input[_pos + 1] is 'x' or 'X')
        {
            _pos += 2;
            while (_pos < _input.Length && char.IsAsciiHexDigit(_input[_pos]))
            {
                _pos++;
            }
            return;
        }
        SkipDigits();
        if (_pos < _input.Length && _input[_pos] == '.')
        {
            _pos++;
            SkipDigits();
        }
        if (_pos < _input.Length && _input[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _input.Length && _input[_pos] is '+' or '-')
            {
                _pos++;
            }
            if (_pos < _input.Length && char.IsAsciiDigit(_input[_pos]))
            {
                SkipDigits();
            }
            else
            {
                _pos = save;
            }
        }
    }

    // A duration is one or more <digits><unit> groups with nothing alphanumeric after them.
    private bool TryScanDuration()
    {
        var groups = 0;
        while (_pos < _input.Length && char.IsAsciiDigit(_input[_pos]))
        {
            SkipDigits();
            var unit = ScanUnit();
            if (unit == 0)
            {
                return false;
            }
            groups++;
        }
        return groups > 0 && (_pos >= _input.Length || !(char.IsAsciiLetterOrDigit(_input[_pos]) || _input[_pos] is '_' or '.'));
    }

    private int ScanUnit()
    {
        if (_pos + 1 < _input.Length && _input[_pos] == 'm' && _input[_pos + 1] == 's')
        {
            _pos += 2;
            return 2;
        }
        if (_pos < _input.Length && _input[_pos] is 'y' or 'w' or 'd' or 'h' or 'm' or 's')
        {
            _pos++;
            return 1;
        }
        return 0;
    }

    private void SkipDigits()
    {
        while (_pos < _input.Length && char.IsAsciiDigit(_input[_pos]))
        {
            _pos++;
        }
    }

    private Token LexString(char quote)
    {
        var start = _pos;
        _pos++;
        while (_pos < _input.Length && _input[_pos] != quote)
        {
            if (_input[_pos] == '\\' && quote != '`')
            {
                _pos++;
            }
            else if (_input[_pos] == '\n' && quote != '`')
            {
                throw new ParseException(start, "unterminated quoted string");
            }
            _pos++;
        }
        if (_pos >= _input.Length)
        {
            throw new ParseException(start, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
        }
        _pos++;
        return new Token(TokenKind.String, _input[start.._pos], start);
    }

    private Token LexOperator(char c)
    {
        var start = _pos;
        var two = _pos + 1 < _input.Length ? _input.Substring(_pos, 2) : "";
        TokenKind? kind2 = two switch
        {
            "==" => TokenKind.Eql,
            "!=" => TokenKind.Neq,
            "<=" => TokenKind.Lte,
            ">=" => TokenKind.Gte,
            "</" => TokenKind.TrimUpper,
            ">/" => TokenKind.TrimLower,
            "=~" => TokenKind.EqlRegex,
            "!~" => TokenKind.NeqRegex,
            _ => null,
        };
        if (kind2 is { } k2)
        {
            _pos += 2;
            return new Token(k2, two, start);
        }
        TokenKind? kind = c switch
        {
            '(' => TokenKind.LeftParen,
            ')' => TokenKind.RightParen,
            '{' => TokenKind.LeftBrace,
            '}' => TokenKind.RightBrace,
            '[' => TokenKind.LeftBracket,
            ']' => TokenKind.RightBracket,
            ',' => TokenKind.Comma,
            ':' => TokenKind.Colon,
            '@' => TokenKind.At,
            '=' => TokenKind.Assign,
            '+' => TokenKind.Add,
            '-' => TokenKind.Sub,
            '*' => TokenKind.Mul,
            '/' => TokenKind.Div,
            '%' => TokenKind.Mod,
            '^' => TokenKind.Pow,
            '<' => TokenKind.Lss,
            '>' => TokenKind.Gtr,
            _ => null,
        };
        if (kind is null)
        {
            throw new ParseException(start, $"unexpected character: {Describe(c)}");
        }
        _pos++;
        _bracketDepth += kind == TokenKind.LeftBracket ? 1 : kind == TokenKind.RightBracket ? -1 : 0;
        return new Token(kind.Value, c.ToString(), start);
    }

    private static string Describe(char c) => c == '!' ? "'!'" : "'" + new StringBuilder().Append(c) + "'";
}
