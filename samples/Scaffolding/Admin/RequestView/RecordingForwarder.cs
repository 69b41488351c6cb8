using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// YARP's forwarder with one addition: for a request being recorded, the
/// outgoing request is read just before it leaves, after every transform (the
/// anonymity level, X-Forwarded-*, claims to headers) has had its say. That is
/// exactly what the backend receives, whichever HttpMessageInvoker a sample
/// forwards with: the clusters' own (02 to 05, 04's re-encrypting one too) or
/// the one 01 passes to IHttpForwarder itself.
/// </summary>
public sealed class RecordingForwarder(IHttpForwarder yarp, HeaderCapture headers) : IHttpForwarder
{
    public async ValueTask<ForwarderError> SendAsync(
        HttpContext context, string destinationPrefix, HttpMessageInvoker httpClient, ForwarderRequestConfig requestConfig, HttpTransformer transformer)
    {
        if (context.Features.Get<RequestRecord>() is not { } record)
        {
            return await yarp.SendAsync(context, destinationPrefix, httpClient, requestConfig, transformer);
        }

        using var recording = new HttpMessageInvoker(new RecordingHandler(httpClient, record, headers), disposeHandler: false);
        var error = await yarp.SendAsync(context, destinationPrefix, recording, requestConfig, transformer);
        record.ForwarderError = error;
        return error;
    }

    // Sits between YARP and the sample's invoker for one request; the invoker itself is shared and left alone.
    private sealed class RecordingHandler(HttpMessageInvoker inner, RequestRecord record, HeaderCapture headers) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            record.Attempts++;
            record.BackendUri = request.RequestUri;
            record.BackendHeaders = headers.Copy(request);
            record.BackendStatus = null;
            var response = await inner.SendAsync(request, cancellationToken);
            record.BackendStatus = (int)response.StatusCode;
            return response;
        }
    }
}
