using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.TimeIntervals;

/// <summary>
/// The configured <c>time_intervals</c> (and legacy <c>mute_time_intervals</c>) by name, ready to
/// evaluate: time zones are resolved once, when the config is loaded.
/// </summary>
public sealed class TimeIntervalSet
{
    private readonly Dictionary<string, IReadOnlyList<(TimePeriod Period, TimeZoneInfo Zone)>> _intervals;

    /// <summary>Builds the set; throws <see cref="ArgumentException"/> for a time zone this host does not know.</summary>
    public TimeIntervalSet(IEnumerable<TimeIntervalConfig> intervals)
    {
        _intervals = new(StringComparer.Ordinal);
        foreach (var interval in intervals)
        {
            _intervals[interval.Name] = [.. interval.Periods.Select(p => (p, ResolveZone(p.Location, interval.Name)))];
        }
    }

    /// <summary>A set without any interval.</summary>
    public static TimeIntervalSet Empty { get; } = new([]);

    /// <summary>The names of the intervals held.</summary>
    public IReadOnlyCollection<string> Names => _intervals.Keys;

    /// <summary>Whether an interval of that name exists.</summary>
    public bool Has(string name) => _intervals.ContainsKey(name);

    /// <summary>Whether <paramref name="instant"/> falls in any period of the named interval.</summary>
    /// <exception cref="UnknownTimeIntervalException">No interval has that name.</exception>
    public bool Contains(string name, DateTimeOffset instant)
    {
        if (!_intervals.TryGetValue(name, out var periods))
        {
            throw new UnknownTimeIntervalException(name);
        }

        return periods.Any(p => TimePeriodEvaluator.Contains(p.Period, p.Zone, instant));
    }

    /// <summary>The names among <paramref name="names"/> whose interval contains <paramref name="instant"/>, in order.</summary>
    /// <exception cref="UnknownTimeIntervalException">One of the names is unknown.</exception>
    public IReadOnlyList<string> Matching(IReadOnlyList<string> names, DateTimeOffset instant) =>
        [.. names.Where(n => Contains(n, instant)).Distinct(StringComparer.Ordinal)];

    private static TimeZoneInfo ResolveZone(string location, string intervalName)
    {
        if (string.IsNullOrEmpty(location) || location == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        if (location == "Local")
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(location);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(
                $"time interval \"{intervalName}\": unknown location \"{location}\"; expected an IANA time zone such as Europe/Berlin (is tzdata installed?)",
                nameof(location),
                e);
        }
    }
}

/// <summary>A route names a time interval that the config does not define.</summary>
public sealed class UnknownTimeIntervalException(string name)
    : Exception($"time interval \"{name}\" doesn't exist in config")
{
    /// <summary>The unknown name.</summary>
    public string Name { get; } = name;
}
