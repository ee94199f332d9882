using Vigil.Alertmanager.Alerts;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>The silence stage's muter: asks the store and records <c>silencedBy</c> on the marker.</summary>
public sealed class Silencer(SilenceStore silences, IAlertMarker marker) : IAlertMuter
{
    /// <inheritdoc />
    public bool Mutes(LabelSet labels)
    {
        var ids = silences.Mutes(labels);
        marker.SetSilenced(labels.Fingerprint, ids);
        return ids.Count > 0;
    }
}
