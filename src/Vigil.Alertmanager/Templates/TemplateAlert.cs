using System.Collections;

namespace Vigil.Alertmanager.Templates;

/// <summary>
/// One alert as notification templates and webhook payloads see it (Go's <c>template.Alert</c>).
/// Property names match Go's field names so existing templates (<c>{{ .GeneratorURL }}</c>) work unchanged.
/// </summary>
public sealed class TemplateAlert
{
    /// <summary>"firing" or "resolved" at the time the notification was built.</summary>
    public required string Status { get; init; }

    /// <summary>The alert's labels.</summary>
    public required KV Labels { get; init; }

    /// <summary>The alert's annotations.</summary>
    public required KV Annotations { get; init; }

    /// <summary>When the alert started.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When the alert ends or ended; <see cref="DateTimeOffset.MinValue"/> stands for Go's zero time.</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>Link to the rule or entity that produced the alert.</summary>
    public string GeneratorURL { get; init; } = "";

    /// <summary>The label fingerprint as 16 hex digits.</summary>
    public string Fingerprint { get; init; } = "";
}

/// <summary>The alerts of a notification, with Go's <c>Firing</c> and <c>Resolved</c> helpers.</summary>
public sealed class TemplateAlerts : IReadOnlyList<TemplateAlert>
{
    private readonly List<TemplateAlert> _alerts;

    /// <summary>Wraps alerts in the given order.</summary>
    public TemplateAlerts(IEnumerable<TemplateAlert> alerts) => _alerts = [.. alerts];

    /// <inheritdoc />
    public int Count => _alerts.Count;

    /// <inheritdoc />
    public TemplateAlert this[int index] => _alerts[index];

    /// <summary>The alerts whose status is "firing".</summary>
    public TemplateAlerts Firing() => new(_alerts.Where(a => a.Status == TemplateData.StatusFiring));

    /// <summary>The alerts whose status is "resolved".</summary>
    public TemplateAlerts Resolved() => new(_alerts.Where(a => a.Status == TemplateData.StatusResolved));

    /// <inheritdoc />
    public IEnumerator<TemplateAlert> GetEnumerator() => _alerts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
