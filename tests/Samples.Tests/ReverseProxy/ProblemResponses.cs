namespace Samples.Tests.ReverseProxy;

/// <summary>Reads an RFC 9457 problem-details answer the way a client of the proxy would.</summary>
public static class ProblemResponses
{
    /// <summary>Asserts the response is problem JSON for <paramref name="status"/> and returns its root element.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement.Clone();
        root.GetProperty("status").GetInt32().Should().Be((int)status);
        root.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        return root;
    }
}
