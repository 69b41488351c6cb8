using System.Collections.Concurrent;

namespace Samples.ReverseProxy;

/// <summary>
/// The request headers each route's backend has said, in <c>Vary</c>, that its
/// answers depend on. The output cache builds its key before the backend
/// answers, so the first answer that names a new header is not stored: the
/// proxy learns the name, and from the next request on the key holds that
/// header's value, one entry per variant (RFC 9111 §4.1), as nginx keeps one
/// per Vary value.
/// </summary>
public sealed class BackendVaryTable
{
    /// <summary>A backend that varies on more headers than this is not cached at all (the key would be all headers).</summary>
    public const int MaxNames = 16;

    private readonly ConcurrentDictionary<string, string[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> For(string route) => _names.TryGetValue(route, out var names) ? names : [];

    public void Learn(string route, IEnumerable<string> names) =>
        _names.AddOrUpdate(route, static (_, names) => Capped(names), static (_, known, names) => Capped(known.Union(names, StringComparer.OrdinalIgnoreCase)), names);

    private static string[] Capped(IEnumerable<string> names)
    {
        var all = names.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        return all.Length <= MaxNames ? all : all[..MaxNames];
    }
}
