using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Dispatch;

/// <summary>One aggregation group as <c>GET /api/v2/alerts/groups</c> shows it.</summary>
/// <param name="Labels">The group labels.</param>
/// <param name="Receiver">The receiver of the group's route.</param>
/// <param name="Route">The route that formed the group.</param>
/// <param name="GroupKey">Alertmanager's group key.</param>
/// <param name="Alerts">The group's alerts that passed the filter, in Alertmanager's alert order.</param>
public sealed record AlertGroupInfo(LabelSet Labels, string Receiver, Route Route, string GroupKey, IReadOnlyList<Alert> Alerts);

/// <summary>The answer of <see cref="Dispatcher.Groups"/>.</summary>
/// <param name="Groups">Groups with at least one alert passing the filter, ordered by labels then receiver.</param>
/// <param name="Receivers">For each listed alert, the sorted names of the receivers whose groups hold it.</param>
public sealed record DispatchGroups(
    IReadOnlyList<AlertGroupInfo> Groups,
    IReadOnlyDictionary<Fingerprint, IReadOnlyList<string>> Receivers);
