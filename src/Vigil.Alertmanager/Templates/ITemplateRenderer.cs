namespace Vigil.Alertmanager.Templates;

/// <summary>Executes template text (a config field's value) against notification data.</summary>
public interface ITemplateRenderer
{
    /// <summary>Renders <paramref name="text"/>; throws when it does not parse or execute.</summary>
    string Render(string text, TemplateData data);
}
