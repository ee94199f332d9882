namespace Vigil.Templating.Parsing;

/// <summary>
/// One parsed template: its name, the name of the source it came from (used in error locations,
/// as Go's <c>ParseName</c>), the source text and the root node list.
/// </summary>
internal sealed class Tree(string name, string parseName, string source, ListNode root)
{
    public string Name { get; } = name;

    public string ParseName { get; } = parseName;

    public string Source { get; } = source;

    public ListNode Root { get; } = root;

    /// <summary>Line (1-based) and column (0-based byte offset in the line, as Go reports it) of a source offset.</summary>
    public (int Line, int Column) Locate(int pos)
    {
        pos = Math.Clamp(pos, 0, Source.Length);
        var lastNewline = pos == 0 ? -1 : Source.LastIndexOf('\n', pos - 1, pos);
        var line = 1;
        for (var i = 0; i < pos; i++)
        {
            if (Source[i] == '\n')
            {
                line++;
            }
        }
        var column = lastNewline < 0 ? Utf8Length(0, pos) : Utf8Length(lastNewline + 1, pos);
        return (line, column);
    }

    /// <summary>Whether the tree holds only whitespace text (Go's <c>IsEmptyTree</c>), so it must not replace an existing template.</summary>
    public bool IsEmpty() => Root.Nodes.All(n => n is TextNode t && string.IsNullOrWhiteSpace(t.Text));

    private int Utf8Length(int from, int to) => System.Text.Encoding.UTF8.GetByteCount(Source.AsSpan(from, to - from));
}
