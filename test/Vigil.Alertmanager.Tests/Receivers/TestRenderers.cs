using Vigil.Alertmanager.Templates;
using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Tests.Receivers;

/// <summary>A renderer for tests that do not exercise templates: text renders as itself, "{{ fail }}" fails.</summary>
public sealed class LiteralRenderer : ITemplateRenderer
{
    public const string Failing = "{{ fail }}";

    public string ExternalUrl { get; init; } = "http://am.example:9093";

    public string Render(string text, TemplateData data) =>
        text == Failing ? throw new InvalidOperationException("template: :1: function \"fail\" not defined") : text;
}

/// <summary>Alerts and inputs shared by receiver tests.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

    public static Alert Firing(string instance = "10.0.0.7:9100") => new()
    {
        Labels = LabelSet.Of("alertname", "InstanceDown", "instance", instance, "job", "node", "severity", "critical"),
        Annotations = LabelSet.Of("description", $"{instance} of job node has been down for more than 1 minute.", "title", $"Instance {instance} down"),
        StartsAt = Now.AddMinutes(-3),
        EndsAt = DateTimeOffset.MinValue,
        GeneratorUrl = "http://prometheus:9090/graph?g0.expr=up+%3D%3D+0",
    };

    public static Alert Resolved(string instance = "10.0.0.8:9100") => Firing(instance) with { EndsAt = Now.AddMinutes(-1) };

    public static NotificationInput Input(params Alert[] alerts) =>
        new("slack-notifier", "{}:{alertname=\"InstanceDown\"}", LabelSet.Of("alertname", "InstanceDown"),
            alerts.Length == 0 ? [Firing()] : alerts, Now);
}
