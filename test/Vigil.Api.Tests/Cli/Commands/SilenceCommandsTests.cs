using System.Net;
using System.Text.Json.Nodes;
using Vigil.Commands;
using static Vigil.Api.Tests.Cli.Commands.FakeAlertmanagerApi;

namespace Vigil.Api.Tests.Cli.Commands;

public sealed class SilenceCommandsTests
{
    private readonly FakeAlertmanagerApi _api = new();

    private (int Code, string Out, string Err) Add(params string[] args) =>
        _api.Run(SilenceAddCommand.Create(_api.Client, _api.Clock), ["silence", "add", .. args]);

    private FakeAlertmanagerApi WithAlerts() => _api.On("GET /api/v2/alerts",
        $"[{Alert("""{"alertname":"A","env":"prod"}""")},{Alert("""{"alertname":"A","env":"dev"}""", fingerprint: "f1")},{Alert("""{"alertname":"B"}""", fingerprint: "f2")}]");

    [Fact]
    public void SilenceAdd_DryRun_ListsMutedAlertsAndCreatesNothing()
    {
        WithAlerts();

        var (code, output, _) = Add("--dry-run", "alertname=A", "env=~p.*");

        Assert.Equal(0, code);
        Assert.Contains("It would mute 1 of 3 current alerts:", output, StringComparison.Ordinal);
        Assert.Contains("{alertname=\"A\", env=\"prod\"}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dev", output, StringComparison.Ordinal);
        Assert.Empty(_api.Sent("POST"));
    }

    [Fact]
    public void SilenceAdd_Valid_PostsSilencePrintsIdAloneOnStdout()
    {
        WithAlerts().On("POST /api/v2/silences", """{"silenceID":"abc"}""");

        var (code, output, err) = Add("A", "--comment=deploy", "--author=ops", "--duration=2h", "--annotation=ticket=OPS-1");

        Assert.Equal((0, "abc\n"), (code, output));
        Assert.Contains("It would mute 2 of 3 current alerts:", err, StringComparison.Ordinal);
        var body = JsonNode.Parse(_api.Sent("POST").Single().Body)!;
        Assert.Equal("""[{"name":"alertname","value":"A","isRegex":false,"isEqual":true}]""", body["matchers"]!.ToJsonString());
        Assert.Equal("2026-03-01T12:00:00.000Z", body["startsAt"]!.GetValue<string>());
        Assert.Equal("2026-03-01T14:00:00.000Z", body["endsAt"]!.GetValue<string>());
        Assert.Equal("ops", body["createdBy"]!.GetValue<string>());
        Assert.Equal("""{"ticket":"OPS-1"}""", body["annotations"]!.ToJsonString());
    }

    [Fact]
    public void SilenceAdd_MatchesNothing_SaysSo()
    {
        WithAlerts().On("POST /api/v2/silences", """{"silenceID":"abc"}""");

        var (_, _, err) = Add("alertname=Nope", "--comment=c");

        Assert.Contains("It would mute none of the 3 current alerts", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--comment=c" }, "vigil: error: no matchers given")]
    [InlineData(new[] { "alertname=A" }, "vigil: error: --comment is required")]
    [InlineData(new[] { "--comment=c", "a=~(" }, "vigil: error: bad matcher \"a=~(\"")]
    [InlineData(new[] { "--comment=c", "--duration=soon", "a=b" }, "vigil: error: bad --duration \"soon\"")]
    [InlineData(new[] { "--comment=c", "--start=2026-03-02T00:00:00Z", "--end=2026-03-01T00:00:00Z", "a=b" }, "vigil: error: the silence would end")]
    [InlineData(new[] { "--comment=c", "--end=tomorrow", "a=b" }, "vigil: error: bad --end \"tomorrow\": expected an RFC 3339 time")]
    public void SilenceAdd_BadInput_OneLineErrorExit1(string[] args, string message)
    {
        WithAlerts();

        var (code, _, err) = Add(args);

        Assert.Equal(1, code);
        Assert.StartsWith(message, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Empty(_api.Sent("POST"));
    }

    [Fact]
    public void SilenceAdd_ServerAnswers400_PrintsServerMessage()
    {
        WithAlerts().On("POST /api/v2/silences", "\"silence invalid: at least one matcher must not match the empty string\"", HttpStatusCode.BadRequest);

        var (code, _, err) = Add("a=~.*", "--comment=c");

        Assert.Equal(1, code);
        Assert.Equal("vigil: error: POST /api/v2/silences failed: 400 Bad Request: silence invalid: at least one matcher must not match the empty string\n", err[err.IndexOf("vigil:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void SilenceAdd_ServerUnreachable_NamesUrl()
    {
        _api.Unreachable = true;

        var (code, _, err) = Add("a=b", "--comment=c");

        Assert.Equal(1, code);
        Assert.StartsWith("vigil: error: cannot reach Alertmanager at http://am.test:9093/: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void SilenceQuery_Default_ShowsNonExpiredWithMutingCounts()
    {
        _api.On("GET /api/v2/silences", $"[{Silence("s1")},{Silence("s2", "expired", "2026-03-01T11:30:00.000Z")},{Silence("s3", "pending")}]")
            .On("GET /api/v2/alerts", $"[{Alert("""{"alertname":"A"}""", "suppressed", silencedBy: "s1")},{Alert("""{"alertname":"A","x":"y"}""", "suppressed", silencedBy: "s1")}]");

        var (code, output, _) = _api.Run(SilenceQueryCommand.Create(_api.Client), "silence", "query", "alertname=A");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^s1\s+alertname=""A""\s+active\s+2\s+", lines[1]);
        Assert.Matches(@"^s3\s+.*pending\s+0\s+", lines[2]);
        Assert.Contains("filter=alertname%3D%22A%22", _api.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void SilenceQuery_ExpiredQuiet_PrintsExpiredIdsOnly()
    {
        _api.On("GET /api/v2/silences", $"[{Silence("s1")},{Silence("s2", "expired")}]");

        var result = _api.Run(SilenceQueryCommand.Create(_api.Client), "silence", "query", "--expired", "--quiet");

        Assert.Equal((0, "s2\n", ""), result);
    }

    [Fact]
    public void SilenceExpire_OneUnknown_ReportsItExpiresOthersExit1()
    {
        _api.On("DELETE /api/v2/silence/a", "").On("DELETE /api/v2/silence/b", "\"silence b not found\"", HttpStatusCode.NotFound)
            .On("DELETE /api/v2/silence/c", "");

        var (code, _, err) = _api.Run(SilenceExpireCommand.Create(_api.Client), "silence", "expire", "a", "b", "c");

        Assert.Equal(1, code);
        Assert.Equal(3, _api.Sent("DELETE").Count());
        Assert.Equal("vigil: error: silence b: DELETE /api/v2/silence/b failed: 404 Not Found: silence b not found\n", err);
    }

    [Fact]
    public void SilenceImport_UnknownIdAndExpired_RecreatesAndSkips()
    {
        using var dir = new TempFile($"[{Silence("old-id")},{Silence("gone", "expired", "2026-03-01T11:30:00.000Z")}]");
        _api.On("POST /api/v2/silences", "\"silence old-id not found\"", HttpStatusCode.NotFound).On("POST /api/v2/silences", """{"silenceID":"new-id"}""");

        var (code, output, err) = _api.Run(SilenceImportCommand.Create(_api.Client, _api.Clock, () => TextReader.Null), "silence", "import", dir.Path);

        Assert.Equal((0, "new-id\n"), (code, output));
        var posts = _api.Sent("POST").Select(p => JsonNode.Parse(p.Body)!.AsObject()).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal("old-id", posts[0]["id"]!.GetValue<string>());
        Assert.False(posts[1].ContainsKey("id"));
        Assert.False(posts[1].ContainsKey("status"));
        Assert.Contains("skipped silence id=gone", err, StringComparison.Ordinal);
        Assert.Contains("imported 1 of 2 silences (1 expired skipped, 0 failed)", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "expected a JSON array of silences")]
    [InlineData("[1]", "element 0 is not a silence object")]
    [InlineData("[{", "not JSON")]
    public void SilenceImport_BadFile_NamesFileAndProblem(string content, string message)
    {
        using var file = new TempFile(content);

        var (code, _, err) = _api.Run(SilenceImportCommand.Create(_api.Client, _api.Clock, () => TextReader.Null), "silence", "import", file.Path);

        Assert.Equal(1, code);
        Assert.Contains(file.Path + ": ", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
