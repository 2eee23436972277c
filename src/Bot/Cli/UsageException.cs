namespace Bot.Cli;

/// <summary>A mistake the user can fix (a missing file, a bad value): reported in one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
