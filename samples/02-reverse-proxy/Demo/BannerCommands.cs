namespace Samples.ReverseProxy.Demo;

/// <summary>
/// The ready-to-paste commands of the start-up banner. Each note follows a shell
/// comment sign, so that a whole line pasted into a shell runs as it reads.
/// </summary>
public static class BannerCommands
{
    public static IReadOnlyList<string> For(string proxy) =>
    [
        $"curl -s {proxy}/orders/whoami -H 'X-Forwarded-For: 6.6.6.6'   # what the backend saw",
        $"curl -s {proxy}/whoami -H 'Host: orders.localhost'",
        $"curl -si {proxy}/catalog/featured   # twice: Cache-Status miss, then hit",
        $"curl -si {proxy}/orders/slow   # 504 as problem details",
    ];
}
