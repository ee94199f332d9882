using Vigil.Model.Time;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>
/// Warns about timer combinations that load but do not behave as written: repeat_interval is only
/// checked at each group_interval, so it is effectively rounded up to a multiple of it.
/// </summary>
internal static class TimerNotes
{
    public static void Check(MapReader m, RouteConfig route)
    {
        if (!m.Has("repeat_interval") && !m.Has("group_interval"))
        {
            return;
        }
        var group = route.GroupInterval;
        var repeat = route.RepeatInterval;
        if (group <= TimeSpan.Zero || repeat <= TimeSpan.Zero)
        {
            return;
        }
        var key = m.Has("repeat_interval") ? "repeat_interval" : "group_interval";
        var node = m.Value(key)!;
        if (repeat < group)
        {
            m.Context.Warn(node, m.PathOf(key),
                $"repeat_interval ({PromDuration.Format(repeat)}) is shorter than group_interval ({PromDuration.Format(group)}); notifications repeat only every group_interval",
                $"set repeat_interval to {PromDuration.Format(group)} or a multiple of it");
            return;
        }
        var rest = repeat.Ticks % group.Ticks;
        if (rest != 0)
        {
            var effective = TimeSpan.FromTicks(repeat.Ticks - rest + group.Ticks);
            m.Context.Warn(node, m.PathOf(key),
                $"repeat_interval ({PromDuration.Format(repeat)}) is not a multiple of group_interval ({PromDuration.Format(group)}); it is effectively rounded up to {PromDuration.Format(effective)}",
                "make repeat_interval a multiple of group_interval");
        }
    }
}
