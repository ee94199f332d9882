namespace Vigil.Scrape.Parsing;

/// <summary>
/// The only exception the exposition parsers throw: the payload is malformed at <see cref="Line"/>.
/// The message starts with the line number and quotes (a bounded part of) the offending input.
/// </summary>
public sealed class ExpositionParseException : Exception
{
    /// <summary>Creates the exception for a problem on a 1-based line.</summary>
    public ExpositionParseException(int line, string detail)
        : base($"line {line}: {detail}")
    {
        Line = line;
        Detail = detail;
    }

    /// <summary>Creates the exception for a binary payload, which has no lines: the message says where instead.</summary>
    public ExpositionParseException(string detail)
        : base(detail)
    {
        Detail = detail;
    }

    /// <summary>The 1-based line of the problem (0 for binary formats).</summary>
    public int Line { get; }

    /// <summary>The message without the line prefix.</summary>
    public string Detail { get; }
}
