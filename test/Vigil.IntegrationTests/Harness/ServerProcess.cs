using System.Diagnostics;

namespace Vigil.IntegrationTests.Harness;

/// <summary>A long-running HTTP server under test (Alertmanager, Prometheus, Vigil): its process,
/// its base URL and a temp directory for its config and storage, all cleaned up on dispose.</summary>
public class ServerProcess : IAsyncDisposable
{
    /// <summary>How long a server may take from start to ready; generous for a loaded 2-core CI box.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    protected ServerProcess(string name, ManagedProcess process, string listenAddress, TempDirectory dir)
    {
        Name = name;
        Process = process;
        ListenAddress = listenAddress;
        BaseUrl = "http://" + listenAddress;
        Dir = dir;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>What is running, for messages ("alertmanager 0.25", "vigil").</summary>
    public string Name { get; }

    public ManagedProcess Process { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string ListenAddress { get; }

    public string BaseUrl { get; }

    public TempDirectory Dir { get; }

    /// <summary>A client with <see cref="BaseUrl"/> as its base address.</summary>
    public HttpClient Http { get; }

    /// <summary>The process output, for assertion messages.</summary>
    public string Diagnostics() => Process.Diagnostics();

    /// <summary>Polls <c>/-/ready</c> until it answers 200; fails at once with the output if the process exits.</summary>
    public async Task WaitReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited before becoming ready\n{Diagnostics()}");
            }

            if (await IsReadyAsync())
            {
                return;
            }

            if (clock.Elapsed > StartDeadline)
            {
                throw new TimeoutException($"{Name} not ready after {StartDeadline.TotalSeconds}s\n{Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Http.Dispose();
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/-/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
