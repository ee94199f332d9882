using Vigil.Model;

namespace Vigil.Alertmanager.Config.Loading;

/// <summary>Reads a <c>slack_configs</c> entry with upstream's defaults and its inheritance from <c>global</c>.</summary>
internal static class SlackReader
{
    private const string PostMessageUrl = "https://slack.com/api/chat.postMessage";

    public static SlackConfig Read(MapReader m, GlobalConfig global)
    {
        CheckSources(m);
        var d = new SlackConfig();
        var local = ReadLocal(m, d);
        var withGlobal = Inherit(m, local, global);
        return WithAppToken(m, withGlobal);
    }

    private static SlackConfig ReadLocal(MapReader m, SlackConfig d) => d with
    {
        SendResolved = m.Bool("send_resolved") ?? d.SendResolved,
        HttpConfig = HttpConfigReader.Read(m) ?? d.HttpConfig,
        ApiUrl = m.SecretUrl("api_url"),
        ApiUrlFile = m.String("api_url_file") ?? "",
        AppToken = m.SecretValue("app_token"),
        AppTokenFile = m.String("app_token_file") ?? "",
        AppUrl = m.Url("app_url") ?? "",
        Channel = m.String("channel") ?? d.Channel,
        Username = m.String("username") ?? d.Username,
        Color = m.String("color") ?? d.Color,
        Title = m.String("title") ?? d.Title,
        TitleLink = m.String("title_link") ?? d.TitleLink,
        Pretext = m.String("pretext") ?? d.Pretext,
        Text = m.String("text") ?? d.Text,
        MessageText = m.String("message_text") ?? d.MessageText,
        Fields = ReadFields(m),
        ShortFields = m.Bool("short_fields") ?? d.ShortFields,
        Footer = m.String("footer") ?? d.Footer,
        Fallback = m.String("fallback") ?? d.Fallback,
        CallbackId = m.String("callback_id") ?? d.CallbackId,
        IconEmoji = m.String("icon_emoji") ?? d.IconEmoji,
        IconUrl = m.String("icon_url") ?? d.IconUrl,
        ImageUrl = m.String("image_url") ?? d.ImageUrl,
        ThumbUrl = m.String("thumb_url") ?? d.ThumbUrl,
        LinkNames = m.Bool("link_names") ?? d.LinkNames,
        MrkdwnIn = m.StringList("mrkdwn_in") ?? d.MrkdwnIn,
        Actions = ReadActions(m),
        UpdateMessage = m.Bool("update_message") ?? false,
        Timeout = m.GoDuration("timeout") ?? d.Timeout,
    };

    private static void CheckSources(MapReader m)
    {
        m.AtMostOne("api_url", "api_url_file");
        m.AtMostOne("app_token", "app_token_file");
        if ((m.Has("api_url") || m.Has("api_url_file")) && (m.Has("app_token") || m.Has("app_token_file")))
        {
            m.Context.Error(m.KeyNode(m.Has("app_token") ? "app_token" : "app_token_file"), m.PathPrefix,
                "at most one of api_url/api_url_file & app_token/app_token_file may be set",
                "api_url is an incoming webhook, app_token a bot token; they are two ways to post, pick one");
        }
        if (m.Bool("update_message") == true && m.String("api_url") != PostMessageUrl)
        {
            m.Context.Error(m.KeyNode("update_message"), m.PathOf("update_message"),
                "update_message works only with a bot token",
                $"set app_token (or app_token_file) and leave api_url unset or {PostMessageUrl}");
        }
    }

    private static SlackConfig Inherit(MapReader m, SlackConfig c, GlobalConfig g)
    {
        var appUrl = c.AppUrl.Length > 0 ? c.AppUrl : g.SlackAppUrl;
        var hasAuth = m.Map("http_config", ConfigKeys.HttpConfig)?.Has("authorization") == true || c.HttpConfig.Authorization is not null;
        var inheritToken = c.AppToken is null && c.AppTokenFile.Length == 0 && !hasAuth && c.ApiUrl is null;
        c = c with
        {
            AppUrl = appUrl,
            AppToken = inheritToken ? g.SlackAppToken : c.AppToken,
            AppTokenFile = inheritToken ? g.SlackAppTokenFile : c.AppTokenFile,
            HttpConfig = m.Has("http_config") ? c.HttpConfig : g.HttpConfig,
        };
        if (c.ApiUrl is null && c.ApiUrlFile.Length == 0)
        {
            c = c with { ApiUrl = g.SlackApiUrl, ApiUrlFile = g.SlackApiUrlFile };
        }
        var localSource = m.Has("api_url") || m.Has("api_url_file") || m.Has("app_token") || m.Has("app_token_file");
        if (!localSource && c.ApiUrl is null && c.ApiUrlFile.Length == 0 && c.AppToken is null && c.AppTokenFile.Length == 0)
        {
            m.Context.Error(m.Node, m.PathPrefix, "no Slack webhook URL or app token set",
                "set api_url (the incoming webhook URL) here, or slack_api_url under global:; or use app_token / api_url_file / app_token_file");
        }
        return c;
    }

    private static SlackConfig WithAppToken(MapReader m, SlackConfig c)
    {
        if (c.AppToken is null && c.AppTokenFile.Length == 0)
        {
            return c;
        }
        if (c.HttpConfig.Authorization is not null)
        {
            m.Context.Error(m.Node, m.PathOf("http_config"), "http_config authorization cannot be set when using a Slack app token",
                "the app token is sent as the bearer token; remove authorization");
            return c;
        }
        // A bot token is sent as a bearer token to the chat.postMessage API, as upstream does.
        var auth = new AuthorizationConfig { Type = "Bearer", Credentials = c.AppToken, CredentialsFile = c.AppTokenFile };
        return c with { HttpConfig = c.HttpConfig with { Authorization = auth }, ApiUrl = new Secret(c.AppUrl) };
    }

    private static List<SlackField> ReadFields(MapReader m) =>
        m.MapList("fields", ConfigKeys.SlackField).Select(f =>
        {
            Require(f, "title", "Slack field");
            Require(f, "value", "Slack field");
            return new SlackField { Title = f.String("title") ?? "", Value = f.String("value") ?? "", Short = f.Bool("short") };
        }).ToList();

    private static List<SlackAction> ReadActions(MapReader m) =>
        m.MapList("actions", ConfigKeys.SlackAction).Select(ReadAction).ToList();

    private static SlackAction ReadAction(MapReader a)
    {
        Require(a, "type", "Slack action");
        Require(a, "text", "Slack action");
        var url = a.String("url") ?? "";
        var name = a.String("name") ?? "";
        if (url.Length == 0 && name.Length == 0)
        {
            a.Context.Error(a.Node, a.PathPrefix, "a Slack action needs url (a link button) or name (an interactive button)");
        }
        var confirm = a.Map("confirm", ConfigKeys.SlackConfirm);
        if (confirm is not null)
        {
            Require(confirm, "text", "Slack confirmation");
        }
        // As upstream: a url makes it a link button, so name, value and confirm do not apply.
        return new SlackAction
        {
            Type = a.String("type") ?? "",
            Text = a.String("text") ?? "",
            Url = url,
            Style = a.String("style") ?? "",
            Name = url.Length > 0 ? "" : name,
            Value = url.Length > 0 ? "" : a.String("value") ?? "",
            ConfirmField = url.Length > 0 || confirm is null ? null : new SlackConfirmationField
            {
                Text = confirm.String("text") ?? "",
                Title = confirm.String("title") ?? "",
                OkText = confirm.String("ok_text") ?? "",
                DismissText = confirm.String("dismiss_text") ?? "",
            },
        };
    }

    /// <summary>Reports a missing (or empty) required key of <paramref name="m"/>.</summary>
    public static void Require(MapReader m, string key, string what)
    {
        if (string.IsNullOrEmpty(m.String(key)))
        {
            m.Context.Error(m.Has(key) ? m.KeyNode(key) : m.Node, m.PathOf(key), $"missing {key} in {what}");
        }
    }

    /// <summary>Quotes text for messages.</summary>
    public static string Q(string s) => GoString.Quote(s);
}
