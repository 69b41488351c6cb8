using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Policies;

/// <summary>The body of a QoS 503 (timeout or open circuit), or of a failed downstream call's 502 or 504, as application/problem+json.</summary>
public sealed record QosProblem(int Status, string Title)
{
    /// <summary>Writes the status and this body (the response must not have started).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new QosProblem(status, title), QosJson.Default.QosProblem, context.RequestAborted);
    }
}

/// <summary>Serialization code for <see cref="QosProblem"/>, generated at compile time (Native AOT has no reflection for it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(QosProblem))]
public sealed partial class QosJson : JsonSerializerContext;
