using Vigil.Model;
using YamlDotNet.RepresentationModel;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads a whole parsed document into an <see cref="AlertmanagerConfig"/>, then checks the cross-references.</summary>
internal static class ConfigReader
{
    public static AlertmanagerConfig? Read(ParseContext context, YamlNode root, string path, string text)
    {
        if (MapReader.Open(context, root, "", ConfigKeys.Top) is not { } top)
        {
            if (YamlValues.IsNull(root))
            {
                context.Error(1, 1, "", "the file is empty", "an alertmanager.yml needs at least route: and receivers:");
            }
            return null;
        }
        var global = GlobalReader.Read(top.Map("global", ConfigKeys.Global));
        var receivers = ReceiverReader.ReadAll(top, global);
        var intervals = TimeIntervalReader.ReadAll(top);
        var refs = new ConfigRefs();
        var route = new RouteReader(context, refs).ReadRoot(top);
        var inhibitRules = InhibitRuleReader.ReadAll(top);
        var templates = ReadTemplates(top);
        ReadTracing(top.Map("tracing", ConfigKeys.Tracing));
        _ = top.Map("event_recorder", ConfigKeys.EventRecorder);
        CheckReferences(context, top, refs, receivers, intervals);
        if (route is null)
        {
            return null;
        }
        return new AlertmanagerConfig
        {
            Global = global,
            Route = route,
            Receivers = receivers,
            InhibitRules = inhibitRules,
            Templates = templates,
            TimeIntervals = intervals,
            Original = text,
            SourcePath = path,
        };
    }

    /// <summary>Tracing is checked but not used yet: Vigil exports no traces.</summary>
    private static void ReadTracing(MapReader? t)
    {
        if (t is null)
        {
            return;
        }
        if (t.String("client_type") is { } type && type is not ("grpc" or "http"))
        {
            t.Context.Error(t.Value("client_type")!, t.PathOf("client_type"), $"unknown client_type {GoString.Quote(type)}", "use grpc or http");
        }
        if (t.String("compression") is { } c && c is not ("" or "gzip"))
        {
            t.Context.Error(t.Value("compression")!, t.PathOf("compression"), $"unknown compression {GoString.Quote(c)}", "use gzip or leave it empty");
        }
        _ = t.Bool("insecure");
        _ = t.Duration("timeout");
        _ = HttpConfigReader.ReadTls(t);
        _ = t.StringMap("headers");
    }

    private static List<string> ReadTemplates(MapReader top) =>
        (top.StringList("templates") ?? []).Select(top.Context.Resolve).ToList();

    private static void CheckReferences(ParseContext context, MapReader top, ConfigRefs refs, List<ReceiverConfig> receivers, List<TimeIntervalConfig> intervals)
    {
        var receiverNames = receivers.Select(r => r.Name).ToList();
        foreach (var r in refs.Receivers.Where(r => !receiverNames.Contains(r.Name)))
        {
            context.Error(r.Node, r.Path, $"undefined receiver {GoString.Quote(r.Name)} used in route", Suggest(r.Name, receiverNames, "receivers:"));
        }
        var intervalNames = intervals.Select(i => i.Name).ToList();
        foreach (var r in refs.TimeIntervals.Where(r => !intervalNames.Contains(r.Name)))
        {
            context.Error(r.Node, r.Path, $"undefined time interval {GoString.Quote(r.Name)} used in route", Suggest(r.Name, intervalNames, "time_intervals:"));
        }
        var used = refs.Receivers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var entries = top.Sequence("receivers")?.Children ?? [];
        foreach (var receiver in receivers.Where(r => !used.Contains(r.Name)))
        {
            var node = entries.FirstOrDefault(e => (int)e.Start.Line == receiver.Position.Line) ?? top.Node;
            context.Warn(node, $"receivers[{entries.IndexOf(node)}]", $"receiver {GoString.Quote(receiver.Name)} is defined but no route sends alerts to it",
                $"route to it with receiver: {receiver.Name} in route: or one of its routes:, or remove it");
        }
    }

    private static string Suggest(string name, List<string> known, string section)
    {
        var close = known.OrderBy(k => KeyHints.EditDistance(name, k)).FirstOrDefault();
        if (close is not null && KeyHints.EditDistance(name, close) <= Math.Max(2, name.Length / 3))
        {
            return $"did you mean {GoString.Quote(close)}?";
        }
        return known.Count == 0
            ? $"no {section} are defined; define one with name: {name}"
            : $"defined under {section}: {string.Join(", ", known.Select(GoString.Quote))}";
    }
}
