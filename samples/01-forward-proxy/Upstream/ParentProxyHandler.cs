using System.Net;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Samples.ForwardProxy;

/// <summary>
/// Sits in front of the HttpClient handler while a parent proxy is configured. For a
/// request that goes through the parent it adds our own Proxy-Authorization (the
/// client's was for us, and never travels on), and turns a parent that is down,
/// refuses or rejects our credentials into a 502 that names the parent, so that
/// whoever reads it knows which machine to look at. Requests that go direct pass
/// through untouched.
/// </summary>
internal sealed class ParentProxyHandler(UpstreamProxy upstream) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        if (!upstream.IsViaParent(target.IdnHost))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (await upstream.ParentIsSelfAsync(cancellationToken))
        {
            return Answer(request, HttpStatusCode.LoopDetected, $"508 Loop Detected: ForwardProxy:Upstream:Address ({upstream.Parent}) is this proxy itself\n");
        }

        // A plain http:// request reaches the parent as it is (absolute form), so the credentials
        // ride on it, sent up front as Squid's cache_peer login= does: a 407 round trip would need
        // the body twice. An https:// request (from an inspected tunnel) travels inside a CONNECT
        // that HttpClient opens itself and authenticates with UpstreamProxy.Credentials; a header
        // set here would go inside that tunnel, to the origin.
        request.Headers.Remove(HeaderNames.ProxyAuthorization);
        if (upstream.ProxyAuthorization is { } credentials && target.Scheme == Uri.UriSchemeHttp)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.ProxyAuthorization, credentials);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError)
        {
            // Through a parent, the only connection this proxy opens is the one to the parent:
            // an origin that is down is the parent's 502, which arrives as a response.
            return Answer(request, HttpStatusCode.BadGateway, upstream.Problem($"could not be used ({ex.GetBaseException().Message})"));
        }

        if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
        {
            // The parent's 407 is about our credentials, not the client's: passed on, it would
            // make the client send its own password for us, which is never forwarded.
            response.Dispose();
            return Answer(request, HttpStatusCode.BadGateway, upstream.Problem("rejected our credentials (407): check ForwardProxy:Upstream:Credentials"));
        }

        return response;
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, HttpStatusCode status, string body) =>
        new(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
}
