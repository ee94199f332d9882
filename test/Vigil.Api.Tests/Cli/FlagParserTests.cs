using Vigil.Cli;

namespace Vigil.Api.Tests.Cli;

public sealed class FlagParserTests
{
    private static readonly FlagParser Parser = new(
    [
        FlagSpec.Str("config.file", "config", "alertmanager.yml"),
        FlagSpec.Str("web.external-url", "url"),
        FlagSpec.Switch("web.enable-lifecycle", "lifecycle"),
        FlagSpec.Dur("data.retention", "retention", "120h"),
        FlagSpec.Integer("silences.max-silences", "max", "0"),
        FlagSpec.Many("cluster.peer", "peers"),
    ]);

    [Theory]
    [InlineData(new string[0], "config.file", "alertmanager.yml")]
    [InlineData(new[] { "--config.file=a.yml" }, "config.file", "a.yml")]
    [InlineData(new[] { "--config.file", "b.yml" }, "config.file", "b.yml")]
    [InlineData(new[] { "--config.file=a.yml", "--config.file=c.yml" }, "config.file", "c.yml")]
    [InlineData(new[] { "--config.file=" }, "config.file", "")]
    [InlineData(new[] { "--web.external-url=http://x/am?a=b" }, "web.external-url", "http://x/am?a=b")]
    [InlineData(new string[0], "web.external-url", "")]
    [InlineData(new[] { "--data.retention=1h30m" }, "data.retention", "1h30m")]
    public void Parse_StringFlags_TakeValueOrDefault(string[] args, string flag, string expected) =>
        Assert.Equal(expected, Parser.Parse(args).String(flag));

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--web.enable-lifecycle" }, true)]
    [InlineData(new[] { "--web.enable-lifecycle=true" }, true)]
    [InlineData(new[] { "--web.enable-lifecycle=false" }, false)]
    [InlineData(new[] { "--web.enable-lifecycle", "--no-web.enable-lifecycle" }, false)]
    [InlineData(new[] { "--no-web.enable-lifecycle", "--web.enable-lifecycle" }, true)]
    public void Parse_Switches_FollowKingpin(string[] args, bool expected) =>
        Assert.Equal(expected, Parser.Parse(args).Bool("web.enable-lifecycle"));

    [Fact]
    public void Parse_RepeatableFlag_KeepsEveryValueInOrder()
    {
        var flags = Parser.Parse(["--cluster.peer=a:9094", "--cluster.peer", "b:9094"]);
        Assert.Equal(["a:9094", "b:9094"], flags.Strings("cluster.peer"));
    }

    [Fact]
    public void Parse_Duration_IsTyped()
    {
        Assert.Equal(TimeSpan.FromHours(120), Parser.Parse([]).Duration("data.retention"));
        Assert.Equal(TimeSpan.FromMinutes(90), Parser.Parse(["--data.retention=1h30m"]).Duration("data.retention"));
    }

    [Fact]
    public void Parse_PositionalsAndDoubleDash_AreArguments()
    {
        var flags = Parser.Parse(["a.yml", "--config.file=x", "--", "--not-a-flag"]);
        Assert.Equal(["a.yml", "--not-a-flag"], flags.Arguments);
        Assert.True(flags.IsSet("config.file"));
        Assert.False(flags.IsSet("web.external-url"));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("--config.file=x --help")]
    public void Parse_Help_IsRequested(string args) => Assert.True(Parser.Parse(args.Split(' ')).HelpRequested);

    [Theory]
    [InlineData(new[] { "--foo" }, "unknown long flag '--foo'")]
    [InlineData(new[] { "--foo=bar" }, "unknown long flag '--foo'")]
    [InlineData(new[] { "--no-config.file" }, "unknown long flag '--no-config.file'")]
    [InlineData(new[] { "-x" }, "unknown short flag '-x'")]
    [InlineData(new[] { "--config.file" }, "expected argument for flag '--config.file'")]
    [InlineData(new[] { "--data.retention=soon" }, "invalid value \"soon\" for flag '--data.retention': expected a duration such as 30s, 5m or 1h30m")]
    [InlineData(new[] { "--data.retention=2d" }, "invalid value \"2d\" for flag '--data.retention': expected a duration such as 30s, 5m or 1h30m")]
    [InlineData(new[] { "--silences.max-silences=many" }, "invalid value \"many\" for flag '--silences.max-silences': expected an integer")]
    [InlineData(new[] { "--web.enable-lifecycle=maybe" }, "invalid value \"maybe\" for flag '--web.enable-lifecycle': expected true or false")]
    [InlineData(new[] { "--no-web.enable-lifecycle=true" }, "unexpected argument in '--no-web.enable-lifecycle=true': --no-web.enable-lifecycle takes no value")]
    public void Parse_Mistakes_ThrowKingpinMessages(string[] args, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => Parser.Parse(args)).Message);
}
