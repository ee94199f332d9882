using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.PromQL.Parser;
using Vigil.Rules.Evaluation;
using Vigil.Rules.RuleFiles;
using Vigil.Storage;

namespace Vigil.PrometheusHost;

/// <summary>
/// Runs the rule groups of <c>rule_files</c> against the storage. A reload loads every file first and
/// only then swaps the groups, so a bad rule file leaves the running groups untouched.
/// </summary>
public sealed class RuleManager : IAsyncDisposable
{
    private readonly IStorage _storage;
    private readonly RuleContext _context;
    private readonly NotifyFunc _notify;
    private readonly AlertFlags _alertFlags;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _swap = new(1, 1);
    private readonly RuleMetrics _metrics;
    private readonly RuleConcurrency? _concurrency;
    private IReadOnlyList<RuleGroup> _groups = [];
    private CancellationTokenSource _running = new();
    private List<Task> _loops = [];
    private bool _restoreOnNextStart = true;

    /// <summary>
    /// Creates a manager with no groups; <see cref="ApplyAsync"/> loads them. With <paramref name="concurrency"/>
    /// (<c>concurrent-rule-eval</c>) every group shares it to run independent rules at once; the manager disposes it.
    /// </summary>
    public RuleManager(IStorage storage, RuleContext context, NotifyFunc notify, AlertFlags alertFlags, TimeProvider time, ILogger logger, RuleConcurrency? concurrency = null)
    {
        _concurrency = concurrency;
        _storage = storage;
        _context = context;
        _notify = notify;
        _alertFlags = alertFlags;
        _time = time;
        _logger = logger;
        _metrics = new RuleMetrics(() => _groups);
    }

    /// <summary>The experimental PromQL rule expressions may use (the server's <c>--enable-feature</c>).</summary>
    public ParserOptions Parser { get; init; } = ParserOptions.Default;

    /// <summary>The groups running now.</summary>
    public IReadOnlyList<RuleGroup> Groups => _groups;

    /// <summary>
    /// Loads the rule files of <paramref name="config"/> and replaces the running groups with them. Throws
    /// <see cref="FormatException"/> (naming file:line) before touching anything when a file is bad.
    /// </summary>
    public async Task ApplyAsync(PrometheusConfigFile config, RuleContext? context = null)
    {
        var files = LoadAll(config.RuleFilePatterns, Parser);
        await _swap.WaitAsync();
        try
        {
            await StopAsync();
            var previous = _groups;
            var restore = _restoreOnNextStart;
            _restoreOnNextStart = false;
            var ctx = context ?? _context;
            _groups = [.. files.SelectMany(f => f.Groups.Select(g => new RuleGroup(
                RuleGroupFactory.Options(g, f.Path, config.EvaluationInterval, config.RuleQueryOffset) with
                {
                    ResendDelay = _alertFlags.ResendDelay,
                    ForOutageTolerance = _alertFlags.ForOutageTolerance,
                    ForGracePeriod = _alertFlags.ForGracePeriod,
                    RestoreForState = restore,
                    Concurrency = _concurrency,
                },
                _storage, ctx, _notify)))];
            foreach (var group in _groups)
            {
                // Upstream carries state across a reload for groups of the same name and file.
                if (previous.FirstOrDefault(p => p.Options.Name == group.Options.Name && p.Options.File == group.Options.File) is { } old)
                {
                    group.CopyStateFrom(old);
                }
            }
            _running = new CancellationTokenSource();
            var token = _running.Token;
            _loops = [.. _groups.Select(g => Task.Run(() => RunGroupAsync(g, token)))];
        }
        finally
        {
            _swap.Release();
        }
    }

    /// <summary>
    /// Expands the patterns (wildcards in the file name part) and loads every file, parsing expressions with
    /// <paramref name="parser"/>; all errors at once.
    /// </summary>
    public static IReadOnlyList<RuleFile> LoadAll(IReadOnlyList<string> patterns, ParserOptions? parser = null)
    {
        var loaded = new List<RuleFile>();
        var errors = new List<string>();
        foreach (var path in patterns.SelectMany(Expand).Distinct(StringComparer.Ordinal))
        {
            var result = RuleFileLoader.LoadFile(path, parser);
            if (result.Ok)
            {
                loaded.Add(result.File!);
            }
            else
            {
                errors.AddRange(result.Errors.Select(e => e.ToString()));
            }
        }
        return errors.Count == 0 ? loaded : throw new FormatException(string.Join("; ", errors));
    }

    private static IEnumerable<string> Expand(string pattern)
    {
        var name = Path.GetFileName(pattern);
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            // A plain name must exist: upstream reports a missing rule file as an error.
            return [pattern];
        }
        var dir = Path.GetDirectoryName(pattern) ?? ".";
        // Like filepath.Glob, a pattern matching nothing is no error.
        return Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal) : [];
    }

    private async Task RunGroupAsync(RuleGroup group, CancellationToken token)
    {
        try
        {
            await group.RunAsync(_time, token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One group failing must not stop the others or the server.
            _logger.Error("Rule group stopped", ("group", group.Options.Name), ("file", group.Options.File), ("err", e.Message));
        }
    }

    private async Task StopAsync()
    {
        await _running.CancelAsync();
        await Task.WhenAll(_loops);
        _running.Dispose();
        _loops = [];
    }

    /// <summary>Stops every group.</summary>
    public async ValueTask DisposeAsync()
    {
        await _swap.WaitAsync();
        try
        {
            await StopAsync();
        }
        finally
        {
            _swap.Release();
        }
        _metrics.Dispose();
        _concurrency?.Dispose();
    }
}
