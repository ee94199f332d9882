namespace Vigil.Alertmanager.Silences;

/// <summary>A silence that breaks a rule; the message is the one the API answers 400 with.</summary>
public sealed class InvalidSilenceException(string message) : Exception(message);

/// <summary>No silence has this id; the API answers 404.</summary>
public sealed class SilenceNotFoundException(string id) : Exception($"silence {id} not found")
{
    /// <summary>The id asked for.</summary>
    public string Id { get; } = id;
}
