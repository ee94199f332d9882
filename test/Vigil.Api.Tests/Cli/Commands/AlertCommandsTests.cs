using System.Net;
using System.Text.Json.Nodes;
using Vigil.Commands;
using static Vigil.Api.Tests.Cli.Commands.FakeAlertmanagerApi;

namespace Vigil.Api.Tests.Cli.Commands;

public sealed class AlertCommandsTests
{
    private readonly FakeAlertmanagerApi _api = new();

    [Theory]
    [InlineData(new string[0], "active=true&silenced=false&inhibited=false&unprocessed=false")]
    [InlineData(new[] { "--silenced" }, "active=false&silenced=true&inhibited=false&unprocessed=false")]
    [InlineData(new[] { "--active", "--inhibited" }, "active=true&silenced=false&inhibited=true&unprocessed=false")]
    public void AlertQuery_Selection_AsAmtoolDefaultsToActive(string[] args, string expected)
    {
        _api.On("GET /api/v2/alerts", "[]");

        var (code, _, _) = _api.Run(AlertQueryCommand.Create(_api.Client), ["alert", "query", .. args]);

        Assert.Equal(0, code);
        Assert.EndsWith(expected, _api.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void AlertQuery_Suppressed_NamesSilenceAndInhibitingAlert()
    {
        _api.On("GET /api/v2/alerts", $"[{Alert("""{"alertname":"Down"}""", "suppressed", silencedBy: "s1", inhibitedBy: "f9")}]")
            .On("GET /api/v2/alerts", $"[{Alert("""{"alertname":"Down"}""")},{Alert("""{"alertname":"RackDown","rack":"r1"}""", fingerprint: "f9")}]")
            .On("GET /api/v2/silences", $"[{Silence("s1")}]");

        var (code, output, _) = _api.Run(AlertQueryCommand.Create(_api.Client), "alert", "query", "--silenced", "--inhibited");

        Assert.Equal(0, code);
        Assert.Contains("silence \"deploy\" by ops; alert {alertname=\"RackDown\", rack=\"r1\"}", output, StringComparison.Ordinal);
        Assert.Matches(@"Down\s+2026-03-01 11:00:00 UTC\s+sum\s+suppressed", output);
    }

    [Fact]
    public void AlertQuery_BadMatcher_Exit1BeforeAnyRequest()
    {
        var (code, _, err) = _api.Run(AlertQueryCommand.Create(_api.Client), "alert", "query", "a", "b=~[");

        Assert.Equal(1, code);
        Assert.StartsWith("vigil: error: bad matcher \"b=~[\"", err, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void AlertAdd_BareFirstArgument_IsAlertname()
    {
        _api.On("POST /api/v2/alerts", "");

        var (code, _, _) = _api.Run(AlertAddCommand.Create(_api.Client), "alert", "add", "DiskFull", "host=db1", "--annotation=summary=full", "--end=2026-03-01T13:00:00Z");

        Assert.Equal(0, code);
        var alert = JsonNode.Parse(_api.Sent("POST").Single().Body)![0]!;
        Assert.Equal("""{"alertname":"DiskFull","host":"db1"}""", alert["labels"]!.ToJsonString());
        Assert.Equal("""{"summary":"full"}""", alert["annotations"]!.ToJsonString());
        Assert.Equal("2026-03-01T13:00:00.000Z", alert["endsAt"]!.GetValue<string>());
    }

    [Fact]
    public void AlertAdd_ServerRefuses_PrintsAnswer()
    {
        _api.On("POST /api/v2/alerts", "\"invalid label set\"", HttpStatusCode.BadRequest);

        var (code, _, err) = _api.Run(AlertAddCommand.Create(_api.Client), "alert", "add", "a=b");

        Assert.Equal((1, "vigil: error: POST /api/v2/alerts failed: 400 Bad Request: invalid label set\n"), (code, err));
    }

    [Fact]
    public void AlertAdd_NonEqualityLabel_Refused()
    {
        var (code, _, err) = _api.Run(AlertAddCommand.Create(_api.Client), "alert", "add", "a=b", "c!=d");

        Assert.Equal(1, code);
        Assert.Equal("vigil: error: bad label \"c!=d\": labels must be given as name=value\n", err);
    }
}
