namespace Vigil.Alertmanager.Config;

/// <summary>A named time interval: the union of its <see cref="Periods"/>.</summary>
public sealed record TimeIntervalConfig
{
    public required string Name { get; init; }
    public IReadOnlyList<TimePeriod> Periods { get; init; } = [];
    public SourcePosition Position { get; init; }
}

/// <summary>
/// One entry of a time interval's list. Each field is a list of inclusive ranges; an empty list
/// means "any". All non-empty fields must match (in <see cref="Location"/>) for the period to match.
/// </summary>
public sealed record TimePeriod
{
    /// <summary>Minute-of-day ranges, end exclusive, e.g. 09:00-17:00 is [540, 1020).</summary>
    public IReadOnlyList<IntRange> Times { get; init; } = [];

    /// <summary>Weekday ranges, 0 = Sunday.</summary>
    public IReadOnlyList<IntRange> Weekdays { get; init; } = [];

    /// <summary>Day-of-month ranges; negative values count from the month's end (-1 = last day).</summary>
    public IReadOnlyList<IntRange> DaysOfMonth { get; init; } = [];

    /// <summary>Month ranges, 1 = January.</summary>
    public IReadOnlyList<IntRange> Months { get; init; } = [];

    public IReadOnlyList<IntRange> Years { get; init; } = [];

    /// <summary>IANA time zone id; UTC when not set.</summary>
    public string Location { get; init; } = "UTC";
}

/// <summary>An inclusive integer range.</summary>
public readonly record struct IntRange(int Begin, int End);
