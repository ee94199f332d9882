namespace Vigil.Cli;

/// <summary>
/// A command-line mistake. The message is what follows <c>vigil: error: </c>; callers print it
/// with <c>, try --help</c> and exit 1, as kingpin-based tools do.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
