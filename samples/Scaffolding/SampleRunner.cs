using Microsoft.Extensions.Options;

namespace Samples.Scaffolding;

/// <summary>
/// Runs a sample's main body so that bad configuration ends with one clear
/// line on stderr and a non-zero exit code, never a stack trace alone.
/// </summary>
public static class SampleRunner
{
    /// <summary>True when the first argument is "demo" (the scripted tour).</summary>
    public static bool IsDemo(string[] args) => args.Length > 0 && string.Equals(args[0], "demo", StringComparison.OrdinalIgnoreCase);

    /// <summary>The arguments without the leading "demo" word, for the configuration system.</summary>
    public static string[] ConfigArgs(string[] args) => IsDemo(args) ? args[1..] : args;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("proxy configuration", StringComparison.OrdinalIgnoreCase))
        {
            // YARP validates the ReverseProxy section when the app starts; its reasons sit in the inner exceptions.
            var reasons = ex is { InnerException: AggregateException all }
                ? all.InnerExceptions.Select(e => e.Message)
                : [ex.InnerException?.Message ?? ex.Message];
            await Console.Error.WriteLineAsync($"Configuration error: ReverseProxy: {string.Join("; ", reasons)}");
            return 2;
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Cannot listen: {ex.Message} (is another copy of this sample running? change the port with --urls)");
            return 3;
        }
    }
}
