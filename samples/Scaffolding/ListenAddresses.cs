using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Samples.Scaffolding;

/// <summary>
/// Checks the "urls" key before anything listens. Kestrel reads it only when it
/// starts: a typo there ends the run with a stack trace, and a port that is not
/// a number (http://127.0.0.1:abc) even makes it listen on every interface, on
/// port 80. One line naming the key is kinder.
/// </summary>
public static class ListenAddresses
{
    public static void Validate(IConfiguration configuration, string example)
    {
        var urls = configuration["urls"] ?? "";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsListenAddress(url))
            {
                throw StartupException.ForKey("urls", $"'{url}' is not a listen address (write it as {example}; separate several with ';')");
            }
        }
    }

    private static bool IsListenAddress(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        if (address.Port is < 0 or > 65535)
        {
            return false;
        }

        // Kestrel's wildcards are not host names a Uri accepts; any real host with a numeric port is.
        var host = address.Host is "*" or "+" ? url.Replace("://" + address.Host, "://localhost", StringComparison.Ordinal) : url;
        return Uri.TryCreate(host, UriKind.Absolute, out _);
    }
}
