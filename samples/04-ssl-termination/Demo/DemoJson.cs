using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.SslTermination;

/// <summary>What a demo backend echoes: who it is, the URL it believes it serves, and who called.</summary>
public sealed record BackendEcho(string Backend, string Url, string? Client, string? ClientCertificate);

/// <summary>The demo backends' JSON, generated at compile time (a native build has no reflection for it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BackendEcho))]
public sealed partial class DemoJson : JsonSerializerContext;
