using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Cli;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil notify test --config.file=F [--receiver=NAME]</c>: sends a test notification through
/// every integration of one receiver (or all) and prints each far side's answer, so a receiver is
/// proven before a real alert needs it.
/// </summary>
public static class NotifyTestCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("notify test", "Send a test notification through a receiver's integrations and show each answer.",
    [
        FlagSpec.Str("config.file", "Alertmanager configuration file name.", "alertmanager.yml"),
        FlagSpec.Str("receiver", "Only test this receiver (default: every receiver)."),
    ], RunAsync);

    private static async Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        var file = flags.String("config.file");
        var result = ConfigLoader.LoadFile(file);
        if (!result.Ok)
        {
            foreach (var error in result.Errors)
            {
                await io.Err.WriteLineAsync(error.ToString());
            }
            return 1;
        }
        var receiver = flags.String("receiver");
        return await NotifyTest.RunAsync(result.Config!, receiver.Length > 0 ? receiver : null, io.Out, io.Cancel);
    }
}
