using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>Calendar functions of a Unix time in seconds (UTC).</summary>
internal static class TimeFunctions
{
    public static readonly (string Name, Func<DateTime, double> F)[] Parts =
    [
        ("minute", d => d.Minute),
        ("hour", d => d.Hour),
        ("day_of_week", d => (int)d.DayOfWeek),
        ("day_of_month", d => d.Day),
        ("day_of_year", d => d.DayOfYear),
        ("days_in_month", d => DateTime.DaysInMonth(d.Year, d.Month)),
        ("month", d => d.Month),
        ("year", d => d.Year),
    ];

    public static QueryValue Apply(Evaluator ev, Call c, long t, Func<DateTime, double> part)
    {
        if (c.Args.Count == 0)
        {
            return new VectorValue([new VectorSample(LabelSet.Empty, t, part(ToDate(t / 1000.0)))]);
        }
        return FunctionTable.MapVector(ev, c, t, v => double.IsNaN(v) || double.IsInfinity(v) ? double.NaN : part(ToDate(v)));
    }

    private static DateTime ToDate(double seconds) =>
        DateTime.UnixEpoch.AddTicks((long)(Math.Floor(seconds) * TimeSpan.TicksPerSecond));
}
