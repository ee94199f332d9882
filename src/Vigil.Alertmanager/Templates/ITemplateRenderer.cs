namespace Vigil.Alertmanager.Templates;

/// <summary>Executes template text (a config field's value) against notification data.</summary>
public interface ITemplateRenderer
{
    /// <summary>The Alertmanager's external URL, which templates see as <c>.ExternalURL</c>.</summary>
    string ExternalUrl { get; }

    /// <summary>Renders <paramref name="text"/>; throws when it does not parse or execute.</summary>
    string Render(string text, TemplateData data);
}
