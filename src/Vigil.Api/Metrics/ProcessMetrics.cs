using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vigil.Api.Metrics;

/// <summary>
/// The standard <c>process_*</c> metrics every Prometheus-instrumented binary exposes, plus
/// <c>{program}_build_info</c>. Instruments live on meter <see cref="MeterName"/>.
/// </summary>
public sealed class ProcessMetrics : IDisposable
{
    /// <summary>The meter the instruments belong to.</summary>
    public const string MeterName = "Vigil.Process";

    private readonly Meter _meter = new(MeterName);

    /// <summary>Creates the instruments; <paramref name="program"/> names the build-info metric.</summary>
    public ProcessMetrics(string program, BuildInfo build)
    {
        var startTime = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        _meter.CreateObservableCounter("process_cpu_seconds_total", () => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            description: "Total user and system CPU time spent in seconds.");
        _meter.CreateObservableGauge("process_resident_memory_bytes", () => Environment.WorkingSet,
            description: "Resident memory size in bytes.");
        _meter.CreateObservableGauge("process_virtual_memory_bytes", () => Process.GetCurrentProcess().VirtualMemorySize64,
            description: "Virtual memory size in bytes.");
        _meter.CreateObservableGauge("process_start_time_seconds", () => startTime,
            description: "Start time of the process since unix epoch in seconds.");
        _meter.CreateObservableGauge("process_open_fds", OpenFds,
            description: "Number of open file descriptors.");
        _meter.CreateObservableGauge(program + "_build_info", () => new Measurement<int>(1, build.Tags()),
            description: $"A metric with a constant '1' value labeled by version, revision, branch, goversion from which {program} was built, and the goos and goarch for the build.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> OpenFds()
    {
        // Linux only, as in client_golang; elsewhere the series is simply absent.
        if (!Directory.Exists("/proc/self/fd"))
        {
            return [];
        }
        return [new Measurement<long>(Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount())];
    }
}
