using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Samples.LoadBalancing.Settings;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Samples.LoadBalancing.Failover;

/// <summary>
/// Retries a request once on another healthy destination when the first one
/// failed before sending a single response byte (connection refused, reset,
/// closed before the status line). YARP forwards each request exactly once,
/// so this step is written by hand; it sits in YARP's proxy pipeline after
/// load balancing and runs the rest of the pipeline (passive health checks,
/// then the forwarder) a second time with the new destination.
/// </summary>
/// <remarks>
/// The rule is nginx's proxy_next_upstream: a request that never reached the
/// first backend (the connection was refused or could not be made) goes to the
/// next one whatever its method, since nothing can have acted on it. A request
/// that was sent goes again only if its method is idempotent (GET, HEAD,
/// OPTIONS, PUT, DELETE, TRACE): the first backend may have acted on it before
/// the connection broke, and sending a POST twice could order, pay or post
/// twice. A request body is replayed only when it is small enough to keep in memory.
/// </remarks>
public sealed partial class FailoverMiddleware(
    RequestDelegate next,
    IOptions<LoadBalancingOptions> settings,
    IEnumerable<ILoadBalancingPolicy> policies,
    ILogger<FailoverMiddleware> logger)
{
    private readonly Dictionary<string, ILoadBalancingPolicy> _policies =
        policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var options = settings.Value;
        if (!options.RetryIdempotentRequests)
        {
            await next(context);
            return;
        }

        var idempotent = IsIdempotent(request.Method);
        var replayable = PrepareBodyForReplay(request, options.MaxRetryBodyBytes);
        await next(context);

        // Retry only a failure that happened before any response byte reached the client.
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error?.Error != ForwarderError.Request || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        var failed = proxy.ProxiedDestination;
        var cluster = proxy.Route.Cluster;
        if (failed is null || cluster is null)
        {
            return;
        }

        var reason = error.Exception?.InnerException?.Message ?? error.Exception?.Message ?? error.Error.ToString();
        if (!idempotent && !NeverSent(error.Exception))
        {
            LogNotIdempotent(logger, request.Method, request.Path, failed.DestinationId, reason);
            return;
        }

        if (!replayable)
        {
            LogBodyNotReplayable(logger, request.Method, request.Path, failed.DestinationId, reason);
            return;
        }

        // Ask the cluster's own policy again, among the healthy destinations other than the one that failed.
        // (YARP has already refused a configuration whose policy name is unknown.)
        var candidates = cluster.DestinationsState.AvailableDestinations.Where(d => d != failed).ToList();
        var policy = _policies[proxy.Cluster.Config.LoadBalancingPolicy ?? LoadBalancingPolicies.PowerOfTwoChoices];
        var second = candidates.Count == 0 ? null : policy.PickDestination(context, cluster, candidates);
        if (second is null)
        {
            LogNoOtherDestination(logger, request.Method, request.Path, failed.DestinationId, reason);
            return;
        }

        LogRetrying(logger, request.Method, request.Path, failed.DestinationId, reason, second.DestinationId);
        context.Features.Set<FailoverFeature>(new FailoverFeature(failed.DestinationId, reason));

        // Undo the first attempt: no error, a fresh 200 with no headers, the body back at its start.
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }

        proxy.AvailableDestinations = [second];
        await next(context);
    }

    internal static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);

    // No connection was made, so no byte of the request left the proxy: the backend cannot have acted on it.
    internal static bool NeverSent(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
        || exception?.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    // A body can be sent twice only if we keep it: buffer sized bodies up to the bound, give up on the rest.
    private static bool PrepareBodyForReplay(HttpRequest request, long maxBodyBytes)
    {
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!canHaveBody || request.ContentLength == 0)
        {
            return true;
        }

        if (request.ContentLength is not { } length || length > maxBodyBytes)
        {
            return false;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: maxBodyBytes);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Failover: {Method} {Path} failed on {Failed} before any response ({Reason}); retrying once on {Second}")]
    private static partial void LogRetrying(ILogger logger, string method, string path, string failed, string reason, string second);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No failover: {Method} {Path} failed on {Failed} after it was sent ({Reason}); the method is not idempotent, so it is never sent twice")]
    private static partial void LogNotIdempotent(ILogger logger, string method, string path, string failed, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No failover: {Method} {Path} failed on {Failed} ({Reason}) and no other healthy destination is left")]
    private static partial void LogNoOtherDestination(ILogger logger, string method, string path, string failed, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No failover: {Method} {Path} failed on {Failed} ({Reason}) and its body was too large or unsized to replay")]
    private static partial void LogBodyNotReplayable(ILogger logger, string method, string path, string failed, string reason);
}
