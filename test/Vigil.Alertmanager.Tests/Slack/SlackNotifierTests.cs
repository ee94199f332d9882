using System.Text.Json;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Tests.Receivers;

namespace Vigil.Alertmanager.Tests.Slack;

public sealed class SlackNotifierTests
{
    public static TheoryData<int, string, string> SlackErrors => new()
    {
        { 403, "invalid_token", "403 invalid_token: the webhook was revoked or mistyped" },
        { 404, "channel_not_found", "404 channel_not_found: the channel does not exist or the app is not in it" },
        { 404, "no_service", "404 no_service: the webhook URL is wrong or the app was removed" },
        { 410, "channel_is_archived", "410 channel_is_archived: the channel is archived" },
        { 400, "invalid_payload", "400 invalid_payload: Slack could not read the message" },
        { 400, "no_text", "400 no_text: the message is empty" },
        { 404, "<html>Not Found</html>", "404: the webhook URL is wrong or the app was removed" },
    };

    [Theory]
    [MemberData(nameof(SlackErrors))]
    public async Task SendAsync_SlackError_SaysWhatItMeans(int status, string body, string meaningStart)
    {
        using var endpoint = new FakeEndpoint { Answer = new FakeAnswer(status, body) };

        var answer = await Send(new SlackConfig { ApiUrl = new Secret(endpoint.Url("/services/T/B/X")) });

        Assert.False(answer.Success);
        Assert.False(answer.Retry);
        Assert.Equal(body, answer.Answer);
        Assert.StartsWith(meaningStart, answer.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ok\":false,\"error\":\"invalid_auth\"}", "200 invalid_auth: the app token is not valid")]
    [InlineData("{\"ok\":false,\"error\":\"not_in_channel\"}", "200 not_in_channel: the app is not a member of the channel")]
    [InlineData("{\"ok\":false,\"error\":\"channel_not_found\"}", "200 channel_not_found")]
    public async Task SendAsync_AppModeOkFalse_IsAFinalFailure(string body, string meaningStart)
    {
        using var endpoint = new FakeEndpoint { Answer = new FakeAnswer(200, body, "application/json") };

        var answer = await Send(new SlackConfig { AppToken = new Secret("xoxb-1"), AppUrl = endpoint.Url("/api/chat.postMessage"), Channel = "#monitoring" });

        Assert.False(answer.Success);
        Assert.False(answer.Retry);
        Assert.StartsWith(meaningStart, answer.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AppMode_PostsWithBearerTokenToAppUrl()
    {
        using var endpoint = new FakeEndpoint { Answer = new FakeAnswer(200, "{\"ok\":true}", "application/json") };
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, "xoxb-from-file\n");

        var answer = await Send(new SlackConfig { AppTokenFile = tokenFile, AppUrl = endpoint.Url("/api/chat.postMessage"), Channel = "#monitoring" });

        Assert.True(answer.Success);
        var request = endpoint.Single();
        Assert.Equal("/api/chat.postMessage", request.Path);
        Assert.Equal("Bearer xoxb-from-file", request.Headers["Authorization"]);
        Assert.StartsWith("Vigil/", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("#monitoring", JsonDocument.Parse(request.Body).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task SendAsync_NoApiUrl_UsesGlobalSlackApiUrl()
    {
        using var endpoint = new FakeEndpoint();
        var global = new GlobalConfig { SlackApiUrl = new Secret(endpoint.Url("/services/global")) };

        var answer = await SlackTestSupport.Notifier(new SlackConfig(), TimeProvider.System, global).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.True(answer.Success);
        Assert.Equal("/services/global", endpoint.Single().Path);
    }

    [Fact]
    public async Task SendAsync_ApiUrlFile_ReadsUrlAtSendTime()
    {
        using var endpoint = new FakeEndpoint();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, endpoint.Url("/services/from-file") + "\n");

        var answer = await Send(new SlackConfig { ApiUrlFile = file });

        Assert.True(answer.Success);
        Assert.Equal("/services/from-file", endpoint.Single().Path);
    }

    [Fact]
    public async Task SendAsync_MissingApiUrlFile_NamesTheFieldAndTheFile()
    {
        var answer = await Send(new SlackConfig { ApiUrlFile = "/nonexistent/slack-url" });

        Assert.False(answer.Success);
        Assert.Null(answer.StatusCode);
        Assert.Contains("receiver slack-notifier, slack_configs[0].api_url_file: cannot read /nonexistent/slack-url", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoUrlAnywhere_SaysWhatToSet()
    {
        var answer = await Send(new SlackConfig());

        Assert.False(answer.Success);
        Assert.Contains("api_url", answer.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TemplateFails_NamesReceiverIntegrationAndField()
    {
        var answer = await Send(new SlackConfig { ApiUrl = new Secret("http://127.0.0.1:1/x"), Title = LiteralRenderer.Failing });

        Assert.False(answer.Success);
        Assert.False(answer.Retry);
        Assert.StartsWith("receiver slack-notifier, slack_configs[0].title: ", answer.Answer, StringComparison.Ordinal);
    }

    private static Task<Notify.Receivers.DeliveryAnswer> Send(SlackConfig config) =>
        SlackTestSupport.Notifier(config, TimeProvider.System).SendAsync(Samples.Input(), CancellationToken.None);
}
