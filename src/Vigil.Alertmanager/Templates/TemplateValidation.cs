using System.Globalization;
using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Templates;

/// <summary>A template field in the config that does not parse.</summary>
/// <param name="Receiver">The receiver's name.</param>
/// <param name="Field">The field within the receiver, e.g. <c>slack_configs[0].title</c>.</param>
/// <param name="Message">The parse error.</param>
/// <param name="Position">Where the receiver is written.</param>
public sealed record TemplateFinding(string Receiver, string Field, string Message, SourcePosition Position)
{
    /// <summary>Formats as <c>receiver X, slack_configs[0].title: error</c>.</summary>
    public override string ToString() => $"receiver {Receiver}, {Field}: {Message}";

    /// <summary>
    /// As a config finding of <paramref name="file"/>, at the receiver's line; the field path uses the
    /// receiver's <paramref name="index"/> in <c>receivers:</c>, like every other loader finding.
    /// </summary>
    public ConfigFinding ToConfigFinding(string file, int index) => new(file, Position.Line, Position.Column,
        $"receivers[{index.ToString(CultureInfo.InvariantCulture)}].{Field}", Message, "fix the template syntax; see https://pkg.go.dev/text/template");
}

/// <summary>
/// Checks, at config load time, that every templated field of a receiver parses, so a typo in a
/// title is reported by <c>vigil check config</c> and at reload, not when the first alert fires.
/// </summary>
public static class TemplateValidation
{
    /// <summary>
    /// Loads the config's templates and checks every receiver's template fields; for the config
    /// loader and <c>vigil check config</c>. Findings point at the config file and the receiver's line.
    /// </summary>
    public static IReadOnlyList<ConfigFinding> Check(AlertmanagerConfig config, TimeProvider time)
    {
        NotificationTemplates templates;
        try
        {
            templates = NotificationTemplates.Load(config.Templates, "", time);
        }
        catch (NotificationTemplateException ex)
        {
            return [new ConfigFinding(config.SourcePath, 0, 0, "templates", ex.Message, "fix or remove the template file")];
        }
        return config.Receivers
            .SelectMany((r, i) => templates.Validate(r).Select(f => f.ToConfigFinding(config.SourcePath, i)))
            .ToList();
    }

    /// <summary>
    /// <paramref name="result"/> with its config's template findings added as errors (and the config
    /// dropped, so a bad template never replaces a running config); unchanged when it already failed.
    /// </summary>
    public static ConfigLoadResult WithTemplateErrors(this ConfigLoadResult result, TimeProvider time)
    {
        if (!result.Ok)
        {
            return result;
        }
        var findings = Check(result.Config!, time);
        return findings.Count == 0 ? result : result with { Config = null, Errors = [.. result.Errors, .. findings] };
    }

    /// <summary>The fields of <paramref name="receiver"/> that do not parse against <paramref name="templates"/>.</summary>
    public static IReadOnlyList<TemplateFinding> Validate(this NotificationTemplates templates, ReceiverConfig receiver)
    {
        var findings = new List<TemplateFinding>();
        for (var i = 0; i < receiver.SlackConfigs.Count; i++)
        {
            foreach (var (field, text) in SlackFields(receiver.SlackConfigs[i]))
            {
                Check(templates, receiver, Indexed("slack_configs", i) + "." + field, text, findings);
            }
        }
        for (var i = 0; i < receiver.WebhookConfigs.Count; i++)
        {
            if (receiver.WebhookConfigs[i].Url is { } url && templates.CheckSyntax(url.Reveal()) is not null)
            {
                // The URL is a secret: report that it does not parse, never the text around the error.
                findings.Add(new TemplateFinding(receiver.Name, Indexed("webhook_configs", i) + ".url", "the templated URL does not parse", receiver.Position));
            }
        }
        return findings;
    }

    /// <summary>Every templated field of a Slack config with its name as written in YAML.</summary>
    public static IEnumerable<(string Field, string Text)> SlackFields(SlackConfig c)
    {
        yield return ("channel", c.Channel);
        yield return ("username", c.Username);
        yield return ("color", c.Color);
        yield return ("title", c.Title);
        yield return ("title_link", c.TitleLink);
        yield return ("pretext", c.Pretext);
        yield return ("text", c.Text);
        yield return ("footer", c.Footer);
        yield return ("fallback", c.Fallback);
        yield return ("callback_id", c.CallbackId);
        yield return ("icon_emoji", c.IconEmoji);
        yield return ("icon_url", c.IconUrl);
        yield return ("image_url", c.ImageUrl);
        yield return ("thumb_url", c.ThumbUrl);
        for (var i = 0; i < c.Fields.Count; i++)
        {
            yield return (Indexed("fields", i) + ".title", c.Fields[i].Title);
            yield return (Indexed("fields", i) + ".value", c.Fields[i].Value);
        }
        for (var i = 0; i < c.Actions.Count; i++)
        {
            var a = c.Actions[i];
            var p = Indexed("actions", i);
            yield return (p + ".type", a.Type);
            yield return (p + ".text", a.Text);
            yield return (p + ".url", a.Url);
            yield return (p + ".style", a.Style);
            yield return (p + ".name", a.Name);
            yield return (p + ".value", a.Value);
        }
    }

    private static void Check(NotificationTemplates templates, ReceiverConfig receiver, string field, string text, List<TemplateFinding> findings)
    {
        if (templates.CheckSyntax(text) is { } error)
        {
            findings.Add(new TemplateFinding(receiver.Name, field, error, receiver.Position));
        }
    }

    private static string Indexed(string list, int index) => list + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
