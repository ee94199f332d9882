using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Alerts;

/// <summary>
/// Remembers, per alert fingerprint, whether it is silenced or inhibited and by what. The
/// notification pipeline writes it; the API reads it.
/// </summary>
public interface IAlertMarker
{
    /// <summary>Records the silences muting an alert (empty = not silenced).</summary>
    void SetSilenced(Fingerprint alert, IReadOnlyList<string> silenceIds);

    /// <summary>Records the alerts inhibiting an alert (empty = not inhibited).</summary>
    void SetInhibited(Fingerprint alert, IReadOnlyList<string> inhibitingAlerts);

    /// <summary>The current status of an alert.</summary>
    AlertStatus Status(Fingerprint alert);

    /// <summary>Forgets an alert that is gone (garbage collected).</summary>
    void Delete(Fingerprint alert);
}

/// <summary>Something that can mute alerts by their labels (inhibitor, silencer).</summary>
public interface IAlertMuter
{
    /// <summary>Whether the alert with these labels is muted now; updates the marker as a side effect.</summary>
    bool Mutes(LabelSet labels);
}
