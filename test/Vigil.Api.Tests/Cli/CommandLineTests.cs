using Vigil.Cli;

namespace Vigil.Api.Tests.Cli;

public sealed class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var commands = new List<Command>
        {
            new("alertmanager", "Run.", [FlagSpec.Str("config.file", "c", "alertmanager.yml")], (f, io) =>
            {
                io.Out.Write("am:" + f.String("config.file"));
                return Task.FromResult(0);
            }),
            new("check config", "Check.", [], (f, io) =>
            {
                io.Out.Write("check:" + string.Join(",", f.Arguments));
                return Task.FromResult(f.Arguments.Count == 0 ? 1 : 0);
            }) { ArgsUsage = "<config-files>..." },
            new("check rules", "Rules.", [], (_, _) => Task.FromResult(0)),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new CommandLine(commands, "vigil, version test").RunAsync(args, new CommandIo(output, error, default)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_Subcommand_GetsItsFlags() => Assert.Equal((0, "am:x.yml", ""), Run("alertmanager", "--config.file=x.yml"));

    [Fact]
    public void Run_TwoWordCommand_GetsPositionals() => Assert.Equal((0, "check:a.yml,b.yml", ""), Run("check", "config", "a.yml", "b.yml"));

    [Theory]
    [InlineData(new[] { "alertmanager", "--foo" }, "vigil: error: unknown long flag '--foo', try --help\n")]
    [InlineData(new[] { "frobnicate" }, "vigil: error: expected command but got \"frobnicate\", try --help\n")]
    [InlineData(new[] { "check", "nothing" }, "vigil: error: expected command but got \"nothing\" (one of: config, rules), try --help\n")]
    [InlineData(new[] { "--bogus" }, "vigil: error: unknown long flag '--bogus', try --help\n")]
    public void Run_Mistake_ExitsOneWithKingpinMessage(string[] args, string stderr)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(1, code);
        Assert.Equal(stderr, err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("alertmanager --version")]
    public void Run_Version_PrintsVersion(string args) => Assert.Equal((0, "vigil, version test" + Environment.NewLine, ""), Run(args.Split(' ')));

    [Theory]
    [InlineData(new[] { "--help" }, "check config <config-files>...")]
    [InlineData(new string[0], "alertmanager")]
    [InlineData(new[] { "help", "alertmanager" }, "--config.file=\"alertmanager.yml\"")]
    [InlineData(new[] { "alertmanager", "-h" }, "usage: vigil alertmanager [<flags>]")]
    public void Run_Help_ListsCommandsAndFlags(string[] args, string expected)
    {
        var (code, output, _) = Run(args);
        Assert.Equal(0, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
