using Vigil.Model.Labels;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>A sample waiting in a shard, with the labels it will be sent under (external labels added, write relabelling applied).</summary>
public readonly record struct PendingSample(LabelSet Labels, long Timestamp, double Value);
