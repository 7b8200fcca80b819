namespace KamHub.Cli;

/// <summary>A problem the user can fix: printed as one line (the problem and the fix), exit code 2, no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
