using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>What <see cref="SilenceStore.Query"/> returns: every filter given must hold.</summary>
public sealed record SilenceQuery
{
    /// <summary>Only silences in one of these states; null = any.</summary>
    public IReadOnlySet<SilenceState>? States { get; init; }

    /// <summary>
    /// API v2 <c>filter</c> matchers, applied to the silence's own matchers (name → value), not to
    /// alerts: e.g. <c>alertname="X"</c> finds silences that have a matcher <c>alertname</c> with value X.
    /// </summary>
    public IReadOnlyList<Matcher> Filter { get; init; } = [];

    /// <summary>Only silences that would mute an alert with these labels (state not considered); null = any.</summary>
    public LabelSet? Muting { get; init; }

    /// <summary>Whether <paramref name="silence"/> passes every filter at <paramref name="now"/>.</summary>
    public bool Accepts(Silence silence, DateTimeOffset now) =>
        (States is null || States.Contains(silence.StateAt(now)))
        && (Muting is null || silence.Matches(Muting))
        && MatchesFilter(silence);

    // Upstream's matchFilterLabels: an empty-valued filter tolerates the name being absent
    // (positive ops) or present (negative ops); otherwise the silence matcher's value is tested.
    private bool MatchesFilter(Silence silence)
    {
        foreach (var f in Filter)
        {
            var own = silence.Matchers.FirstOrDefault(m => m.Name == f.Name);
            var present = own is not null;
            if (f.Value.Length == 0 && present == f.Type.IsNegative())
            {
                continue;
            }

            if (!f.Matches(own?.Value ?? ""))
            {
                return false;
            }
        }

        return true;
    }
}
