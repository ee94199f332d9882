using System.Text;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Slack;
using Vigil.Alertmanager.Templates;
using Vigil.Alertmanager.Tests.Receivers;

namespace Vigil.Alertmanager.Tests.Slack;

public sealed class SlackPayloadTests
{
    [Fact]
    public void Serialize_FullConfig_MatchesUpstreamShape()
    {
        var config = new SlackConfig
        {
            Channel = "#monitoring",
            Username = "Vigil",
            IconEmoji = ":fire:",
            LinkNames = true,
            Title = "t",
            TitleLink = "http://am/#/alerts",
            Pretext = "",
            Text = "*Description:* down",
            Fallback = "fb",
            CallbackId = "",
            Footer = "",
            Color = "danger",
            IconUrl = "",
            ImageUrl = "http://img",
            ShortFields = true,
            Fields = [new SlackField { Title = "a", Value = "1" }, new SlackField { Title = "b", Value = "2", Short = false }],
            Actions = [new SlackAction { Type = "button", Text = "Runbook", Url = "http://rb", ConfirmField = new SlackConfirmationField { Text = "sure?" } }],
        };

        var json = Encoding.UTF8.GetString(SlackPayload.Serialize(SlackPayload.Build(config, Renderer())));

        Assert.Equal(
            """{"channel":"#monitoring","username":"Vigil","icon_emoji":":fire:","link_names":true,"attachments":[{"title":"t","title_link":"http://am/#/alerts","text":"*Description:* down","fallback":"fb","callback_id":"","fields":[{"title":"a","value":"1","short":true},{"title":"b","value":"2","short":false}],"actions":[{"type":"button","text":"Runbook","url":"http://rb","confirm":{"text":"sure?"}}],"image_url":"http://img","footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}""" + "\n",
            json);
    }

    [Fact]
    public void Serialize_HtmlSensitiveAndNonAscii_EscapedLikeGo()
    {
        var message = SlackPayload.Build(new SlackConfig { Title = "", Text = "<http://x|Grafana> & café", Username = "", Color = "", Fallback = "", Footer = "", CallbackId = "", TitleLink = "", Pretext = "", IconEmoji = "", IconUrl = "" }, Renderer());

        var json = Encoding.UTF8.GetString(SlackPayload.Serialize(message));

        Assert.Contains("\"text\":\"\\u003chttp://x|Grafana\\u003e \\u0026 café\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EmptyChannel_LeavesChannelOutSoTheWebhookDefaultApplies()
    {
        var message = SlackPayload.Build(new SlackConfig { Channel = "" }, Renderer());

        Assert.Null(message.Channel);
        Assert.DoesNotContain("\"channel\"", Encoding.UTF8.GetString(SlackPayload.Serialize(message)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024, 1024, false)]
    [InlineData(1025, 1024, true)]
    [InlineData(5000, 1024, true)]
    public void Build_LongTitle_TruncatedTo1024RunesWithEllipsis(int length, int expectedRunes, bool truncated)
    {
        var message = SlackPayload.Build(new SlackConfig { Title = new string('é', length) }, Renderer());

        var title = message.Attachments[0].Title!;
        Assert.Equal(expectedRunes, title.EnumerateRunes().Count());
        Assert.Equal(truncated, title.EndsWith('…'));
    }

    [Theory]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("abcdef", 4, "abc…")]
    [InlineData("ab", 4, "ab")]
    [InlineData("😀😀😀😀😀", 4, "😀😀😀…")]
    public void TruncateInRunes_Table(string text, int max, string expected) =>
        Assert.Equal(expected, SlackPayload.TruncateInRunes(text, max));

    [Fact]
    public void Build_CustomMrkdwnIn_IsKept()
    {
        var message = SlackPayload.Build(new SlackConfig { MrkdwnIn = ["text"] }, Renderer());

        Assert.Equal(["text"], message.Attachments[0].MrkdwnIn!);
    }

    private static FieldRenderer Renderer()
    {
        var data = TemplateData.Create("slack-notifier", Model.Labels.LabelSet.Empty, [Samples.Firing()], "http://am", Samples.Now);
        return new FieldRenderer(new LiteralRenderer(), data, "receiver slack-notifier, slack_configs[0]");
    }
}
