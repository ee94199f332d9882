namespace Vigil.IntegrationTests.Harness;

/// <summary>
/// Tests that load the machine hard (kill -9 loops: restarts, fsync storms, thousands of requests) run in this
/// collection, which xunit runs after the parallel ones with nothing beside it. Next to them, the timing-sensitive
/// tests (differential scenarios compared within 1 s, end-to-end waits) saw their peers' flushes delayed by
/// seconds of disk and CPU contention on a 2-core CI machine, which is noise, not a behaviour difference.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    /// <summary>The collection name to put in <c>[Collection(...)]</c>.</summary>
    public const string Name = "runs alone (loads the machine)";
}
