using System.Reflection;
using Vigil.Templating.Formatting;

namespace Vigil.Templating.Execution;

/// <summary>
/// The methods Go templates call on <c>time.Time</c> and <c>time.Duration</c>
/// (<c>.StartsAt.Format "15:04"</c>, <c>.EndsAt.IsZero</c>, <c>.Duration.Seconds</c>), provided for
/// <see cref="DateTimeOffset"/>, <see cref="DateTime"/> and <see cref="TimeSpan"/>.
/// </summary>
internal static class GoTypeMethods
{
    private static readonly Dictionary<(Type, string), Callable> Methods = Build();

    public static Callable? Find(Type type, string name) => Methods.GetValueOrDefault((type, name));

    private static Dictionary<(Type, string), Callable> Build()
    {
        var map = new Dictionary<(Type, string), Callable>();
        foreach (var method in typeof(GoTypeMethods).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            var receiver = method.GetParameters()[0].ParameterType;
            map[(receiver, method.Name)] = Callable.ForExtension(method);
        }
        return map;
    }

    public static string Format(DateTimeOffset t, string layout) => GoTimeFormat.Format(t, layout);

    public static string String(DateTimeOffset t) => GoTimeFormat.ToGoString(t);

    public static long Unix(DateTimeOffset t) => t.ToUnixTimeSeconds();

    public static long UnixMilli(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static long UnixNano(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public static DateTimeOffset UTC(DateTimeOffset t) => t.ToUniversalTime();

    public static DateTimeOffset Local(DateTimeOffset t) => t.ToLocalTime();

    public static bool IsZero(DateTimeOffset t) => t.UtcTicks == DateTimeOffset.MinValue.UtcTicks;

    public static TimeSpan Sub(DateTimeOffset t, DateTimeOffset u) => t - u;

    public static DateTimeOffset Add(DateTimeOffset t, TimeSpan d) => t + d;

    public static bool Before(DateTimeOffset t, DateTimeOffset u) => t < u;

    public static bool After(DateTimeOffset t, DateTimeOffset u) => t > u;

    public static bool Equal(DateTimeOffset t, DateTimeOffset u) => t == u;

    public static long Year(DateTimeOffset t) => t.Year;

    public static long Day(DateTimeOffset t) => t.Day;

    public static long Hour(DateTimeOffset t) => t.Hour;

    public static long Minute(DateTimeOffset t) => t.Minute;

    public static long Second(DateTimeOffset t) => t.Second;

    public static long YearDay(DateTimeOffset t) => t.DayOfYear;

    public static string Month(DateTimeOffset t) => GoTimeFormat.Format(t, "January");

    public static string Weekday(DateTimeOffset t) => t.DayOfWeek.ToString();

    public static string Format(ZonedTime t, string layout) => t.Format(layout);

    public static string String(ZonedTime t) => t.ToString();

    public static long Unix(ZonedTime t) => t.Time.ToUnixTimeSeconds();

    public static DateTimeOffset UTC(ZonedTime t) => t.Time.ToUniversalTime();

    public static bool IsZero(ZonedTime t) => IsZero(t.Time);

    public static string Format(DateTime t, string layout) => GoTimeFormat.Format(GoValues.ToOffset(t), layout);

    public static long Unix(DateTime t) => GoValues.ToOffset(t).ToUnixTimeSeconds();

    public static bool IsZero(DateTime t) => t.Ticks == 0;

    public static string String(TimeSpan d) => Vigil.Model.Time.GoDurationText.Format(d);

    public static double Seconds(TimeSpan d) => d.TotalSeconds;

    public static double Minutes(TimeSpan d) => d.TotalMinutes;

    public static double Hours(TimeSpan d) => d.TotalHours;

    public static long Milliseconds(TimeSpan d) => (long)d.TotalMilliseconds;

    public static long Nanoseconds(TimeSpan d) => d.Ticks * 100;

    public static TimeSpan Round(TimeSpan d, TimeSpan m) => m <= TimeSpan.Zero ? d : TimeSpan.FromTicks((long)Math.Round(d.Ticks / (double)m.Ticks, MidpointRounding.AwayFromZero) * m.Ticks);

    public static TimeSpan Truncate(TimeSpan d, TimeSpan m) => m <= TimeSpan.Zero ? d : TimeSpan.FromTicks(d.Ticks / m.Ticks * m.Ticks);
}
