using Vigil.Templating;
using Vigil.Templating.Functions;

namespace Vigil.Alertmanager.Templates;

/// <summary>
/// The template set notifications render with: Vigil's defaults (<see cref="DefaultTemplates"/>)
/// plus the files named by the config's <c>templates:</c> globs, parsed in that order so a file can
/// redefine a default. Field values from the config (<c>title: '[{{ .Status | toUpper }}] ...'</c>)
/// are executed against this set, so they can call any template it defines.
/// </summary>
public sealed class NotificationTemplates : ITemplateRenderer
{
    private readonly TemplateSet _set;

    private NotificationTemplates(TemplateSet set, string externalUrl)
    {
        _set = set;
        ExternalUrl = externalUrl;
    }

    /// <inheritdoc />
    public string ExternalUrl { get; }

    /// <summary>Loads the defaults and the files matching <paramref name="globs"/>; a glob matching nothing is allowed, as upstream allows it.</summary>
    /// <exception cref="NotificationTemplateException">A file cannot be read or does not parse; the message names the file.</exception>
    public static NotificationTemplates Load(IReadOnlyList<string> globs, string externalUrl, TimeProvider time) =>
        Load(globs, externalUrl, AlertmanagerFunctions.Create(time));

    /// <summary>Loads with an explicit function map (tests, or callers adding functions).</summary>
    public static NotificationTemplates Load(IReadOnlyList<string> globs, string externalUrl, FunctionMap functions)
    {
        // Alertmanager executes with missingkey=zero: a missing label renders empty, not "<no value>".
        var set = new TemplateSet(functions).Option("missingkey=zero");
        Parse(set, DefaultTemplates.FileName, DefaultTemplates.Text);
        foreach (var file in globs.SelectMany(TemplateGlob.Expand))
        {
            Parse(set, Path.GetFileName(file), Read(file));
        }
        return new NotificationTemplates(set, externalUrl.TrimEnd('/'));
    }

    /// <inheritdoc />
    public string Render(string text, TemplateData data) => text.Length == 0 ? "" : _set.ExecuteText(text, data);

    /// <summary>Executes the named template (e.g. <c>slack.default.title</c>) against <paramref name="data"/>.</summary>
    public string Execute(string name, TemplateData data) => _set.Execute(name, data);

    /// <summary>Checks that <paramref name="text"/> parses against this set; returns the parse error, or null.</summary>
    public string? CheckSyntax(string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            _set.CheckText(text);
            return null;
        }
        catch (TemplateParseException ex)
        {
            return ex.Message;
        }
    }

    private static void Parse(TemplateSet set, string name, string text)
    {
        try
        {
            set.Parse(name, text);
        }
        catch (TemplateParseException ex)
        {
            throw new NotificationTemplateException($"template file {name}: {ex.Message}", ex);
        }
    }

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NotificationTemplateException($"template file {file}: {ex.Message}", ex);
        }
    }
}
