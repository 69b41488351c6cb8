using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Samples.Scaffolding;

/// <summary>
/// Turns what can go wrong while a sample starts into one line for stderr and
/// an exit code: bad configuration is 2, an address that cannot be bound is 3.
/// Anything else is a bug, and keeps its stack trace.
/// </summary>
public static partial class StartupErrors
{
    public static (string Line, int ExitCode)? Describe(Exception exception) =>

        // A mistake of ours found while a library was reading configuration (YARP wraps what it meets).
        exception is not AggregateException && exception.InnerException is { } inner && Causes(inner).FirstOrDefault(e => e is StartupException or OptionsValidationException) is { } cause
            ? Describe(cause)
            : DescribeThis(exception);

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException all ? all.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var next in inner.SelectMany(Causes))
        {
            yield return next;
        }
    }

    private static (string Line, int ExitCode)? DescribeThis(Exception exception) => exception switch
    {
        StartupException ex => (ex.Message, 2),

        // ValidateOnStart: every failure of every options type, each naming its key.
        OptionsValidationException ex => ($"Configuration error: {string.Join("; ", ex.Failures)}", 2),

        // YARP validates the ReverseProxy section when the app starts; its reasons sit in the inner exceptions.
        InvalidOperationException ex when ex.Message.Contains("proxy configuration", StringComparison.OrdinalIgnoreCase) =>
            ($"Configuration error: ReverseProxy: {string.Join("; ", YarpReasons(ex))}", 2),

        // The configuration binder: a value that is not of the option's type ("abc" for a TimeSpan).
        InvalidOperationException ex when BinderFailure().Match(ex.Message) is { Success: true } m =>
            ($"Configuration error: {m.Groups["key"].Value}: {Quoted(m.Groups["value"].Value)}is not a valid {FriendlyType(m.Groups["type"].Value)}", 2),

        IOException ex when ex.InnerException is SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase) =>
            ($"Cannot listen (urls): {ex.Message} (is another copy of this sample running? change the port with --urls)", 3),

        // Several options types failed at once (ValidateOnStart): one line still, every reason in it.
        AggregateException ex when ex.InnerExceptions.Select(Describe).ToList() is var all && all.All(d => d is not null) =>
            (string.Join("; ", all.Select(d => d!.Value.Line)), all.Max(d => d!.Value.ExitCode)),
        _ => null,
    };

    private static IEnumerable<string> YarpReasons(InvalidOperationException ex) => ex is { InnerException: AggregateException all }
        ? all.InnerExceptions.Select(e => e.Message)
        : [ex.InnerException?.Message ?? ex.Message];

    private static string Quoted(string value) => value.Length == 0 ? string.Empty : $"'{value}' ";

    private static string FriendlyType(string type) => type[(type.LastIndexOf('.') + 1)..].TrimEnd(']', '`', '1');

    [GeneratedRegex(@"Failed to convert configuration value '(?<value>[^']*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'|Failed to convert configuration value at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BinderFailure();
}
