namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads a <c>webhook_configs</c> entry.</summary>
internal static class WebhookReader
{
    public static WebhookConfig Read(MapReader m, GlobalConfig global)
    {
        var d = new WebhookConfig();
        if (!m.Has("url") && !m.Has("url_file"))
        {
            m.Context.Error(m.Node, m.PathOf("url"), "one of url or url_file must be set", "url: http://receiver.example:8080/alerts");
        }
        m.AtMostOne("url", "url_file");
        var maxAlerts = m.Int("max_alerts");
        if (maxAlerts < 0)
        {
            m.Context.Error(m.Value("max_alerts")!, m.PathOf("max_alerts"), "max_alerts cannot be negative", "0 means all alerts");
        }
        _ = m.Value("payload");
        return d with
        {
            SendResolved = m.Bool("send_resolved") ?? d.SendResolved,
            HttpConfig = HttpConfigReader.Read(m) ?? global.HttpConfig,
            // Webhook URLs may be templates (rendered per notification), so only plain URLs are checked here.
            Url = m.SecretUrl("url", allowTemplate: true),
            UrlFile = m.String("url_file") ?? "",
            MaxAlerts = (int)Math.Clamp(maxAlerts ?? 0, 0, int.MaxValue),
            Timeout = m.GoDuration("timeout") ?? d.Timeout,
        };
    }
}
