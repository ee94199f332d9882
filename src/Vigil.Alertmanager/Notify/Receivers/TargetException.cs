namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>The destination (URL, token file) could not be determined; the message names the field, never the secret.</summary>
public sealed class TargetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TargetException(string message, string meaning)
        : base(message) => Meaning = meaning;

    /// <summary>What the user should do.</summary>
    public string Meaning { get; }
}
