using System.Globalization;
using System.Text;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Notify.Slack;

/// <summary>Builds the Slack message for a notification from a <see cref="SlackConfig"/>'s templates.</summary>
public static class SlackPayload
{
    /// <summary>Slack's documented limit for an attachment title, counted in characters (runes).</summary>
    public const int MaxTitleRunes = 1024;

    /// <summary>Appended where text was cut short.</summary>
    public const string TruncationMarker = "…";

    private static readonly IReadOnlyList<string> DefaultMrkdwnIn = ["fallback", "pretext", "text"];

    /// <summary>Renders every template field of <paramref name="config"/> into a message.</summary>
    /// <exception cref="NotificationTemplateException">A field's template failed.</exception>
    public static SlackMessage Build(SlackConfig config, FieldRenderer render) => new()
    {
        Channel = NullIfEmpty(render.Render("channel", config.Channel)),
        Username = NullIfEmpty(render.Render("username", config.Username)),
        IconEmoji = NullIfEmpty(render.Render("icon_emoji", config.IconEmoji)),
        IconUrl = NullIfEmpty(render.Render("icon_url", config.IconUrl)),
        LinkNames = config.LinkNames,
        Attachments = [BuildAttachment(config, render)],
    };

    /// <summary>Serialises a message as the request body.</summary>
    public static byte[] Serialize(SlackMessage message) => GoJsonBody.Serialize(message);

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxRunes"/> runes, ending in "…" when cut (as upstream does).</summary>
    public static string TruncateInRunes(string text, int maxRunes)
    {
        var runes = text.EnumerateRunes().ToArray();
        if (runes.Length <= maxRunes)
        {
            return text;
        }
        var keep = maxRunes <= 3 ? maxRunes : maxRunes - 1;
        var sb = new StringBuilder();
        foreach (var rune in runes.AsSpan(0, keep))
        {
            sb.Append(rune.ToString());
        }
        return maxRunes <= 3 ? sb.ToString() : sb.Append(TruncationMarker).ToString();
    }

    private static SlackAttachment BuildAttachment(SlackConfig config, FieldRenderer render) => new()
    {
        Title = NullIfEmpty(TruncateInRunes(render.Render("title", config.Title), MaxTitleRunes)),
        TitleLink = NullIfEmpty(render.Render("title_link", config.TitleLink)),
        Pretext = NullIfEmpty(render.Render("pretext", config.Pretext)),
        Text = render.Render("text", config.Text),
        Fallback = render.Render("fallback", config.Fallback),
        CallbackId = render.Render("callback_id", config.CallbackId),
        ImageUrl = NullIfEmpty(render.Render("image_url", config.ImageUrl)),
        ThumbUrl = NullIfEmpty(render.Render("thumb_url", config.ThumbUrl)),
        Footer = render.Render("footer", config.Footer),
        Color = NullIfEmpty(render.Render("color", config.Color)),
        MrkdwnIn = config.MrkdwnIn.Count == 0 ? DefaultMrkdwnIn : config.MrkdwnIn,
        Fields = config.Fields.Count == 0 ? null : config.Fields.Select((f, i) => BuildField(f, i, config.ShortFields, render)).ToList(),
        Actions = config.Actions.Count == 0 ? null : config.Actions.Select((a, i) => BuildAction(a, i, render)).ToList(),
    };

    private static SlackWireField BuildField(SlackField field, int index, bool shortDefault, FieldRenderer render) => new()
    {
        Title = NullIfEmpty(render.Render(Indexed("fields", index, "title"), field.Title)),
        Value = NullIfEmpty(render.Render(Indexed("fields", index, "value"), field.Value)),
        Short = field.Short ?? shortDefault,
    };

    private static SlackWireAction BuildAction(SlackAction action, int index, FieldRenderer render)
    {
        string? Field(string name, string text) => NullIfEmpty(render.Render(Indexed("actions", index, name), text));
        return new SlackWireAction
        {
            Type = Field("type", action.Type),
            Text = Field("text", action.Text),
            Url = Field("url", action.Url),
            Style = Field("style", action.Style),
            Name = Field("name", action.Name),
            Value = Field("value", action.Value),
            Confirm = action.ConfirmField is { } c
                ? new SlackWireConfirm
                {
                    Title = Field("confirm.title", c.Title),
                    Text = Field("confirm.text", c.Text),
                    OkText = Field("confirm.ok_text", c.OkText),
                    DismissText = Field("confirm.dismiss_text", c.DismissText),
                }
                : null,
        };
    }

    private static string Indexed(string list, int index, string field) =>
        string.Create(CultureInfo.InvariantCulture, $"{list}[{index}].{field}");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
