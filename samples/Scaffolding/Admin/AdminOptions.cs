using Microsoft.Extensions.Options;

namespace Samples.Scaffolding.Admin;

/// <summary>
/// The "Admin" section: the separate loopback address where a sample shows its
/// recent requests and its metrics. Never the proxy's own listener, so neither
/// the proxy's clients nor anything reached through it can see this.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>false: no admin address at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Loopback http:// addresses, separated by ';' (each sample's appsettings.json: http://127.0.0.1:90NN).
    /// Unset (no appsettings.json in the content root): a port the OS picks, printed in the banner.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>How many recent requests the live view keeps (a fixed ring).</summary>
    public int Keep { get; set; } = 200;

    /// <summary>At most this many requests a second are recorded for the live view; the rest pass unrecorded (it samples under load).</summary>
    public int RecordPerSecond { get; set; } = 200;

    /// <summary>Header names whose values the view shows as &lt;redacted&gt;.</summary>
    public List<string> RedactHeaders { get; set; } = [];

    /// <summary>The names redacted when the setting lists none.</summary>
    public static readonly IReadOnlyList<string> DefaultRedactHeaders = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"];

    /// <summary>The redaction list in force.</summary>
    public IReadOnlyList<string> Redacted => RedactHeaders.Count > 0 ? RedactHeaders : DefaultRedactHeaders;

    /// <summary>The listen addresses, split.</summary>
    public IReadOnlyList<string> Addresses =>
        string.IsNullOrWhiteSpace(Urls) ? ["http://127.0.0.1:0"] : Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Bad admin settings stop start-up with one line naming the key.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        foreach (var address in options.Addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
                || !(uri.IsLoopback || uri.Host == "localhost") || uri.AbsolutePath != "/")
            {
                return ValidateOptionsResult.Fail($"Admin:Urls: '{address}' is not a loopback http:// address such as http://127.0.0.1:9001");
            }
        }

        if (options.Keep is < 1 or > 100_000)
        {
            return ValidateOptionsResult.Fail($"Admin:Keep: {options.Keep} is out of range; give a number of requests from 1 to 100000");
        }

        if (options.RecordPerSecond is < 1 or > 1_000_000)
        {
            return ValidateOptionsResult.Fail($"Admin:RecordPerSecond: {options.RecordPerSecond} is out of range; give a number of requests a second from 1 to 1000000");
        }

        return ValidateOptionsResult.Success;
    }
}
