namespace Vigil.PromQL.Parser;

/// <summary>The kinds of token the lexer produces.</summary>
public enum TokenKind
{
    /// <summary>End of input.</summary>
    Eof,
    Identifier,
    Number,
    Duration,
    String,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    Assign,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eql,
    Neq,
    Lss,
    Lte,
    Gtr,
    Gte,

    /// <summary><c>&lt;/</c>: keeps a histogram's observations below the right-hand value.</summary>
    TrimUpper,

    /// <summary><c>&gt;/</c>: keeps a histogram's observations above the right-hand value.</summary>
    TrimLower,
    EqlRegex,
    NeqRegex,

    /// <summary>Set and keyword operators, produced by the parser from identifiers.</summary>
    And,
    Or,
    Unless,
    Atan2,
}

/// <summary>A token: its kind, its text as written and its byte offset in the query.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    /// <summary>The position just past the token.</summary>
    public int End => Position + Text.Length;
}
