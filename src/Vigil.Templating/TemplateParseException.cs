namespace Vigil.Templating;

/// <summary>
/// A template failed to parse. The message has Go's shape, <c>template: NAME:LINE: reason</c>, so
/// users see the same text they would from Prometheus or Alertmanager.
/// </summary>
public sealed class TemplateParseException(string message, string templateName, int line, int column)
    : Exception(message)
{
    /// <summary>The name of the template (or file) being parsed.</summary>
    public string TemplateName { get; } = templateName;

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; } = line;

    /// <summary>0-based byte column of the offending token within its line, as Go counts it.</summary>
    public int Column { get; } = column;
}
