using System.Text;
using Vigil.Api.Alertmanager;

namespace Vigil.Api.Tests.Alertmanager;

public sealed class AlertDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

    private static AlertDecoder.Result Decode(string json) =>
        AlertDecoder.Decode(Encoding.UTF8.GetBytes(json), Now, TimeSpan.FromMinutes(5));

    [Fact]
    public void Decode_NoTimes_DefaultsLikeUpstream()
    {
        var alert = Assert.Single(Decode("""[{"labels":{"alertname":"A"}}]""").Alerts);
        Assert.Equal(Now, alert.StartsAt);
        Assert.Equal(Now.AddMinutes(5), alert.EndsAt);
        Assert.True(alert.Timeout);
        Assert.Equal(Now, alert.UpdatedAt);
    }

    [Fact]
    public void Decode_OnlyEndsAt_StartsAtEndsAt()
    {
        var alert = Assert.Single(Decode("""[{"labels":{"a":"b"},"endsAt":"2026-11-23T19:00:00Z"}]""").Alerts);
        Assert.Equal(alert.EndsAt, alert.StartsAt);
        Assert.False(alert.Timeout);
    }

    [Fact]
    public void Decode_GoZeroTime_IsUnset()
    {
        var alert = Assert.Single(Decode("""[{"labels":{"a":"b"},"startsAt":"0001-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]""").Alerts);
        Assert.Equal(Now, alert.StartsAt);
        Assert.True(alert.Timeout);
    }

    [Fact]
    public void Decode_KeepsOffsetAndFields()
    {
        var alert = Assert.Single(Decode("""[{"labels":{"alertname":"A","empty":""},"annotations":{"s":"x"},"startsAt":"2026-11-23T20:00:00.123456789+01:00","generatorURL":"http://p/graph"}]""").Alerts);
        Assert.Equal(TimeSpan.FromHours(1), alert.StartsAt.Offset);
        Assert.Equal("http://p/graph", alert.GeneratorUrl);
        Assert.False(alert.Labels.Has("empty"));
        Assert.Equal("x", alert.Annotations.Get("s"));
    }

    [Theory]
    [InlineData("""[{"labels":{}}]""", "alerts[0].labels: at least one label pair required")]
    [InlineData("""[{}]""", "alerts[0].labels: at least one label pair required")]
    [InlineData("""[{"labels":{"a":""}}]""", "alerts[0].labels: at least one label pair required")]
    [InlineData("""[{"labels":{"a":"b"}},{"labels":{"a":1}}]""", "alerts[1].labels.a: expected a string value")]
    [InlineData("""[{"labels":["a"]}]""", "alerts[0].labels: expected an object of string values")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"yesterday"}]""", "alerts[0].startsAt: expected an RFC 3339 time such as \"2026-01-02T15:04:05Z\"")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"2026-11-23T20:00:00Z","endsAt":"2026-11-23T19:00:00Z"}]""", "alerts[0].endsAt: start time must be before end time")]
    [InlineData("""{"labels":{"a":"b"}}""", "body must be a JSON array of alerts: expected an array")]
    [InlineData("""[1]""", "alerts[0]: expected an alert object")]
    [InlineData("""[null]""", "alerts[0]: alert is null")]
    [InlineData("""null""", "body must be a JSON array of alerts, got null")]
    [InlineData("""[{"labels":{"bad-name":"x"}}]""", "alerts[0].labels: invalid label set: invalid name \"bad-name\"")]
    public void Decode_Invalid_NamesIndexAndField(string json, string message)
    {
        var result = Decode(json);
        Assert.False(result.Ok);
        Assert.Empty(result.Alerts);
        Assert.Equal(message, Assert.Single(result.Errors));
    }

    [Fact]
    public void Decode_OneBadAlert_RejectsWholeBatch()
    {
        var result = Decode("""[{"labels":{"a":"b"}},{"labels":{}},{"labels":{"c":"d"}},{"labels":{}}]""");
        Assert.Empty(result.Alerts);
        Assert.Equal(2, result.InvalidCount);
        Assert.Equal(["alerts[1].labels: at least one label pair required", "alerts[3].labels: at least one label pair required"], result.Errors);
    }

    [Fact]
    public void Decode_Truncated_SaysInvalidJson() =>
        Assert.StartsWith("body must be a JSON array of alerts: invalid JSON", Assert.Single(Decode("""[{"labels":{"a":"b"}""").Errors), StringComparison.Ordinal);

    [Theory]
    [InlineData("""[{"labels":{"alertname":"A"}},{"labels":{}},null]""", 2, 2)]
    [InlineData("""[{"labels":{"alertname":"A"}}]""", 1, 0)]
    [InlineData("""not json""", 0, 0)]
    public void Decode_Batch_ReceivedHoldsEveryDecodedAlert(string json, int received, int invalid)
    {
        var result = Decode(json);

        Assert.Equal(received, result.Received.Count);
        Assert.Equal(invalid, result.InvalidCount);
        Assert.All(result.Received, a => Assert.NotEqual(DateTimeOffset.MinValue, a.StartsAt));
    }
}
