using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// A scrape target whose metrics the test changes while Vigil and Prometheus both scrape it. <c>/metrics</c>
/// serves the gauges set so far and a counter that grows at the current rate (computed at scrape time, so
/// its rate is the configured one whenever a scraper asks); <c>/flaky/metrics</c> serves one gauge or,
/// while <see cref="FlakyDown"/>, answers 503 so that target's <c>up</c> is 0.
/// </summary>
public sealed class ScriptedTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _gauges = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _counter;
    private double _counterRate;
    private TimeSpan _counterSince;

    private ScriptedTarget(WebApplication app)
    {
        _app = app;
    }

    /// <summary><c>127.0.0.1:port</c>: the <c>instance</c> label both servers give this target.</summary>
    public string Address { get; private set; } = "";

    /// <summary>While true, <c>/flaky/metrics</c> fails (the flaky job's <c>up</c> is 0).</summary>
    public bool FlakyDown { get; set; }

    /// <summary>Starts on a free loopback port.</summary>
    public static async Task<ScriptedTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var target = new ScriptedTarget(app);
        app.Run(target.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        target.Address = new Uri(address).Authority;
        return target;
    }

    /// <summary>Sets a gauge line, e.g. <c>queue_depth{queue="orders"}</c>, to <paramref name="value"/>.</summary>
    public void Set(string series, double value)
    {
        lock (_gate)
        {
            _gauges[series] = value;
        }
    }

    /// <summary>Stops exposing <paramref name="series"/> (the scrapers mark it stale).</summary>
    public void Remove(string series)
    {
        lock (_gate)
        {
            _gauges.Remove(series);
        }
    }

    /// <summary>From now on <c>requests_total</c> grows by <paramref name="perSecond"/>.</summary>
    public void SetRequestRate(double perSecond)
    {
        lock (_gate)
        {
            _counter = CounterNow();
            _counterSince = _clock.Elapsed;
            _counterRate = perSecond;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private double CounterNow() => _counter + (_counterRate * (_clock.Elapsed - _counterSince).TotalSeconds);

    private Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/flaky/metrics")
        {
            if (FlakyDown)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return context.Response.WriteAsync("down on purpose\n", context.RequestAborted);
            }
            return Write(context, "# TYPE flaky_heartbeat gauge\nflaky_heartbeat 1\n");
        }
        return Write(context, Exposition());
    }

    private string Exposition()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            text.Append("# TYPE requests_total counter\n");
            text.Append(CultureInfo.InvariantCulture, $"requests_total {CounterNow():0.###}\n");
            foreach (var (series, value) in _gauges.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{series} {value:R}\n");
            }
        }
        return text.ToString();
    }

    private static Task Write(HttpContext context, string body)
    {
        context.Response.ContentType = "text/plain; version=0.0.4";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
