using Microsoft.Extensions.Logging;
using Vigil.Config;
using Vigil.Api.Logging;

namespace Vigil.Api.Tests.Logging;

public sealed class LogLineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 20, 0, 0, 123, TimeSpan.Zero);

    private static KeyValuePair<string, object?>[] Fields(params (string, object?)[] f) =>
        [.. f.Select(x => new KeyValuePair<string, object?>(x.Item1, x.Item2))];

    [Fact]
    public void Render_Logfmt_LikeUpstream() =>
        Assert.Equal(
            "ts=2026-11-23T20:00:00.123Z level=info caller=main msg=\"Listening on\" address=127.0.0.1:9093\n",
            LogLine.Render(LogFormat.Logfmt, At, LogLevel.Information, "main", Fields(("msg", "Listening on"), ("address", "127.0.0.1:9093"))));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("k=v", "\"k=v\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    public void Render_Logfmt_QuotesWhenNeeded(string value, string rendered) =>
        Assert.EndsWith($" v={rendered}\n", LogLine.Render(LogFormat.Logfmt, At, LogLevel.Warning, "c", Fields(("v", value))), StringComparison.Ordinal);

    [Fact]
    public void Render_Json_OneObjectPerLine() =>
        Assert.Equal(
            "{\"ts\":\"2026-11-23T20:00:00.123Z\",\"level\":\"error\",\"caller\":\"api\",\"msg\":\"Failed\",\"err\":\"x <y>\"}\n",
            LogLine.Render(LogFormat.Json, At, LogLevel.Error, "api", Fields(("msg", "Failed"), ("err", "x <y>"))));

    [Fact]
    public void Render_Secret_IsMasked() =>
        Assert.Contains("url=<secret>", LogLine.Render(LogFormat.Logfmt, At, LogLevel.Information, "c", Fields(("url", new Secret("https://hooks.slack.com/T/B/x")))), StringComparison.Ordinal);

    [Fact]
    public void Provider_BelowMinimum_WritesNothing()
    {
        var output = new StringWriter();
        using var provider = new LogfmtLoggerProvider(output, LogLevel.Warning, LogFormat.Logfmt, TimeProvider.System);
        var logger = provider.CreateLogger("Vigil.Test.Component");
        logger.Info("hidden");
        logger.Warn("shown", ("k", 1));
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("level=warn caller=Component msg=shown k=1", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("verbose", null)]
    public void ParseLevel_PrometheusNames(string text, LogLevel? expected) => Assert.Equal(expected, LogfmtLoggerProvider.ParseLevel(text));
}
