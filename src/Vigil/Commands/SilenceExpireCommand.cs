using Vigil.Cli;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary><c>vigil silence expire ID...</c>: expires each silence; one failing id does not stop the others.</summary>
public static class SilenceExpireCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = Create(AlertmanagerApiClient.Connect);

    /// <summary>Builds the entry over a client factory (tests pass a fake).</summary>
    public static Command Create(Func<ParsedFlags, AlertmanagerApiClient> connect) => new(
        "silence expire",
        "Expire silences by id.",
        AlertmanagerApiClient.Flags,
        Guard((flags, io) => RunAsync(flags, io, connect)))
    {
        ArgsUsage = "<silence-ids>...",
    };

    private static async Task<int> RunAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect)
    {
        if (flags.Arguments.Count == 0)
        {
            throw new UsageException("required argument 'silence-ids' not provided");
        }

        var client = connect(flags);
        var failed = 0;
        foreach (var id in flags.Arguments)
        {
            try
            {
                await client.ExpireSilenceAsync(id, io.Cancel);
            }
            catch (AlertmanagerApiException e) when (e.Status != 0)
            {
                // An answer for this id (404, 500): report it and carry on with the rest.
                await io.Err.WriteLineAsync($"vigil: error: silence {id}: {e.Message}");
                failed++;
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
