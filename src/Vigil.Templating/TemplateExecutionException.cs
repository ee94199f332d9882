namespace Vigil.Templating;

/// <summary>
/// Executing a template failed. The message has Go's shape,
/// <c>template: NAME:LINE:COL: executing "NAME" at &lt;node&gt;: reason</c>.
/// </summary>
public sealed class TemplateExecutionException : Exception
{
    /// <summary>Creates the exception; <paramref name="inner"/> is the error a function raised, when there was one.</summary>
    public TemplateExecutionException(string message, string templateName, int line, int column, Exception? inner = null)
        : base(message, inner)
    {
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>The name of the template that was executing.</summary>
    public string TemplateName { get; }

    /// <summary>1-based line of the node being executed, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>0-based byte column of the node being executed, as Go counts it.</summary>
    public int Column { get; }
}
