namespace Vigil.Bench;

/// <summary>Command-line options; every one has a default matching the documented benchmark.</summary>
public sealed record BenchOptions
{
    public int Alerts { get; init; } = 120_000;

    public int BatchSize { get; init; } = 100;

    public int Clients { get; init; } = 4;

    /// <summary>Silences created before the alert load (silences mode).</summary>
    public int Silences { get; init; } = 10_000;

    /// <summary>Series in the PromQL data set (engine mode).</summary>
    public int Series { get; init; } = 10_000;

    /// <summary>Hours of 15s samples in the PromQL data set (engine mode).</summary>
    public int Hours { get; init; } = 6;

    /// <summary>How often each PromQL query is timed (engine mode).</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>PromQL queries to time instead of the standard set (engine mode, <c>--query=Q</c>, repeatable).</summary>
    public IReadOnlyList<string> Queries { get; init; } = [];

    /// <summary>
    /// Where the engine mode keeps its data: <c>memory</c> (the plain in-memory storage) or <c>head</c> (the TSDB
    /// head with its compressed chunks, as <c>vigil prometheus</c> reads it, without the WAL).
    /// </summary>
    public string Storage { get; init; } = "memory";

    /// <summary>Synthetic scrape targets (scrape and rules modes).</summary>
    public int Targets { get; init; } = 4;

    /// <summary>Seconds both servers run before the measured window (scrape and rules modes).</summary>
    public int WarmupSeconds { get; init; } = 20;

    /// <summary>Seconds of the measured window (scrape and rules modes).</summary>
    public int DurationSeconds { get; init; } = 60;

    /// <summary>Rules in the generated rule file (rules mode).</summary>
    public int Rules { get; init; } = 1000;

    /// <summary>The <c>vigil</c> executable; published from the repo when not given (or <c>VIGIL_BIN</c>).</summary>
    public string? VigilBin { get; init; } = Environment.GetEnvironmentVariable("VIGIL_BIN");

    /// <summary>Extra command-line arguments for <c>vigil prometheus</c> (rules mode, <c>--vigil-flag=ARG</c>, repeatable).</summary>
    public IReadOnlyList<string> VigilFlags { get; init; } = [];

    /// <summary>The real Prometheus binary (prometheus mode).</summary>
    public string PrometheusBin { get; init; } = "/usr/bin/prometheus";

    /// <summary>The real Alertmanager binary.</summary>
    public string AlertmanagerBin { get; init; } = "/usr/bin/prometheus-alertmanager";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        foreach (var arg in args)
        {
            var (name, value) = Split(arg);
            options = name switch
            {
                "--alerts" => options with { Alerts = int.Parse(value) },
                "--batch" => options with { BatchSize = int.Parse(value) },
                "--clients" => options with { Clients = int.Parse(value) },
                "--silences" => options with { Silences = int.Parse(value) },
                "--series" => options with { Series = int.Parse(value) },
                "--hours" => options with { Hours = int.Parse(value) },
                "--repeats" => options with { Repeats = int.Parse(value) },
                "--query" => options with { Queries = [.. options.Queries, value] },
                "--storage" => options with { Storage = value is "memory" or "head" ? value : throw new ArgumentException($"--storage must be memory or head, not {value}") },
                "--targets" => options with { Targets = int.Parse(value) },
                "--warmup" => options with { WarmupSeconds = int.Parse(value) },
                "--duration" => options with { DurationSeconds = int.Parse(value) },
                "--rules" => options with { Rules = int.Parse(value) },
                "--vigil-bin" => options with { VigilBin = value },
                "--vigil-flag" => options with { VigilFlags = [.. options.VigilFlags, value] },
                "--prometheus-bin" => options with { PrometheusBin = value },
                "--alertmanager-bin" => options with { AlertmanagerBin = value },
                _ => throw new ArgumentException($"unknown option {arg}; see bench/README.md"),
            };
        }

        return options;
    }

    private static (string Name, string Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (arg, "") : (arg[..eq], arg[(eq + 1)..]);
    }
}
