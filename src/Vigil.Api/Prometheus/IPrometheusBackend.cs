using Vigil.PromQL.Engine;
using Vigil.Storage;

namespace Vigil.Api.Prometheus;

/// <summary>
/// What the Prometheus HTTP API needs from the running server: the storage, the query engine and
/// a few facts for the status endpoints. The composition root implements it, so handlers stay free
/// of lifecycle concerns (which storage, how config reloads).
/// </summary>
public interface IPrometheusBackend
{
    /// <summary>The storage queries read and remote write appends to.</summary>
    IStorage Storage { get; }

    /// <summary>
    /// What one query or series/label lookup reads: <see cref="Storage"/>, merged with any <c>remote_read</c>
    /// endpoints by hosts that have them. Problems that do not fail the request (an unreachable remote) are
    /// added to <paramref name="warnings"/> for the response; <paramref name="cancellation"/> (the query's deadline or
    /// the client going away) bounds any remote reads.
    /// </summary>
    IStorage QueryStorage(ICollection<string> warnings, CancellationToken cancellation = default) => Storage;

    /// <summary>Where <c>/api/v1/query_exemplars</c> reads; null when the server keeps no exemplars.</summary>
    Vigil.Storage.Exemplars.IExemplarQuerier? Exemplars => null;

    /// <summary>The engine, configured from <c>--query.*</c> flags.</summary>
    QueryEngine Engine { get; }

    /// <summary>The server-side query timeout (<c>--query.timeout</c>); a request's <c>timeout</c> can only shorten it.</summary>
    TimeSpan QueryTimeout { get; }

    /// <summary>The clock (default <c>time</c> of instant queries).</summary>
    TimeProvider Time { get; }

    /// <summary>When the process started (<c>runtimeinfo.startTime</c>).</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>Every command-line flag with its effective value (<c>/api/v1/status/flags</c>).</summary>
    IReadOnlyDictionary<string, string> Flags { get; }

    /// <summary>Facts for <c>/api/v1/status/runtimeinfo</c> that only the host knows.</summary>
    RuntimeFacts Runtime { get; }
}

/// <summary>Host facts shown by <c>/api/v1/status/runtimeinfo</c>.</summary>
/// <param name="StorageRetention">The retention as upstream prints it, e.g. <c>15d</c>.</param>
/// <param name="ReloadConfigSuccess">Whether the last config load succeeded.</param>
/// <param name="LastConfigTime">When the config was last loaded successfully.</param>
/// <param name="CorruptionCount">WAL corruptions repaired at start-up.</param>
public sealed record RuntimeFacts(string StorageRetention, bool ReloadConfigSuccess, DateTimeOffset LastConfigTime, long CorruptionCount = 0);
