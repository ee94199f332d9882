using Vigil.Api.Metrics;
using Vigil.Cli;
using Vigil.Commands;

namespace Vigil;

/// <summary>Entry point of the <c>vigil</c> executable.</summary>
public static class Program
{
    /// <summary>
    /// The command table. Add an entry here for each new subcommand (prometheus, run, check rules,
    /// test rules, test promql ...); the dispatcher picks the longest matching word sequence.
    /// </summary>
    public static IReadOnlyList<Command> Commands { get; } =
    [
        AlertmanagerCommand.Entry,
        AlertAddCommand.Entry,
        AlertQueryCommand.Entry,
        CheckConfigCommand.Entry,
        CheckRulesCommand.Entry,
        ConfigRoutesCommand.ShowEntry,
        ConfigRoutesCommand.TestEntry,
        NotifyTestCommand.Entry,
        PrometheusCommand.Entry,
        SilenceAddCommand.Entry,
        SilenceExpireCommand.Entry,
        SilenceImportCommand.Entry,
        SilenceQueryCommand.Entry,
        TestPromqlCommand.Entry,
        TestRulesCommand.Entry,
    ];

    /// <summary>The <c>--version</c> text.</summary>
    public static string VersionText
    {
        get
        {
            var b = BuildInfo.Current;
            return $"vigil, version {b.Version} (branch: {b.Branch}, revision: {b.Revision})\n  build user:       {b.BuildUser}\n  build date:       {b.BuildDate}\n  runtime version:  {b.RuntimeVersion}";
        }
    }

    /// <summary>Runs the command named by the first arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        var io = new CommandIo(Console.Out, Console.Error, cancel.Token);
        return await new CommandLine(Commands, VersionText).RunAsync(args, io);
    }
}
