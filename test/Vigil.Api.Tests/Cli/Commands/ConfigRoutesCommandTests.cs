using Vigil.Commands;

namespace Vigil.Api.Tests.Cli.Commands;

public sealed class ConfigRoutesCommandTests : IDisposable
{
    private const string Config = """
        route:
          receiver: default
          group_by: [alertname]
          routes:
          - matchers: ['service="db"']
            receiver: db
            group_by: [alertname, cluster]
            group_wait: 10s
            continue: true
            routes:
            - matchers: ['severity="page"']
              receiver: db-pager
          - matchers: ['service=~"db|web"']
            receiver: frontline
        receivers:
        - name: default
        - name: db
        - name: db-pager
        - name: frontline
        """;

    private readonly FakeAlertmanagerApi _api = new();
    private readonly string _file = Path.GetTempFileName();

    public ConfigRoutesCommandTests() => File.WriteAllText(_file, Config);

    public void Dispose() => File.Delete(_file);

    private (int Code, string Out, string Err) Test(params string[] args) =>
        _api.Run(ConfigRoutesCommand.CreateTest(_api.Client), ["config", "routes", "test", "--config.file=" + _file, .. args]);

    [Theory]
    [InlineData(new[] { "alertname=X" }, "default")]
    [InlineData(new[] { "service=db" }, "db,frontline")]
    [InlineData(new[] { "service=db", "severity=page" }, "db-pager,frontline")]
    [InlineData(new[] { "service=web" }, "frontline")]
    public void Test_Labels_FirstLineIsAmtoolsReceivers(string[] labels, string receivers)
    {
        var (code, output, _) = Test(labels);

        Assert.Equal(0, code);
        Assert.Equal(receivers, output.Split('\n')[0]);
    }

    [Fact]
    public void Test_MatchedRoute_ShowsPathLineAndTimers()
    {
        var (_, output, _) = Test("service=db", "severity=page", "cluster=eu");

        Assert.Contains("  db-pager: route root > {service=\"db\"} > {severity=\"page\"} (line 11)", output, StringComparison.Ordinal);
        Assert.Contains("    group {cluster=\"eu\"} group_by=[alertname,cluster] group_wait=10s group_interval=5m repeat_interval=4h", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db,frontline", 0)]
    [InlineData("db", 1)]
    public void Test_VerifyReceivers_AmtoolExitCodes(string expected, int code)
    {
        var (actual, output, _) = Test("--verify.receivers=" + expected, "service=db");

        Assert.Equal(code, actual);
        Assert.Equal(code == 1, output.Contains("WARNING: Expected receivers did not match resolved receivers.", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_Tree_MarksPath()
    {
        var (_, output, _) = Test("--tree", "service=db", "severity=page");

        Assert.Contains("+ root  receiver: default", output, StringComparison.Ordinal);
        Assert.Contains("+   {service=\"db\"}  receiver: db", output, StringComparison.Ordinal);
        Assert.Contains("*     {severity=\"page\"}  receiver: db-pager", output, StringComparison.Ordinal);
        Assert.Contains("*   {service=~\"db|web\"}  receiver: frontline", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_NonEqualityLabel_Exit1()
    {
        var (code, _, err) = Test("service=~db");

        Assert.Equal(1, code);
        Assert.Equal("vigil: error: bad label \"service=~db\": labels must be given as name=value\n", err);
    }

    [Fact]
    public void Test_BrokenConfig_NamesFinding()
    {
        File.WriteAllText(_file, "route:\n  receiver: nobody\n");

        var (code, _, err) = Test("a=b");

        Assert.Equal(1, code);
        Assert.StartsWith("vigil: error: cannot load the configuration:", err, StringComparison.Ordinal);
        Assert.Contains("nobody", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_NoConfigFile_UsesServersConfig()
    {
        var yaml = System.Text.Json.JsonSerializer.Serialize(Config);
        _api.On("GET /api/v2/status", "{\"config\":{\"original\":" + yaml + "}}");

        var (code, output, _) = _api.Run(ConfigRoutesCommand.CreateTest(_api.Client), "config", "routes", "test", "service=web");

        Assert.Equal((0, "frontline"), (code, output.Split('\n')[0]));
    }

    [Fact]
    public void Show_PrintsEveryRoute()
    {
        var (code, output, _) = _api.Run(ConfigRoutesCommand.CreateShow(_api.Client), "config", "routes", "show", "--config.file=" + _file);

        Assert.Equal(0, code);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("continue=true", output, StringComparison.Ordinal);
    }
}
