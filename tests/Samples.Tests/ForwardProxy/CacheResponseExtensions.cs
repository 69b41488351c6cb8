namespace Samples.Tests.ForwardProxy;

/// <summary>Requests through the cache and their answers, read whole, as the cache tests send them.</summary>
public static class CacheResponseExtensions
{
    /// <summary>Sends a GET through the proxy for <paramref name="target"/> (absolute) with extra request headers.</summary>
    public static Task<HttpResponseMessage> FetchAsync(this HttpClient client, Uri target, params (string Name, string Value)[] headers) =>
        client.FetchAsync(HttpMethod.Get, target, headers);

    /// <summary>Sends <paramref name="method"/> through the proxy and reads the whole answer.</summary>
    public static async Task<HttpResponseMessage> FetchAsync(this HttpClient client, HttpMethod method, Uri target, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, target);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    public static Task<string> BodyAsync(this HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync(Ct);
}
