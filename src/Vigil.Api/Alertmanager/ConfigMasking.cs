using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Masks secrets in <c>alertmanager.yml</c> text for <c>/api/v2/status</c>: each secret value is
/// replaced in place by <c>&lt;secret&gt;</c>, keeping the user's layout and comments, so
/// <c>amtool config show</c> is readable and never reveals a password, token or webhook URL.
/// Idempotent: already masked text is returned unchanged.
/// </summary>
public static class ConfigMasking
{
    /// <summary>The replacement text.</summary>
    public const string Mask = "<secret>";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal)
    {
        "password", "credentials", "bearer_token", "key", "client_secret", "slack_api_url", "smtp_auth_password",
        "smtp_auth_secret", "opsgenie_api_key", "victorops_api_key", "wechat_api_secret", "api_key", "api_secret",
        "service_key", "routing_key", "user_key", "token", "bot_token", "webhook_url", "auth_password", "auth_secret",
        "app_token", "secret_key", "access_key", "token_id", "alert_source_token", "telegram_bot_token",
    };

    /// <summary>Keys that are secrets only in some sections: a Slack api_url and a webhook url embed tokens.</summary>
    private static readonly HashSet<(string Section, string Key)> SecretInSection =
    [
        ("slack_configs", "api_url"),
        ("webhook_configs", "url"),
        ("incidentio_configs", "url"),
        ("msteams_configs", "webhook_url"),
        ("discord_configs", "webhook_url"),
    ];

    /// <summary>The text with every secret value replaced; text that is not YAML is withheld entirely.</summary>
    public static string Apply(string yaml)
    {
        if (yaml.Length == 0)
        {
            return yaml;
        }
        var spans = new List<(int Start, int End)>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            foreach (var doc in stream.Documents)
            {
                Collect(doc.RootNode, "", spans);
            }
        }
        catch (YamlException)
        {
            // Never show what we could not inspect.
            return Mask;
        }
        var text = yaml;
        foreach (var (start, end) in spans.OrderByDescending(s => s.Start))
        {
            text = string.Concat(text.AsSpan(0, start), Mask, text.AsSpan(end));
        }
        return text;
    }

    private static void Collect(YamlNode node, string section, List<(int Start, int End)> spans)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (keyNode, value) in map.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? "";
                    if (value is YamlScalarNode scalar && IsSecret(section, key) && scalar.Value is { Length: > 0 } v && v != Mask)
                    {
                        spans.Add(((int)scalar.Start.Index, (int)scalar.End.Index));
                    }
                    else
                    {
                        Collect(value, key, spans);
                    }
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    Collect(item, section, spans);
                }
                break;
        }
    }

    private static bool IsSecret(string section, string key) =>
        SecretKeys.Contains(key) || SecretInSection.Contains((section, key));
}
