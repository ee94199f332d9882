namespace Vigil.Templating.Functions;

/// <summary>
/// The data an alerting rule's annotation and label templates see in Prometheus
/// (<c>template.AlertTemplateData</c>). Expand <see cref="Prefix"/> + text, named
/// <c>__alert_RULENAME</c>, so <c>$labels</c>, <c>$externalLabels</c>, <c>$externalURL</c> and
/// <c>$value</c> are defined as upstream defines them.
/// </summary>
public sealed record AlertTemplateData(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> ExternalLabels,
    string ExternalURL,
    object? Value)
{
    /// <summary>The variable definitions Prometheus prepends to every alert template.</summary>
    public const string Prefix = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";
}
