using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>Upstream's silence rules (<c>validateSilence</c>) with its messages, so amtool users see the same text.</summary>
public static class SilenceValidation
{
    /// <summary>The first rule <paramref name="silence"/> breaks, or null when it is valid.</summary>
    public static string? Validate(Silence silence)
    {
        if (silence.Matchers.Count == 0)
        {
            return "at least one matcher required";
        }

        for (var i = 0; i < silence.Matchers.Count; i++)
        {
            if (!LabelName.IsValid(silence.Matchers[i].Name))
            {
                return $"invalid label matcher {i}: invalid label name \"{silence.Matchers[i].Name}\"";
            }
        }

        if (silence.Matchers.All(m => m.MatchesEmpty))
        {
            return "at least one matcher must not match the empty string";
        }

        if (silence.StartsAt == default)
        {
            return "invalid zero start timestamp";
        }

        if (silence.EndsAt == default)
        {
            return "invalid zero end timestamp";
        }

        return silence.EndsAt < silence.StartsAt ? "end time must not be before start time" : null;
    }

    /// <summary>
    /// The extra checks the API v2 POST handler makes before the store sees the silence
    /// (upstream answers these with "Failed to create silence: ...").
    /// </summary>
    public static string? ValidateForCreate(Silence silence, DateTimeOffset now)
    {
        if (silence.StartsAt >= silence.EndsAt)
        {
            return "start time must be before end time";
        }

        return silence.EndsAt < now ? "end time can't be in the past" : null;
    }

    /// <summary>Builds a matcher from API fields, or says precisely why it cannot be built.</summary>
    public static bool TryCreateMatcher(MatcherType type, string name, string value, out Matcher? matcher, out string? error)
    {
        matcher = null;
        error = null;
        if (!LabelName.IsValid(name))
        {
            error = $"invalid label name \"{name}\"";
            return false;
        }

        try
        {
            matcher = new Matcher(type, name, value);
            return true;
        }
        catch (FormatException e)
        {
            error = $"invalid regular expression \"{value}\": {e.Message}";
            return false;
        }
    }
}
