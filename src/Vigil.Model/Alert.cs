using Vigil.Model.Labels;

namespace Vigil.Model;

/// <summary>
/// An alert as Prometheus sends it and Alertmanager holds it. <see cref="EndsAt"/> is
/// <see cref="DateTimeOffset.MinValue"/> when the sender gave none; <see cref="Timeout"/> then says
/// the receiver set it from <c>resolve_timeout</c>.
/// </summary>
public sealed record Alert
{
    /// <summary>Identifying labels.</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>Descriptive annotations (not part of the identity).</summary>
    public LabelSet Annotations { get; init; } = LabelSet.Empty;

    /// <summary>When the alert started firing.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When the alert stops (or stopped) firing.</summary>
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>Link back to the entity that generated the alert.</summary>
    public string GeneratorUrl { get; init; } = "";

    /// <summary>When this alert was last updated by a sender.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether <see cref="EndsAt"/> was filled in from resolve_timeout rather than by the sender.</summary>
    public bool Timeout { get; init; }

    /// <summary>The fingerprint of <see cref="Labels"/>.</summary>
    public Fingerprint Fingerprint => Labels.Fingerprint;

    /// <summary>The alert name label.</summary>
    public string Name => Labels.Get(LabelName.AlertName);

    /// <summary>Whether the alert is resolved at <paramref name="now"/>.</summary>
    public bool ResolvedAt(DateTimeOffset now) => EndsAt != DateTimeOffset.MinValue && EndsAt <= now;
}
