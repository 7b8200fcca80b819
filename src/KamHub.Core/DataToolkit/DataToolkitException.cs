namespace KamHub.Core.DataToolkit;

/// <summary>
/// The data toolkit could not run: a bad connection string, an unknown module, an unreachable server, a target that
/// is not empty. The message is one line naming the problem; the CLI prints it and exits with code 2.
/// </summary>
public sealed class DataToolkitException(string message, Exception? inner = null) : Exception(message, inner);
