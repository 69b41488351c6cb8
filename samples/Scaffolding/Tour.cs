using System.Net.Http.Headers;

namespace Samples.Scaffolding;

/// <summary>
/// The scripted tour behind "dotnet run -- demo": numbered steps, what the
/// client saw, what the backend saw, and a check per claim. The exit code is
/// non-zero when any claim did not hold.
/// </summary>
public sealed class Tour
{
    private readonly TextWriter _out;
    private int _step;
    private int _failures;
    private int _checks;

    public Tour(string title, TextWriter? output = null)
    {
        _out = output ?? Console.Out;
        _out.WriteLine();
        _out.WriteLine($"##### {title} #####");
    }

    public int Failures => _failures;

    public int ExitCode => _failures == 0 ? 0 : 1;

    public void Step(string title, string? why = null)
    {
        _step++;
        _out.WriteLine();
        _out.WriteLine($"--- Step {_step}: {title}");
        if (why is not null)
        {
            _out.WriteLine($"    {why}");
        }
    }

    public void Note(string text) => _out.WriteLine($"    {text}");

    /// <summary>Prints the status line and the named headers of a response.</summary>
    public void Client(HttpResponseMessage response, params string[] headers)
    {
        _out.WriteLine($"    client saw:  {(int)response.StatusCode} {response.ReasonPhrase}");
        foreach (var name in headers)
        {
            var value = HeaderValue(response, name);
            if (value is not null)
            {
                _out.WriteLine($"      {name}: {value}");
            }
        }
    }

    /// <summary>Prints a request as a backend saw it, with the named headers (all of them when none are named).</summary>
    public void Backend(SeenRequest? seen, params string[] headers)
    {
        if (seen is null)
        {
            _out.WriteLine("    backend saw: nothing (the request never reached a backend)");
            return;
        }

        _out.WriteLine($"    backend '{seen.Backend}' saw: {seen.Method} {seen.PathAndQuery} {seen.Protocol} from {seen.RemoteAddress}");
        var names = headers.Length > 0 ? headers : [.. seen.Headers.Keys];
        foreach (var name in names)
        {
            _out.WriteLine($"      {name}: {seen.Header(name) ?? "(absent)"}");
        }
    }

    public bool Check(bool holds, string claim)
    {
        _checks++;
        if (!holds)
        {
            _failures++;
        }

        _out.WriteLine($"    [{(holds ? "ok" : "FAILED")}] {claim}");
        return holds;
    }

    public int Finish()
    {
        _out.WriteLine();
        _out.WriteLine(_failures == 0
            ? $"Tour finished: all {_checks} checks held."
            : $"Tour finished: {_failures} of {_checks} checks did not hold.");
        return ExitCode;
    }

    public static string? HeaderValue(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values)
            || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    public static string? HeaderValue(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
