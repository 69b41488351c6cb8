using System.Globalization;
using System.Text.Json;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// The page, from RequestViewPage.html beside this file (embedded in the
/// assembly): one self-contained file, its CSS and script inline, nothing
/// fetched from anywhere else.
/// </summary>
public static class RequestViewPage
{
    private static readonly string Template = Load();

    /// <summary>
    /// The page with what the ring holds now (and the destinations' spread) written into it, so it shows the recent requests as
    /// soon as it loads; the live feed adds the rest. System.Text.Json escapes &lt; and &gt;, so no
    /// header value can close the script element it sits in.
    /// </summary>
    public static string Render(RequestRing ring, IReadOnlyList<DestinationShare> destinations) => Template
        .Replace("/*INITIAL*/[]", JsonSerializer.Serialize(ring.Snapshot(), RequestViewJson.Default.IReadOnlyListRecordedRequest), StringComparison.Ordinal)
        .Replace("/*DESTINATIONS*/[]", JsonSerializer.Serialize(destinations, RequestViewJson.Default.IReadOnlyListDestinationShare), StringComparison.Ordinal)
        .Replace("/*KEEP*/200", ring.Keep.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Load()
    {
        using var stream = typeof(RequestViewPage).Assembly.GetManifestResourceStream("Samples.Scaffolding.Admin.RequestView.RequestViewPage.html")
            ?? throw new InvalidOperationException("RequestViewPage.html is not embedded in Samples.Scaffolding");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
