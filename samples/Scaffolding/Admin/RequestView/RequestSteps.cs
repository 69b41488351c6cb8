using System.Globalization;
using System.Security.Authentication;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// The path of one request as steps (client, the stages it met, the
/// destination, back), each with its verdict. Read from what every sample
/// already says in its answer and its features, the way the access logs and
/// the traces do (Telemetry.cs): TLS from the connection, authentication from
/// the user and 401/403/407, Cache-Status, 429, YARP's chosen destination and
/// the cluster's policy (or X-Destination), and where the request went. A
/// sample that knows more notes it on the record (01 names its filter rule).
/// </summary>
public static class RequestSteps
{
    public static List<RequestStep> Describe(HttpContext context, RequestRecord record, int status, double durationMs)
    {
        var response = context.Response;
        var forwarded = record.BackendHeaders is not null;
        var steps = new List<RequestStep>(8) { new("client", $"{context.Request.Method} from {context.Connection.RemoteIpAddress}") };

        if (context.Features.Get<ITlsHandshakeFeature>() is { } tls)
        {
            var client = context.Connection.ClientCertificate is { } certificate ? $", client certificate {certificate.Subject}" : string.Empty;
            steps.Add(new("tls", $"TLS {Version(tls.Protocol)} {tls.NegotiatedCipherSuite}{client}"));
        }

        if (Authentication(context, status, forwarded) is { } authentication)
        {
            steps.Add(authentication);
        }

        if (record.NoteFor("filter") is { } filter)
        {
            steps.Add(new("filter", filter));
        }
        else if (status == StatusCodes.Status403Forbidden && !forwarded && context.User.Identity?.IsAuthenticated != true)
        {
            steps.Add(new("filter", "blocked: 403 from the proxy"));
        }

        if (response.Headers["Cache-Status"] is { Count: > 0 } cacheStatus)
        {
            steps.Add(new("cache", CacheVerdict(cacheStatus.ToString())));
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            var retry = response.Headers.RetryAfter is { Count: > 0 } after ? $", retry after {after}" : string.Empty;
            steps.Add(new("rate limit", $"rejected: 429{retry}"));
        }

        if (LoadBalancer(context) is { } balancer)
        {
            steps.Add(balancer);
        }

        if (record.Attempts > 1)
        {
            steps.Add(new("failover", $"sent {record.Attempts} times: the last destination answered"));
        }

        if (status is >= 300 and < 400 && !forwarded && response.Headers.Location is { Count: > 0 } location)
        {
            steps.Add(new("redirect", $"{status} to {location}"));
        }

        steps.Add(new("destination", Destination(record)));
        steps.Add(new("back", $"{status} after {durationMs.ToString("0.0", CultureInfo.InvariantCulture)} ms"));
        return steps;
    }

    private static RequestStep? Authentication(HttpContext context, int status, bool forwarded)
    {
        var user = context.User.Identity;
        var name = context.User.FindFirst("sub")?.Value ?? user?.Name;
        var scheme = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme ?? user?.AuthenticationType;
        return status switch
        {
            StatusCodes.Status407ProxyAuthenticationRequired => new("authentication", "407: valid Proxy-Authorization needed"),
            StatusCodes.Status401Unauthorized when !forwarded => new("authentication", "401: no valid credentials"),
            StatusCodes.Status403Forbidden when !forwarded && user?.IsAuthenticated == true =>
                new("authorization", $"403: {name} lacks a claim the route requires"),
            _ when user?.IsAuthenticated == true => new("authentication", $"{scheme}: {name}"),
            _ => null,
        };
    }

    // "ForwardProxy; fwd=uri-miss; stored" → "fwd=uri-miss; stored": the cache's name is the same on every line.
    private static string CacheVerdict(string cacheStatus)
    {
        var parameters = cacheStatus.IndexOf(';', StringComparison.Ordinal);
        return parameters < 0 ? cacheStatus : cacheStatus[(parameters + 1)..].Trim();
    }

    private static RequestStep? LoadBalancer(HttpContext context)
    {
        if (context.Features.Get<IReverseProxyFeature>() is { ProxiedDestination: { } chosen } proxy)
        {
            var policy = proxy.Cluster.Config.LoadBalancingPolicy ?? "PowerOfTwoChoices";

            // The feature's own list is narrowed to the chosen one once the balancer ran; the cluster still knows them all.
            var available = proxy.Route.Cluster?.DestinationsState.AvailableDestinations.Count ?? 1;
            return new("load balancer", available > 1
                ? $"destination {chosen.DestinationId}, {Words(policy)}, of {available} available"
                : $"destination {chosen.DestinationId}, the only one available");
        }

        return context.Response.Headers["X-Destination"] is { Count: > 0 } header
            ? new("load balancer", $"destination {header}")
            : null;
    }

    private static string Destination(RequestRecord record) => record switch
    {
        { BackendUri: { } uri, BackendStatus: { } answered } => $"{uri} answered {answered}",
        { BackendUri: { } uri, ForwarderError: { } error } when error != ForwarderError.None => $"{uri} failed: {error}",
        { BackendUri: { } uri } => $"{uri}",
        _ => "not contacted: the proxy answered itself",
    };

    private static string Version(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "1.3",
        SslProtocols.Tls12 => "1.2",
        _ => protocol.ToString(),
    };

    // "LeastRequests" → "least requests", as a sentence would say it.
    private static string Words(string pascalCase)
    {
        var words = new StringBuilder(pascalCase.Length + 4);
        foreach (var c in pascalCase)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
