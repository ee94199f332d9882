namespace Vigil.Templating.Parsing;

/// <summary>The kinds of lexical items, mirroring Go's <c>text/template/parse</c> item types.</summary>
internal enum TokenKind
{
    Error,
    Eof,
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Bool,
    Char,
    CharConstant,
    Number,
    String,
    RawString,
    Identifier,
    Field,
    Variable,
    Dot,
    Nil,
    Pipe,
    Declare,
    Assign,
    LeftParen,
    RightParen,
    Comment,

    // Keywords.
    Block,
    Break,
    Continue,
    Define,
    Else,
    End,
    If,
    Range,
    Template,
    With,
}

/// <summary>One lexical item: its kind, text, offset in the source and line.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Pos, int Line)
{
    /// <summary>Renders as Go does in parse errors: quoted values, keywords in angle brackets.</summary>
    public override string ToString() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Error => Value,
        >= TokenKind.Block => "<" + Value + ">",
        _ when Value.Length > 10 => Vigil.Model.GoString.Quote(Value[..10]) + "...",
        _ => Vigil.Model.GoString.Quote(Value),
    };
}
