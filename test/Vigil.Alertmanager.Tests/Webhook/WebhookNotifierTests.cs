using System.Text;
using System.Text.Json;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Alertmanager.Notify.Webhook;
using Vigil.Alertmanager.Tests.Receivers;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Webhook;

public sealed class WebhookNotifierTests
{
    [Fact]
    public void BuildBody_FiringAndResolved_MatchesAlertmanagerVersion4()
    {
        var firing = Samples.Firing() with { StartsAt = new DateTimeOffset(2026, 11, 23, 19, 57, 0, 123, TimeSpan.Zero) };
        var resolved = Samples.Resolved();
        var input = new NotificationInput("team.a", "{}/{}:{alertname=\"InstanceDown\"}", LabelSet.Of("alertname", "InstanceDown"), [firing, resolved], Samples.Now);

        var json = Encoding.UTF8.GetString(WebhookTestSupport.Notifier(new WebhookConfig()).BuildBody(input));

        var expected = """
            {"receiver":"team\\.a","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"InstanceDown","instance":"10.0.0.7:9100","job":"node","severity":"critical"},"annotations":{"description":"10.0.0.7:9100 of job node has been down for more than 1 minute.","title":"Instance 10.0.0.7:9100 down"},"startsAt":"2026-11-23T19:57:00.123Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=up+%3D%3D+0","fingerprint":"FP1"},{"status":"resolved","labels":{"alertname":"InstanceDown","instance":"10.0.0.8:9100","job":"node","severity":"critical"},"annotations":{"description":"10.0.0.8:9100 of job node has been down for more than 1 minute.","title":"Instance 10.0.0.8:9100 down"},"startsAt":"2026-11-23T19:57:00Z","endsAt":"2026-11-23T19:59:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=up+%3D%3D+0","fingerprint":"FP2"}],"groupLabels":{"alertname":"InstanceDown"},"commonLabels":{"alertname":"InstanceDown","job":"node","severity":"critical"},"commonAnnotations":{},"externalURL":"http://am.example:9093","version":"4","groupKey":"{}/{}:{alertname=\"InstanceDown\"}","truncatedAlerts":0}

            """.Replace("FP1", firing.Fingerprint.ToString(), StringComparison.Ordinal).Replace("FP2", resolved.Fingerprint.ToString(), StringComparison.Ordinal);
        Assert.Equal(expected, json);
    }

    [Theory]
    [InlineData(0, 5, 5, 0)]
    [InlineData(2, 5, 2, 3)]
    [InlineData(5, 5, 5, 0)]
    [InlineData(10, 3, 3, 0)]
    public void BuildBody_MaxAlerts_TruncatesAndCounts(int maxAlerts, int alertCount, int sent, int truncated)
    {
        var alerts = Enumerable.Range(1, alertCount).Select(i => Samples.Firing($"10.0.0.{i}:9100")).ToArray();

        var body = WebhookTestSupport.Notifier(new WebhookConfig { MaxAlerts = maxAlerts }).BuildBody(Samples.Input(alerts));

        using var doc = JsonDocument.Parse(body);
        Assert.Equal(sent, doc.RootElement.GetProperty("alerts").GetArrayLength());
        Assert.Equal(truncated, doc.RootElement.GetProperty("truncatedAlerts").GetInt32());
    }

    [Fact]
    public async Task SendAsync_UrlFile_PostsJsonToTheUrlInTheFile()
    {
        using var endpoint = new FakeEndpoint();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "  " + endpoint.Url("/alerts") + "\n");

        var answer = await WebhookTestSupport.Notifier(new WebhookConfig { UrlFile = file }).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.True(answer.Success);
        var request = endpoint.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/alerts", request.Path);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("4", JsonDocument.Parse(request.Body).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task SendAsync_MissingUrlFile_NamesTheField()
    {
        var answer = await WebhookTestSupport.Notifier(new WebhookConfig { UrlFile = "/nonexistent/url" }).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.False(answer.Success);
        Assert.StartsWith("receiver web, webhook_configs[0].url_file: cannot read /nonexistent/url", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BasicAuthPasswordFile_SendsCredentials()
    {
        using var endpoint = new FakeEndpoint();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "s3cret\n");
        var http = new HttpClientConfig { BasicAuth = new BasicAuthConfig { Username = "am", PasswordFile = file } };

        await WebhookTestSupport.Notifier(new WebhookConfig { Url = new Secret(endpoint.Url()), HttpConfig = http }).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("am:s3cret")), endpoint.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task SendAsync_AuthorizationCredentials_SendsBearer()
    {
        using var endpoint = new FakeEndpoint();
        var http = new HttpClientConfig { Authorization = new AuthorizationConfig { Credentials = new Secret("tok") } };

        await WebhookTestSupport.Notifier(new WebhookConfig { Url = new Secret(endpoint.Url()), HttpConfig = http }).SendAsync(Samples.Input(), CancellationToken.None);

        Assert.Equal("Bearer tok", endpoint.Single().Headers["Authorization"]);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", 0, 0)]
    [InlineData("2026-11-23T20:00:00Z", 0, 0)]
    [InlineData("2026-11-23T20:00:00.5Z", 5_000_000, 0)]
    [InlineData("2026-11-23T20:00:00.1234567+02:00", 1_234_567, 2)]
    public void GoTimeFormat_Table(string expected, long extraTicks, int offsetHours)
    {
        var time = expected.StartsWith("0001", StringComparison.Ordinal)
            ? DateTimeOffset.MinValue
            : new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.FromHours(offsetHours)).AddTicks(extraTicks);

        Assert.Equal(expected, GoTimeJsonConverter.Format(time));
    }
}
