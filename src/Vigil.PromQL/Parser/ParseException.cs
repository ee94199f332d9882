namespace Vigil.PromQL.Parser;

/// <summary>A query that does not parse or type-check; the message reads like upstream's, e.g. <c>1:8: parse error: unexpected ...</c>.</summary>
public sealed class ParseException : Exception
{
    /// <summary>Creates an error at a byte offset; the line:column prefix is added when the query is known.</summary>
    public ParseException(int position, string detail)
        : base(detail)
    {
        Position = position;
        Detail = detail;
    }

    private ParseException(int position, string detail, string message)
        : base(message)
    {
        Position = position;
        Detail = detail;
    }

    /// <summary>The byte offset of the error in the query.</summary>
    public int Position { get; }

    /// <summary>The error without position.</summary>
    public string Detail { get; }

    /// <summary>The same error with the <c>line:col: parse error:</c> prefix computed against <paramref name="query"/>.</summary>
    public ParseException WithQuery(string query)
    {
        var (line, col) = LineColumn(query, Position);
        return new ParseException(Position, Detail, $"{line}:{col}: parse error: {Detail}");
    }

    internal static (int Line, int Column) LineColumn(string query, int position)
    {
        int line = 1, col = 1;
        for (var i = 0; i < position && i < query.Length; i++)
        {
            if (query[i] == '\n')
            {
                line++;
                col = 1;
            }
            else
            {
                col++;
            }
        }
        return (line, col);
    }
}
