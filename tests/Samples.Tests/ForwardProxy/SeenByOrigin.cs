namespace Samples.Tests.ForwardProxy;

/// <summary>One request as the HTTPS origin saw it.</summary>
public sealed record SeenByOrigin(string Path, string RemoteAddress, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
