using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Policies;

/// <summary>The body of a QoS 503 (timeout or open circuit), or of a failed downstream call's 502 or 504, as application/problem+json.</summary>
public sealed record QosProblem(int Status, string Title);

/// <summary>Serialization code for <see cref="QosProblem"/>, generated at compile time (Native AOT has no reflection for it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(QosProblem))]
public sealed partial class QosJson : JsonSerializerContext;
