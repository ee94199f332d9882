using Vigil.Model;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads the <c>receivers</c> list: names, Slack and webhook configs in full, other kinds checked and counted.</summary>
internal static class ReceiverReader
{
    public static List<ReceiverConfig> ReadAll(MapReader top, GlobalConfig global)
    {
        var result = new List<ReceiverConfig>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in top.MapList("receivers", ConfigKeys.Receiver))
        {
            var name = r.String("name");
            if (string.IsNullOrEmpty(name))
            {
                r.Context.Error(r.Has("name") ? r.KeyNode("name") : r.Node, r.PathOf("name"), "missing name in receiver",
                    "give the receiver a name: and use that name in route: receiver:");
                continue;
            }
            if (seen.TryGetValue(name, out var firstLine))
            {
                r.Context.Error(r.Value("name")!, r.PathOf("name"), $"receiver name {GoString.Quote(name)} is not unique (first defined on line {firstLine})");
                continue;
            }
            seen[name] = (int)r.Node.Start.Line;
            result.Add(Read(r, name, global));
        }
        return result;
    }

    private static ReceiverConfig Read(MapReader r, string name, GlobalConfig global)
    {
        CheckLabels(r, name);
        return new ReceiverConfig
        {
            Name = name,
            SlackConfigs = r.MapList("slack_configs", ConfigKeys.Slack).Select(m => SlackReader.Read(m, global)).ToList(),
            WebhookConfigs = r.MapList("webhook_configs", ConfigKeys.Webhook).Select(m => WebhookReader.Read(m, global)).ToList(),
            OtherIntegrations = OtherIntegrations.ReadAll(r, global),
            Position = new SourcePosition((int)r.Node.Start.Line, (int)r.Node.Start.Column),
        };
    }

    private static void CheckLabels(MapReader r, string name)
    {
        var labels = r.StringMap("labels");
        if (labels is not null && labels.TryGetValue("name", out var v) && v != name)
        {
            r.Context.Error(r.Value("labels")!, r.PathOf("labels.name"), $"receiver label \"name\" must match the receiver name {GoString.Quote(name)}, got {GoString.Quote(v)}");
        }
    }
}
