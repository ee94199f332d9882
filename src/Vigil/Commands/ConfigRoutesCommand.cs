using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Cli;
using Vigil.Model.Labels;
using static Vigil.Commands.AlertmanagerCliSupport;

namespace Vigil.Commands;

/// <summary>
/// <c>vigil config routes test</c> and <c>vigil config routes show</c>: amtool's routing commands
/// over a local <c>--config.file</c> or, without one, the config of the server at
/// <c>--alertmanager.url</c>. <c>test</c> prints amtool's line (the receivers, comma-separated)
/// first, then for each matched route the path through the tree that led there, its line in the
/// file, and the grouping and timing the alert would get.
/// </summary>
public static class ConfigRoutesCommand
{
    // Declared first: the entries below are built from it during static initialisation.
    private static IReadOnlyList<FlagSpec> Flags { get; } =
    [
        .. AlertmanagerApiClient.Flags,
        FlagSpec.Str("config.file", "Alertmanager configuration file; without it, the config of the server at --alertmanager.url."),
    ];

    /// <summary>The <c>config routes test</c> entry.</summary>
    public static Command TestEntry { get; } = CreateTest(AlertmanagerApiClient.Connect);

    /// <summary>The <c>config routes show</c> entry.</summary>
    public static Command ShowEntry { get; } = CreateShow(AlertmanagerApiClient.Connect);

    /// <summary>Builds <c>config routes test</c> over a client factory (tests pass a fake).</summary>
    public static Command CreateTest(Func<ParsedFlags, AlertmanagerApiClient> connect) => new(
        "config routes test",
        "Show the receivers and the route path an alert with these labels would take.",
        [
            .. Flags,
            FlagSpec.Str("verify.receivers", "Fail (exit 1) unless the receivers are exactly these, comma-separated."),
            FlagSpec.Switch("tree", "Also print the routing tree with the alert's path marked."),
        ],
        Guard((flags, io) => TestAsync(flags, io, connect)))
    {
        ArgsUsage = "<label=value>...",
    };

    /// <summary>Builds <c>config routes show</c> over a client factory (tests pass a fake).</summary>
    public static Command CreateShow(Func<ParsedFlags, AlertmanagerApiClient> connect) => new(
        "config routes show",
        "Print the routing tree.",
        Flags,
        Guard(async (flags, io) =>
        {
            var root = await LoadAsync(flags, io, connect);
            await io.Out.WriteLineAsync("Routing tree:");
            RouteTreeText.Write(io.Out, root, _ => ' ');
            return 0;
        }));

    private static async Task<int> TestAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect)
    {
        var labels = LabelSet.From(ParsePairs(flags.Arguments, "label"));
        var root = await LoadAsync(flags, io, connect);
        var matched = root.Match(labels);
        var receivers = string.Join(",", matched.Select(r => r.Receiver));
        await io.Out.WriteLineAsync(receivers);
        foreach (var route in matched)
        {
            RouteTreeText.WriteMatch(io.Out, route, labels);
        }

        if (flags.Bool("tree"))
        {
            await io.Out.WriteLineAsync("Routing tree (* = the alert ends here, + = on its way):");
            var final = matched.ToHashSet();
            var onPath = matched.SelectMany(Ancestors).ToHashSet();
            RouteTreeText.Write(io.Out, root, r => final.Contains(r) ? '*' : onPath.Contains(r) ? '+' : ' ');
        }

        var expected = flags.String("verify.receivers");
        if (expected.Length > 0 && expected != receivers)
        {
            await io.Out.WriteLineAsync("WARNING: Expected receivers did not match resolved receivers.");
            return 1;
        }

        return 0;
    }

    private static IEnumerable<Route> Ancestors(Route route)
    {
        for (var r = route.Parent; r is not null; r = r.Parent)
        {
            yield return r;
        }
    }

    private static async Task<Route> LoadAsync(ParsedFlags flags, CommandIo io, Func<ParsedFlags, AlertmanagerApiClient> connect)
    {
        var file = flags.String("config.file");
        ConfigLoadResult result;
        if (file.Length > 0)
        {
            result = ConfigLoader.LoadFile(file);
        }
        else
        {
            var client = connect(flags);
            var status = await client.GetStatusAsync(io.Cancel);
            var yaml = Text(status["config"]?["original"]);
            result = ConfigLoader.Parse(yaml, $"config of {client.BaseUrl}");
        }

        if (!result.Ok)
        {
            var findings = string.Join("\n", result.Errors.Select(e => e.ToString()));
            throw new CommandInputException($"cannot load the configuration:\n{findings}");
        }

        return Route.Build(result.Config!.Route);
    }
}
