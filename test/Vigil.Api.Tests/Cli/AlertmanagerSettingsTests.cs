using Microsoft.Extensions.Logging;
using Vigil.AlertmanagerHost;
using Vigil.Api.Logging;
using Vigil.Cli;

namespace Vigil.Api.Tests.Cli;

public sealed class AlertmanagerSettingsTests
{
    private static AlertmanagerSettings From(params string[] args) =>
        AlertmanagerSettings.From(new FlagParser(AlertmanagerFlags.All).Parse(args));

    [Fact]
    public void From_NoFlags_UpstreamDefaults()
    {
        var s = From();
        Assert.Equal("alertmanager.yml", s.ConfigFile);
        Assert.Equal("data/", s.StoragePath);
        Assert.Equal(":9093", $"{s.ListenAddresses.Single().Host}:{s.ListenAddresses.Single().Port}");
        Assert.Equal(TimeSpan.FromHours(120), s.Retention);
        Assert.Equal(TimeSpan.FromMinutes(30), s.AlertGcInterval);
        Assert.Equal("0.0.0.0:9094", s.ClusterListenAddress);
        Assert.Equal(LogLevel.Information, s.LogLevel);
        Assert.Equal(LogFormat.Logfmt, s.LogFormat);
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--config.file=alertmanager.yml" }, true)]
    public void From_ConfigFile_ExplicitOnlyWhenGiven(string[] args, bool expected)
    {
        Assert.Equal(expected, From(args).ConfigFileExplicit);
    }

    [Fact]
    public void From_Flags_Applied()
    {
        var s = From("--config.file=a.yml", "--web.listen-address=127.0.0.1:0", "--web.listen-address=[::1]:9094",
            "--cluster.listen-address=", "--log.level=debug", "--log.format=json", "--web.external-url=http://x/am", "--cluster.peer=a:1");
        Assert.Equal("a.yml", s.ConfigFile);
        Assert.Equal(2, s.ListenAddresses.Count);
        Assert.Equal("::1", s.ListenAddresses[1].Host);
        Assert.Equal("", s.ClusterListenAddress);
        Assert.Equal(LogLevel.Debug, s.LogLevel);
        Assert.Equal(LogFormat.Json, s.LogFormat);
        Assert.Equal("http://x/am", s.ExternalUrl);
    }

    [Theory]
    [InlineData("--log.level=verbose", "invalid value \"verbose\" for flag '--log.level': expected one of debug, info, warn, error")]
    [InlineData("--log.format=xml", "invalid value \"xml\" for flag '--log.format': expected logfmt or json")]
    [InlineData("--web.listen-address=9093", "invalid value \"9093\" for flag '--web.listen-address': address 9093: missing port in address (expected host:port, e.g. :9093)")]
    public void From_BadValue_UsageError(string arg, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => From(arg)).Message);
}
