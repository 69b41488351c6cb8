using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Health;

/// <summary>The body of GET /healthz: up, which state store is in use, and how much configuration is loaded.</summary>
public sealed record GatewayHealth(string Status, string StateStore, int Routes, int Aggregates);

/// <summary>Serialization code for <see cref="GatewayHealth"/>, generated at compile time (Native AOT has no reflection for it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayHealth))]
public sealed partial class HealthJson : JsonSerializerContext;
