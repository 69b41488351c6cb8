namespace Samples.Tests.Infrastructure;

/// <summary>Reads a cache's Cache-Status header (RFC 9211) off a response, the way a client sees it.</summary>
public static class CacheStatusExtensions
{
    /// <summary>The Cache-Status header as one string, or null when absent.</summary>
    public static string? CacheStatus(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? string.Join(", ", values) : null;
}
