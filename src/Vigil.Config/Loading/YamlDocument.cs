using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>
/// Parses a config file's YAML into its first document, reporting syntax errors plainly (with the
/// usual cause in a config file) instead of letting the parser's exception escape.
/// </summary>
public static class YamlDocument
{
    /// <summary>
    /// The root node of the first document, or null when the text does not parse or is empty
    /// (both reported on <paramref name="context"/>; <paramref name="emptyHint"/> says what the file needs).
    /// </summary>
    public static YamlNode? Load(ParseContext context, string yaml, string emptyHint)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var (message, hint) = SyntaxErrors.Explain(e, context.SourceLine);
            var tab = message.Contains("tab character", StringComparison.Ordinal);
            var line = tab ? SyntaxErrors.TabLine((int)e.Start.Line, context.SourceLine, context.LineCount) : (int)e.Start.Line;
            context.Error(line, tab && line != e.Start.Line ? 1 : (int)e.Start.Column, "", message, hint);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet fails this way on some malformed input (e.g. an unclosed '['); report where the parser was.
            var at = parser.Current?.End ?? Mark.Empty;
            var (message, hint) = SyntaxErrors.Unexpected((int)at.Line, context.SourceLine);
            context.Error((int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), "", message, hint);
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            context.Error(1, 1, "", "the file is empty", emptyHint);
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            context.Warn(stream.Documents[1].RootNode, "", "only the first YAML document is used; the content after '---' is ignored");
        }
        return stream.Documents[0].RootNode;
    }
}
