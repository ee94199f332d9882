namespace Vigil.Templating.Formatting;

/// <summary>
/// A time together with its zone's abbreviation (<c>CET</c>), which a <see cref="DateTimeOffset"/>
/// cannot carry. The <c>tz</c> function returns one so that <c>date "15:04 MST"</c> prints the
/// abbreviation as Go does; it converts to a <see cref="DateTimeOffset"/> wherever one is expected.
/// </summary>
public readonly record struct ZonedTime(DateTimeOffset Time, string? Zone)
{
    /// <summary>Converts a time into <paramref name="zone"/>, naming it by its tz-database abbreviation.</summary>
    public static ZonedTime In(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return new ZonedTime(local, IsAbbreviation(name) ? name : null);
    }

    /// <summary>Formats with a Go layout.</summary>
    public string Format(string layout) => GoTimeFormat.Format(Time, layout, Zone);

    /// <summary>Go's <c>time.Time.String()</c>.</summary>
    public override string ToString() => Format(GoTimeFormat.StringLayout);

    private static bool IsAbbreviation(string name) => name.Length is > 0 and <= 6 && !name.Contains(' ', StringComparison.Ordinal);
}
