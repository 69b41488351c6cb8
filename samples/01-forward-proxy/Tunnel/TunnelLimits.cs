using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Samples.ForwardProxy;

/// <summary>
/// The keys of "Kestrel:Limits" that also bound CONNECT tunnels, read into a
/// type of our own and copied onto Kestrel's limits: binding Kestrel's whole
/// options type would tie this sample to every property Kestrel has. A key
/// left out keeps Kestrel's default.
/// </summary>
public sealed class TunnelLimits
{
    public const string Section = "Kestrel:Limits";

    /// <summary>How long a tunnel (or a kept-alive connection) may sit idle.</summary>
    public TimeSpan? KeepAliveTimeout { get; set; }

    /// <summary>How long a CONNECT head (or any request head) may take to arrive.</summary>
    public TimeSpan? RequestHeadersTimeout { get; set; }

    /// <summary>Longest request line: a longer CONNECT line is answered 414.</summary>
    public int? MaxRequestLineSize { get; set; }

    /// <summary>Most header bytes: a larger CONNECT head is answered 431.</summary>
    public int? MaxRequestHeadersTotalSize { get; set; }

    public void ApplyTo(KestrelServerLimits limits)
    {
        limits.KeepAliveTimeout = KeepAliveTimeout ?? limits.KeepAliveTimeout;
        limits.RequestHeadersTimeout = RequestHeadersTimeout ?? limits.RequestHeadersTimeout;
        limits.MaxRequestLineSize = MaxRequestLineSize ?? limits.MaxRequestLineSize;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize ?? limits.MaxRequestHeadersTotalSize;
    }
}
