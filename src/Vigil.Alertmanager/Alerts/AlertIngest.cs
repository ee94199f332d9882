using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Alerts;

/// <summary>One rejected alert of a posted batch.</summary>
/// <param name="Index">The alert's position in the batch (0-based).</param>
/// <param name="Field">The offending field: <c>startsAt</c>, <c>endsAt</c>, <c>labels</c> or <c>annotations</c>.</param>
/// <param name="Message">Alertmanager's own wording of the problem (what its API answers with).</param>
public sealed record IngestError(int Index, string Field, string Message)
{
    /// <summary>The problem with its place: <c>alerts[3].labels: invalid label set: invalid name "1x"</c>.</summary>
    public override string ToString() => $"alerts[{Index}].{Field}: {Message}";
}

/// <summary>The outcome of preparing a posted batch.</summary>
/// <param name="Valid">The alerts that passed validation, with defaults applied, in batch order.</param>
/// <param name="Errors">One entry per rejected alert, in batch order.</param>
public sealed record IngestResult(IReadOnlyList<Alert> Valid, IReadOnlyList<IngestError> Errors)
{
    /// <summary>Whether the whole batch is valid.</summary>
    public bool Ok => Errors.Count == 0;

    /// <summary>The errors joined as Alertmanager joins them in its 400 answer (<c>"; "</c>).</summary>
    public string UpstreamMessage => string.Join("; ", Errors.Select(e => e.Message));
}

/// <summary>
/// Applies Alertmanager API v2's rules to posted alerts, with the injected clock: missing start
/// becomes now (or the given end), missing end becomes now + resolve_timeout with
/// <see cref="Alert.Timeout"/> set, <see cref="Alert.UpdatedAt"/> becomes now; then validates.
/// </summary>
/// <remarks>
/// Upstream stores the valid alerts of a partly bad batch and answers 400 for the rest; a caller
/// that wants all-or-nothing stores nothing unless <see cref="IngestResult.Ok"/>. Either way the
/// decision is the caller's: this type never touches the store.
/// </remarks>
public sealed class AlertIngest(TimeProvider clock)
{
    /// <summary>Defaults and validates a posted batch.</summary>
    public IngestResult Prepare(IReadOnlyList<Alert> posted, TimeSpan resolveTimeout)
    {
        var now = clock.GetUtcNow();
        var valid = new List<Alert>(posted.Count);
        var errors = new List<IngestError>();
        for (var i = 0; i < posted.Count; i++)
        {
            var alert = WithDefaults(posted[i], now, resolveTimeout);
            if (Validate(alert, i) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                valid.Add(alert);
            }
        }
        return new IngestResult(valid, errors);
    }

    /// <summary>The API's defaulting of one alert received at <paramref name="now"/>.</summary>
    public static Alert WithDefaults(Alert alert, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        var startsAt = alert.StartsAt;
        if (IsZero(startsAt))
        {
            startsAt = IsZero(alert.EndsAt) ? now : alert.EndsAt;
        }
        var timeout = IsZero(alert.EndsAt);
        var endsAt = timeout ? now + resolveTimeout : alert.EndsAt;
        return alert with { StartsAt = startsAt, EndsAt = endsAt, UpdatedAt = now, Timeout = timeout };
    }

    /// <summary>Alertmanager's validation of one (defaulted) alert; null when it is fine.</summary>
    public static IngestError? Validate(Alert alert, int index)
    {
        if (IsZero(alert.StartsAt))
        {
            return new IngestError(index, "startsAt", "start time missing");
        }
        if (!IsZero(alert.EndsAt) && alert.EndsAt < alert.StartsAt)
        {
            return new IngestError(index, "endsAt", "start time must be before end time");
        }
        if (LabelProblem(alert.Labels) is { } labels)
        {
            return new IngestError(index, "labels", "invalid label set: " + labels);
        }
        if (alert.Labels.Count == 0)
        {
            return new IngestError(index, "labels", "at least one label pair required");
        }
        return LabelProblem(alert.Annotations) is { } annotations
            ? new IngestError(index, "annotations", "invalid annotations: " + annotations)
            : null;
    }

    private static bool IsZero(DateTimeOffset time) => time == DateTimeOffset.MinValue;

    private static string? LabelProblem(LabelSet labels)
    {
        foreach (var label in labels.AsSpan())
        {
            // Alertmanager 0.25 accepts only classic label names ([a-zA-Z_][a-zA-Z0-9_]*).
            if (!LabelName.IsClassic(label.Name))
            {
                return "invalid name " + GoString.Quote(label.Name);
            }
            if (!IsWellFormed(label.Value))
            {
                return "invalid value " + GoString.Quote(label.Value);
            }
        }
        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
