namespace Vigil.Templating.Parsing;

/// <summary>Literal scanning and low-level helpers of the lexer.</summary>
internal sealed partial class Lexer
{
    private bool LexQuote()
    {
        while (true)
        {
            if (_pos >= _input.Length)
            {
                return Error("unterminated quoted string");
            }
            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                {
                    return Error("unterminated quoted string");
                }
                _pos++;
                continue;
            }
            if (c == '\n')
            {
                return Error("unterminated quoted string");
            }
            if (c == '"')
            {
                Emit(TokenKind.String);
                return true;
            }
        }
    }

    private bool LexRawQuote()
    {
        var end = _input.IndexOf('`', _pos);
        if (end < 0)
        {
            return Error("unterminated raw quoted string");
        }
        Advance(end + 1 - _pos);
        Emit(TokenKind.RawString);
        return true;
    }

    private bool LexChar()
    {
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                return Error("unterminated character constant");
            }
            var c = _input[_pos++];
            if (c == '\\' && _pos < _input.Length && _input[_pos] != '\n')
            {
                _pos++;
                continue;
            }
            if (c == '\'')
            {
                Emit(TokenKind.CharConstant);
                return true;
            }
        }
    }

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            return Error("bad number syntax: " + Vigil.Model.GoString.Quote(_input[_start.._pos]));
        }
        Emit(TokenKind.Number);
        return true;
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }
        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }
        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
            return false;
        }
        return true;
    }

    private bool Accept(string valid)
    {
        if (_pos < _input.Length && valid.Contains(_input[_pos], StringComparison.Ordinal))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private char Peek() => _pos < _input.Length ? _input[_pos] : '\0';

    private bool AtTerminator()
    {
        if (_pos >= _input.Length)
        {
            return true;
        }
        var c = _input[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' || HasPrefixAt(_pos, RightDelim);
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarkerAt(_pos) && HasPrefixAt(_pos + 2, RightDelim))
        {
            return (true, true);
        }
        return (HasPrefixAt(_pos, RightDelim), false);
    }

    private bool HasLeftTrimMarker(int at) =>
        at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarkerAt(int at) =>
        at >= 0 && at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    private bool HasPrefixAt(int at, string prefix) =>
        at >= 0 && at <= _input.Length && string.CompareOrdinal(_input, at, prefix, 0, prefix.Length) == 0
        && at + prefix.Length <= _input.Length;

    private int TrimRightEnd(int from, int end)
    {
        while (end > from && IsSpace(_input[end - 1]))
        {
            end--;
        }
        return end;
    }

    private void SkipLeadingSpace()
    {
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
        }
    }

    private void Advance(int count) => _pos += count;

    private void Emit(TokenKind kind)
    {
        var end = Math.Min(_pos, _input.Length);
        var value = kind == TokenKind.Eof ? "" : _input[_start..end];
        _tokens.Add(new Token(kind, value, _start, _startLine));
        Ignore();
    }

    /// <summary>Drops the pending text, recomputing the line so that every token knows where it starts.</summary>
    private void Ignore()
    {
        var end = Math.Min(_pos, _input.Length);
        for (var i = _start; i < end; i++)
        {
            if (_input[i] == '\n')
            {
                _startLine++;
            }
        }
        _start = _pos;
    }

    private bool Error(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, message, _start, _startLine));
        return false;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);
}
