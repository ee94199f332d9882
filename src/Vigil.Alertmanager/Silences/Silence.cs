using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>A silence: mutes every alert matched by all its matchers between start and end.</summary>
public sealed record Silence
{
    /// <summary>A UUID v4 string; empty on a silence not yet stored.</summary>
    public string Id { get; init; } = "";

    /// <summary>All must match an alert's labels for the silence to mute it.</summary>
    public required IReadOnlyList<Matcher> Matchers { get; init; }

    /// <summary>When muting starts.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When muting ends.</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>When the store last changed this silence.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>Why.</summary>
    public string Comment { get; init; } = "";

    /// <summary>
    /// Free-form key/value notes (API v2 <c>annotations</c>); stored and returned, never matched on.
    /// </summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = NoAnnotations;

    /// <summary>The shared empty annotation set, so silences without annotations compare equal.</summary>
    public static IReadOnlyDictionary<string, string> NoAnnotations { get; } = new Dictionary<string, string>();

    /// <summary>The state at <paramref name="now"/>; the end instant itself already counts as expired, as upstream.</summary>
    public SilenceState StateAt(DateTimeOffset now) =>
        now < StartsAt ? SilenceState.Pending : now < EndsAt ? SilenceState.Active : SilenceState.Expired;

    /// <summary>Whether every matcher matches these labels (state not considered).</summary>
    public bool Matches(LabelSet labels)
    {
        foreach (var m in Matchers)
        {
            if (!m.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two matcher lists are the same, in order (upstream compares them exactly).</summary>
    internal bool SameMatchers(Silence other) => Matchers.SequenceEqual(other.Matchers);
}
