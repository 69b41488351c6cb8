using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Samples.Scaffolding;

/// <summary>
/// The body of a sample's own <c>GET /healthz</c>: <c>{"status":"up"}</c>. Its JSON
/// code is generated at compile time, since a native (AOT) build has no reflection
/// to find the properties of an anonymous object.
/// </summary>
public sealed record HealthAnswer(string Status)
{
    /// <summary>"The proxy itself is up": what <c>GET /healthz</c> answers while the process serves.</summary>
    public static IResult Up() => Results.Json(new HealthAnswer("up"), ScaffoldingJson.Default.HealthAnswer);
}

/// <summary>The scaffolding's JSON, camelCase as ASP.NET Core writes by default.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthAnswer))]
public sealed partial class ScaffoldingJson : JsonSerializerContext;
