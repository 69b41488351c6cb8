using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Samples.ForwardProxy;

/// <summary>
/// The answer to a CONNECT the proxy refuses (403, 407, 502, ...), written by hand
/// onto the raw connection, since no HTTP pipeline runs for it.
/// </summary>
public static class TunnelResponse
{
    /// <summary>A body such as "414 URI Too Long: why".</summary>
    public static string Explain(int status, string problem) =>
        $"{status} {ReasonPhrases.GetReasonPhrase(status)}: {problem}\n";

    public static async Task WriteAsync(PipeWriter output, int status, string contentType, string body, (string Name, string Value)[] headers)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        // A refused CONNECT ends its connection: what the client sends next was meant for a tunnel.
        head.Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n")
            .Append("Connection: close\r\n\r\n");
        await output.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await output.WriteAsync(bodyBytes);
    }
}
