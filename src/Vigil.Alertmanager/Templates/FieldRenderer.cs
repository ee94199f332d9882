namespace Vigil.Alertmanager.Templates;

/// <summary>
/// Renders the template fields of one integration for one notification, naming the field in any
/// error (<c>receiver slack-notifier, slack_configs[0].title: ...</c>) so the user knows which
/// line of which receiver to fix.
/// </summary>
public sealed class FieldRenderer
{
    private readonly ITemplateRenderer _renderer;
    private readonly string _location;

    /// <summary>Creates a renderer for the integration at <paramref name="location"/> (e.g. <c>receiver X, slack_configs[0]</c>).</summary>
    public FieldRenderer(ITemplateRenderer renderer, TemplateData data, string location)
    {
        _renderer = renderer;
        Data = data;
        _location = location;
    }

    /// <summary>The data templates run against.</summary>
    public TemplateData Data { get; }

    /// <summary>Renders <paramref name="text"/>, the value of config field <paramref name="field"/>; empty text renders empty.</summary>
    /// <exception cref="NotificationTemplateException">The template failed; the message names the field.</exception>
    public string Render(string field, string text)
    {
        if (text.Length == 0)
        {
            return "";
        }
        try
        {
            return _renderer.Render(text, Data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new NotificationTemplateException($"{_location}.{field}: {ex.Message}", ex);
        }
    }

    /// <summary>The location string for integration <paramref name="index"/> of kind <paramref name="kind"/> in a receiver.</summary>
    public static string Location(string receiver, string kind, int index) => $"receiver {receiver}, {kind}[{index}]";
}

/// <summary>A notification template failed to parse or execute; the message names receiver, integration and field.</summary>
public sealed class NotificationTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotificationTemplateException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
