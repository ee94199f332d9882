using Vigil.Model.Labels;
using Vigil.Templating;
using Vigil.Templating.Functions;

namespace Vigil.Rules.Evaluation;

/// <summary>Expands the label and annotation templates of one alerting rule for one result series.</summary>
internal static class AlertTemplateExpander
{
    /// <summary>
    /// Expands <paramref name="text"/> with upstream's variables. A failure does not fail the rule: the
    /// text becomes upstream's <c>&lt;error expanding template: ...&gt;</c> so the user sees it in the alert.
    /// </summary>
    public static string Expand(string text, string alertName, AlertTemplateData data, RuleContext context, DateTimeOffset ts)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            // Plain text expands to itself; skipping the engine keeps evaluation cheap for most rules.
            return text;
        }
        var name = "__alert_" + alertName;
        var set = new TemplateSet(PrometheusFunctions.Create(TemplateQuery(context.Query), context.ExternalUrl, ts)).Option("missingkey=zero");
        try
        {
            set.Parse(name, AlertTemplateData.Prefix + text);
        }
        catch (TemplateParseException e)
        {
            return $"<error expanding template: error parsing template {name}: {e.Message}>";
        }
        try
        {
            return set.Execute(name, data);
        }
        catch (TemplateExecutionException e)
        {
            return $"<error expanding template: error executing template {name}: {e.Message}>";
        }
    }

    private static TemplateQueryFunc? TemplateQuery(RuleQueryFunc? query)
    {
        if (query is null)
        {
            return null;
        }
        return (q, time) => query(q, time.ToUnixTimeMilliseconds())
            .Select(s => new TemplateSample(s.Metric.ToDictionary(), s.Value))
            .ToList();
    }

    /// <summary>The template data upstream builds: series labels, external labels and URL, the value.</summary>
    public static AlertTemplateData Data(LabelSet series, double value, RuleContext context) =>
        new(series.ToDictionary(), context.ExternalLabels.ToDictionary(), context.ExternalUrl, value);
}
