namespace Samples.Scaffolding;

/// <summary>Thrown for bad configuration: the message names the key and the problem.</summary>
public sealed class StartupException(string message) : Exception(message)
{
    public static StartupException ForKey(string key, string problem) =>
        new($"Configuration error: {key}: {problem}");
}
