namespace Samples.ForwardProxy;

/// <summary>
/// The ready-to-paste commands of the start-up banner. They follow the settings the
/// proxy really runs with, so that each one works as printed: with users configured,
/// curl is told to authenticate (it asks for the password rather than the banner
/// printing it); without the demo origins, only requests the proxy answers itself.
/// </summary>
public static class BannerCommands
{
    /// <summary>The commands; <paramref name="plainPort"/> and <paramref name="httpsPort"/> are the demo origins' real ports.</summary>
    public static IReadOnlyList<string> For(
        string proxy,
        ProxyAuthentication authentication,
        bool demoOrigins,
        string? originPemPath,
        int plainPort = DemoOrigins.PlainPortA,
        int httpsPort = DemoOrigins.HttpsPort)
    {
        var user = authentication.UserNames.FirstOrDefault();
        var curl = user is null
            ? $"curl -i -x {proxy} --noproxy ''"
            : $"curl -i -x {proxy} --noproxy '' --proxy-user {user}";
        if (!demoOrigins)
        {
            return
            [
                $"curl -i {proxy}/   # what this proxy is, and how to point clients at it",
                $"{curl} {proxy}/   # the proxy asked to fetch itself: 508",
                $"{curl} http://ads.tracker.localhost/   # 403 while Filter:BlockedHosts has *.tracker.localhost",
            ];
        }

        return
        [
            $"{curl} http://127.0.0.1:{plainPort}/hello",
            $"{curl} http://ads.tracker.localhost/",
            $"{curl} --cacert {originPemPath} https://127.0.0.1:{httpsPort}/secret",
            $"chromium --proxy-server={proxy} --proxy-bypass-list='<-loopback>' --disable-background-networking --user-data-dir=$(mktemp -d) http://127.0.0.1:{plainPort}/",
        ];
    }
}
