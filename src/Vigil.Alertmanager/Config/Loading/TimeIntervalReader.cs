using Vigil.Model;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads <c>time_intervals</c> and the legacy <c>mute_time_intervals</c>: named lists of periods.</summary>
internal static class TimeIntervalReader
{
    public static List<TimeIntervalConfig> ReadAll(MapReader top)
    {
        var result = new List<TimeIntervalConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in new[] { "mute_time_intervals", "time_intervals" })
        {
            foreach (var m in top.MapList(key, ConfigKeys.TimeInterval))
            {
                var name = m.String("name");
                if (string.IsNullOrEmpty(name))
                {
                    m.Context.Error(m.Has("name") ? m.KeyNode("name") : m.Node, m.PathOf("name"), "missing name in time interval");
                    continue;
                }
                if (!seen.Add(name))
                {
                    m.Context.Error(m.Value("name")!, m.PathOf("name"), $"time interval {GoString.Quote(name)} is not unique");
                    continue;
                }
                result.Add(new TimeIntervalConfig
                {
                    Name = name,
                    Periods = m.MapList("time_intervals", ConfigKeys.TimePeriod).Select(ReadPeriod).ToList(),
                    Position = new SourcePosition((int)m.Node.Start.Line, (int)m.Node.Start.Column),
                });
            }
        }
        return result;
    }

    private static TimePeriod ReadPeriod(MapReader p) => new()
    {
        Times = p.MapList("times", ConfigKeys.TimeRange).Select(ReadTimeRange).OfType<IntRange>().ToList(),
        Weekdays = Ranges(p, "weekdays", TimeRangeParser.Weekday),
        DaysOfMonth = Ranges(p, "days_of_month", TimeRangeParser.DayOfMonth),
        Months = Ranges(p, "months", TimeRangeParser.Month),
        Years = Ranges(p, "years", TimeRangeParser.Year),
        Location = ReadLocation(p),
    };

    private static List<IntRange> Ranges(MapReader p, string key, Func<string, (IntRange? Range, string? Error)> parse)
    {
        var result = new List<IntRange>();
        var items = p.StringList(key) ?? [];
        var seq = p.Sequence(key);
        for (var i = 0; i < items.Count; i++)
        {
            var (range, error) = parse(items[i]);
            if (range is { } r)
            {
                result.Add(r);
            }
            else
            {
                p.Context.Error(seq!.Children[i], $"{p.PathOf(key)}[{i}]", error!, TimeRangeParser.Example(key));
            }
        }
        return result;
    }

    private static IntRange? ReadTimeRange(MapReader t)
    {
        var start = t.String("start_time");
        var end = t.String("end_time");
        if (string.IsNullOrEmpty(start) || string.IsNullOrEmpty(end))
        {
            t.Context.Error(t.Node, t.PathPrefix, "both start_time and end_time must be set", "times: [{start_time: '09:00', end_time: '17:00'}]");
            return null;
        }
        var s = TimeRangeParser.Minutes(start, out var e1);
        var e = TimeRangeParser.Minutes(end, out var e2);
        if (s is null || e is null)
        {
            var key = s is null ? "start_time" : "end_time";
            t.Context.Error(t.Value(key)!, t.PathOf(key), (e1 ?? e2)!, "write HH:MM in 24-hour time, 00:00 to 24:00, e.g. '17:30'");
            return null;
        }
        if (s >= e)
        {
            t.Context.Error(t.Value("start_time")!, t.PathPrefix, $"start_time {start} must be before end_time {end}",
                "a range cannot wrap midnight; split it into two: 22:00-24:00 and 00:00-06:00");
            return null;
        }
        return new IntRange(s.Value, e.Value);
    }

    private static string ReadLocation(MapReader p)
    {
        if (p.String("location") is not { } name)
        {
            return "UTC";
        }
        if (name is "UTC" or "Local" or "" || TimeZoneInfo.TryFindSystemTimeZoneById(name, out _))
        {
            return name.Length == 0 ? "UTC" : name;
        }
        p.Context.Error(p.Value("location")!, p.PathOf("location"), $"unknown time zone {GoString.Quote(name)}", "use an IANA name such as Europe/Berlin or America/New_York");
        return "UTC";
    }
}
