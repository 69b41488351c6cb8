using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Samples.Scaffolding.HopByHop;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.ForwardProxy;

/// <summary>
/// Decides what the origin learns about the client and about the proxy, and
/// strips hop-by-hop headers both ways. YARP's default transformer copies the
/// headers; this one then takes away what must not travel:
/// <list type="bullet">
/// <item>Transparent: the client's address is appended to X-Forwarded-For (as Squid's forwarded_for on) and Via names the proxy.</item>
/// <item>Anonymous: every client-identifying header is removed, including any the client forged; Via names the proxy.</item>
/// <item>Elite: those are removed and there is no Via either, not even one the client brought.</item>
/// </list>
/// </summary>
public sealed class AnonymityTransformer(IOptions<ForwardProxyOptions> settings) : HttpTransformer
{
    private readonly AnonymityLevel _anonymity = settings.Value.Anonymity;
    private readonly IReadOnlyList<string> _removeRequestHeaders = [.. settings.Value.RemoveRequestHeaders.Values()];

    /// <summary>The Via entry this proxy adds (RFC 9110 §7.6.3): protocol version and a pseudonym, never a host name.</summary>
    public const string ViaPseudonym = "samples-forward-proxy";

    public static readonly IReadOnlyList<string> ClientIdentifyingHeaders =
        ["X-Forwarded-For", "Forwarded", "X-Real-IP", "Client-IP", "True-Client-IP", "X-Client-IP"];

    public override async ValueTask TransformRequestAsync(HttpContext context, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(context, proxyRequest, destinationPrefix, cancellationToken);

        // The target is exactly what the client asked for; the Host header follows from it.
        proxyRequest.RequestUri = context.Features.GetRequiredFeature<ProxyRequestFeature>().Target;
        proxyRequest.Headers.Host = null;

        foreach (var name in HopByHopHeaders.For(ConnectionHeaderNames.RequestConnection(context)).Concat(_removeRequestHeaders))
        {
            Remove(proxyRequest, name);
        }

        var via = $"{context.Request.Protocol.Replace("HTTP/", string.Empty, StringComparison.Ordinal)} {ViaPseudonym}";
        switch (_anonymity)
        {
            case AnonymityLevel.Transparent:
                var client = context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) : IPAddress.None;
                Append(proxyRequest, "X-Forwarded-For", context.Request.Headers["X-Forwarded-For"], client.ToString());
                Append(proxyRequest, HeaderNames.Via, context.Request.Headers.Via, via);
                break;
            case AnonymityLevel.Anonymous:
                RemoveIdentifying(proxyRequest);
                Append(proxyRequest, HeaderNames.Via, context.Request.Headers.Via, via);
                break;
            case AnonymityLevel.Elite:
                RemoveIdentifying(proxyRequest);
                Remove(proxyRequest, HeaderNames.Via);
                break;
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext context, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(context, proxyResponse, cancellationToken);
        if (proxyResponse is null)
        {
            return proceed;
        }

        var connection = proxyResponse.Headers.TryGetValues(HeaderNames.Connection, out var values) ? values.ToArray() : [];
        foreach (var name in HopByHopHeaders.For(connection))
        {
            context.Response.Headers.Remove(name);
        }

        if (_anonymity != AnonymityLevel.Elite)
        {
            var via = $"{proxyResponse.Version.Major}.{proxyResponse.Version.Minor} {ViaPseudonym}";
            var existing = context.Response.Headers.Via.ToString();
            context.Response.Headers.Via = existing.Length == 0 ? via : $"{existing}, {via}";
        }

        return proceed;
    }

    private static void RemoveIdentifying(HttpRequestMessage request)
    {
        foreach (var name in ClientIdentifyingHeaders)
        {
            Remove(request, name);
        }
    }

    private static void Append(HttpRequestMessage request, string name, string? existing, string value)
    {
        Remove(request, name);
        request.Headers.TryAddWithoutValidation(name, string.IsNullOrWhiteSpace(existing) ? value : $"{existing}, {value}");
    }

    // HttpRequestMessage keeps content headers (Content-Type, ...) apart and throws when
    // one is removed from the wrong collection, so ask each collection whether it has it.
    private static void Remove(HttpRequestMessage request, string name)
    {
        if (request.Headers.NonValidated.Contains(name))
        {
            request.Headers.Remove(name);
        }

        if (request.Content is not null && request.Content.Headers.NonValidated.Contains(name))
        {
            request.Content.Headers.Remove(name);
        }
    }
}
