using Vigil.Config.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Rules.RuleFiles;

/// <summary>Maps a position inside a rule's expression back to the line and column of the rule file.</summary>
internal static class ExprPositions
{
    /// <summary>
    /// The file position of character <paramref name="offset"/> of <paramref name="expr"/>, written as <paramref name="node"/>.
    /// Exact for one-line values and literal blocks (<c>|</c>); for other multi-line styles YAML folded the
    /// lines, so the expression's first line is given.
    /// </summary>
    public static (int Line, int Column) InFile(YamlScalarNode node, ParseContext context, string expr, int offset)
    {
        offset = Math.Clamp(offset, 0, expr.Length);
        var exprLine = expr[..offset].Count(c => c == '\n');
        var lineStart = expr.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        if (offset == 0 || expr[offset - 1] == '\n')
        {
            lineStart = offset;
        }
        var exprColumn = offset - lineStart;
        var start = node.Start;
        if (node.Style == ScalarStyle.Literal)
        {
            // The block's indentation is set by its first line; deeper lines keep their extra spaces in the value.
            var first = context.SourceLine((int)start.Line + 1);
            var indent = first.Length - first.TrimStart().Length;
            return ((int)start.Line + 1 + exprLine, indent + exprColumn + 1);
        }
        if (exprLine == 0 && !expr.Contains('\n', StringComparison.Ordinal))
        {
            var quote = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            return ((int)start.Line, (int)start.Column + quote + exprColumn);
        }
        return ((int)start.Line, (int)start.Column);
    }
}
