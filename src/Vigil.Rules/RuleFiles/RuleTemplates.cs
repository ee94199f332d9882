using Vigil.Config.Loading;
using Vigil.Templating;
using Vigil.Templating.Functions;
using YamlDotNet.RepresentationModel;

namespace Vigil.Rules.RuleFiles;

/// <summary>
/// Checks that the label and annotation values of an alerting rule parse as Go templates with
/// Prometheus's template functions, the way Prometheus will expand them: with <c>$labels</c>,
/// <c>$externalLabels</c>, <c>$externalURL</c> and <c>$value</c> defined.
/// </summary>
internal static class RuleTemplates
{
    // Defined on the same line as the text so the template's line numbers stay the value's own.
    private const string Definitions =
        "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private static readonly TemplateSet Checker = new(PrometheusFunctions.Create(null, "", DateTimeOffset.UnixEpoch));

    public static void Check(MapReader rule, string key)
    {
        if (rule.Map(key, KeySection.AnyKeys) is not { } map)
        {
            return;
        }
        foreach (var (k, v) in map.Node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode { Value: { } text } && text.Contains("{{", StringComparison.Ordinal))
            {
                CheckOne(rule.Context, v, $"{map.PathPrefix}.{name}", key == "labels" ? "label" : "annotation", name, text);
            }
        }
    }

    private static void CheckOne(ParseContext context, YamlNode node, string path, string kind, string name, string text)
    {
        try
        {
            Checker.CheckText(Definitions + text);
        }
        catch (TemplateParseException e)
        {
            context.Error(node, path, $"error parsing {kind} template {Vigil.Model.GoString.Quote(name)}: {e.Message}",
                "a Go template: {{ $labels.instance }}, {{ $value | humanize }}; quote the whole value in YAML");
        }
    }
}
