using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.ReverseProxy.Demo;

// What the demo services answer, as types: a native (AOT) build has no reflection to
// discover an anonymous object's properties, so the JSON for these is generated at compile time.
public sealed record CatalogItem(int Id, string Name, decimal Price);

public sealed record FeaturedItem(string Featured, int Render, DateTimeOffset RenderedAt);

public sealed record BytesReceived(long Received);

public sealed record OrderStatus(int Id, string Status);

public sealed record OrderCreated(int Id, long Received);

public sealed record WhatTheBackendSaw(string Service, string Path, string? Host, string? Client, Dictionary<string, string> ForwardingHeaders);

/// <summary>The demo services' JSON (camelCase, as ASP.NET Core writes by default).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CatalogItem[]))]
[JsonSerializable(typeof(FeaturedItem))]
[JsonSerializable(typeof(BytesReceived))]
[JsonSerializable(typeof(OrderStatus[]))]
[JsonSerializable(typeof(OrderCreated))]
[JsonSerializable(typeof(WhatTheBackendSaw))]
public sealed partial class DemoJson : JsonSerializerContext;
