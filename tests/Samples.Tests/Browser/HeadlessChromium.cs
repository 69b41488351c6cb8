namespace Samples.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, in a throw-away profile, pointed at a proxy.
/// Chromium sends loopback addresses (127.0.0.1, localhost, *.localhost)
/// around any proxy unless told otherwise; <c>--proxy-bypass-list=&lt;-loopback&gt;</c>
/// removes that built-in exception, which is the one flag a learner needs to
/// try the suite's loopback demos in a browser.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>Every run is killed after this long, so a hung browser cannot hang the suite.</summary>
    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Loads <paramref name="url"/> through the proxy at <paramref name="proxy"/>
    /// and returns the page's DOM as Chromium serialised it (--dump-dom).
    /// </summary>
    public static Task<ClientRun> DumpDomAsync(Uri proxy, Uri url, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default) =>
        RunAsync(ManualProxy(proxy), url, ["--dump-dom"], extraArguments, cancellationToken);

    /// <summary>
    /// Loads <paramref name="url"/> straight, through no proxy at all (--no-proxy-server), and
    /// returns the page's DOM once it has loaded and its scripts have run: for pages a sample
    /// serves itself, such as the live request view on its admin address.
    /// </summary>
    public static Task<ClientRun> DumpDomDirectAsync(Uri url, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default) =>
        RunAsync(["--no-proxy-server"], url, ["--dump-dom"], extraArguments, cancellationToken);

    /// <summary>
    /// Loads <paramref name="url"/> with the proxy settings Chromium reads from the PAC file at
    /// <paramref name="pacUrl"/> (--proxy-pac-url) and returns the page's DOM. With a PAC file
    /// Chromium sends loopback names (localhost, *.localhost, 127.0.0.0/8, [::1]) direct
    /// whatever the script says, and no flag changes that.
    /// </summary>
    public static Task<ClientRun> DumpDomWithPacAsync(Uri pacUrl, Uri url, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default) =>
        RunAsync(["--proxy-pac-url=" + pacUrl], url, ["--dump-dom"], extraArguments, cancellationToken);

    /// <summary>
    /// Loads <paramref name="url"/> through the proxy and returns a screenshot of
    /// the window (<paramref name="width"/> x <paramref name="height"/>), or null
    /// when Chromium wrote none.
    /// </summary>
    public static async Task<(ClientRun Run, byte[]? Png)> ScreenshotAsync(Uri proxy, Uri url, int width, int height, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("samples-screenshot-");
        try
        {
            var path = Path.Combine(folder.FullName, "page.png");
            var run = await RunAsync(ManualProxy(proxy), url, ["--hide-scrollbars", $"--window-size={width},{height}", "--screenshot=" + path], null, cancellationToken);
            return (run, File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null);
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    // A proxy set by hand, with the one bypass-list entry that sends loopback through it too.
    private static string[] ManualProxy(Uri proxy) => [$"--proxy-server=http://{proxy.Authority}", "--proxy-bypass-list=<-loopback>"];

    private static async Task<ClientRun> RunAsync(string[] proxyArguments, Uri url, string[] mode, IEnumerable<string>? extraArguments, CancellationToken cancellationToken)
    {
        var chromium = RealClient.Require("chromium", "chromium");
        var profile = Directory.CreateTempSubdirectory("samples-chromium-");
        try
        {
            string[] arguments =
            [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile.FullName,
                .. proxyArguments,
                .. extraArguments ?? [],
                .. mode,
                url.ToString(),
            ];
            return await RealClient.RunAsync(chromium, arguments, RunLimit, cancellationToken: cancellationToken);
        }
        finally
        {
            DeleteFolder(profile);
        }
    }

    // Chromium's helper processes may still be closing files when the main one exits;
    // a folder left in /tmp is harmless, a test failing on it is not.
    private static void DeleteFolder(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// The flag that makes Chromium accept exactly this one certificate (by the
    /// SHA-256 of its public key), and nothing else it could not verify.
    /// </summary>
    public static string TrustOnly(X509Certificate2 certificate) =>
        "--ignore-certificate-errors-spki-list=" +
        Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
}
