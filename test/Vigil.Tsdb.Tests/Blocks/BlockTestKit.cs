using Microsoft.Extensions.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Blocks;

namespace Vigil.Tsdb.Tests.Blocks;

/// <summary>A data directory under the temp folder, deleted with the test.</summary>
internal sealed class TempDataDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigil-blocks-" + Guid.NewGuid().ToString("N"));

    public TempDataDir() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Keeps log lines so tests can assert what an operator would read.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines)
        {
            Lines.Add((logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>Builders shared by the block, compaction and retention tests.</summary>
internal static class BlockTestKit
{
    public static readonly Matcher[] All = [];

    public static Matcher M(string name, MatcherType type, string value) => new(type, name, value);

    /// <summary>Writes every series of <paramref name="source"/> with samples in [mint, maxt) as one block.</summary>
    public static BlockMeta WriteBlock(string dataDir, ISeriesQuerier source, long mint, long maxt, TimeProvider? time = null) =>
        new BlockWriter(time ?? TimeProvider.System).Write(dataDir, mint, maxt,
            source.Select(mint, maxt - 1, All).Select(s => (s.Labels, s.Samples(mint, maxt - 1))));

    /// <summary>A storage holding one sample per <paramref name="step"/> ms in [from, to) for each given series.</summary>
    public static MemoryStorage Regular(long from, long to, long step, params LabelSet[] series)
    {
        var storage = new MemoryStorage();
        var appender = storage.Appender();
        foreach (var labels in series)
        {
            for (var t = from; t < to; t += step)
            {
                appender.Append(labels, t, t / 1000.0);
            }
        }
        appender.Commit();
        return storage;
    }

    /// <summary>Every series and sample of a querier in a comparable form.</summary>
    public static List<(string Labels, List<Sample> Samples)> Dump(ISeriesQuerier querier, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        querier.Select(mint, maxt, matchers)
            .Select(s => (s.Labels.ToString(), s.Samples(mint, maxt).ToList()))
            .Where(s => s.Item2.Count > 0)
            .ToList();

    /// <summary>
    /// Asserts both hold the same series and samples, read through <see cref="IStoredSeries.Samples"/> and, for
    /// <paramref name="actual"/>, through its bulk <see cref="IStoredSeries.CopySamples"/> too; returns how many
    /// series were compared.
    /// </summary>
    public static int AssertSameData(ISeriesQuerier expected, ISeriesQuerier actual, long mint, long maxt, IReadOnlyList<Matcher> matchers)
    {
        var want = Dump(expected, mint, maxt, matchers);
        var got = Dump(actual, mint, maxt, matchers);
        var copied = Copied(actual, mint, maxt, matchers);
        Assert.Equal(want.Select(s => s.Labels), got.Select(s => s.Labels));
        Assert.Equal(want.Select(s => s.Labels), copied.Select(s => s.Labels));
        for (var i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].Samples.Select(Bits), got[i].Samples.Select(Bits));
            Assert.Equal(want[i].Samples.Select(Bits), copied[i].Samples.Select(Bits));
        }
        return want.Count;
    }

    private static List<(string Labels, List<Sample> Samples)> Copied(ISeriesQuerier querier, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        querier.Select(mint, maxt, matchers)
            .Select(s =>
            {
                var samples = new List<Sample>();
                s.CopySamples(mint, maxt, samples);
                return (s.Labels.ToString(), samples);
            })
            .Where(s => s.samples.Count > 0)
            .ToList();

    private static (long, ulong) Bits(Sample s) => (s.Timestamp, BitConverter.DoubleToUInt64Bits(s.Value));
}
