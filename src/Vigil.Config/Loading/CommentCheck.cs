using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>
/// Finds values that came out empty because an unquoted <c>#</c> started a YAML comment, as in
/// <c>channel: #monitoring</c>: YAML accepts it silently, so only the raw line shows what happened.
/// </summary>
public static class CommentCheck
{
    public static void WarnIfSwallowed(ParseContext context, YamlScalarNode key, YamlNode value, string path, bool secret)
    {
        if (!YamlValues.IsNull(value))
        {
            return;
        }
        var line = (int)key.End.Line;
        var text = context.SourceLine(line);
        var afterKey = Math.Min(text.Length, (int)key.End.Column - 1);
        var rest = text[afterKey..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return;
        }
        var comment = rest[(colon + 1)..].TrimStart();
        if (!comment.StartsWith('#'))
        {
            return;
        }
        var column = text.Length - rest.Length + colon + 1 + (rest[(colon + 1)..].Length - comment.Length) + 1;
        var name = key.Value ?? "";
        var shown = secret ? "#..." : comment.TrimEnd().Replace("'", "''", StringComparison.Ordinal);
        context.Warn(line, column, path,
            "value is empty: an unquoted '#' starts a YAML comment, so the rest of the line was ignored",
            $"quote it: {name}: '{shown}'");
    }
}
