using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Api.Alertmanager;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// Everything built from one config: the route tree and (as they land) inhibitor, receivers,
/// pipeline and dispatcher. Replaced as a whole on reload; disposing it stops its dispatcher.
/// </summary>
internal sealed class Generation : IAsyncDisposable
{
    private Generation(AlertmanagerConfig config) => Config = config;

    public AlertmanagerConfig Config { get; }

    public static Generation Build(AlertmanagerConfig config) => new(config);

    public IReadOnlyList<string> ReceiversFor(LabelSet labels) => RouteReceivers.For(Config.Route, labels);

    public AlertStatus StatusOf(Alert alert) =>
        // Nothing mutes yet (no inhibitor or silences wired): every alert is active.
        new(AlertState.Active, [], [], []);

    public IReadOnlyList<AlertGroupSnapshot> Groups(IEnumerable<Alert> alerts, DateTimeOffset now) => [];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
