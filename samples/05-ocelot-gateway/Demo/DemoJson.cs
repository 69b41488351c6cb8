using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.OcelotGateway.Demo;

/// <summary>What a demo service answers: its name and the request as it arrived.</summary>
public sealed record BackendEcho(string Backend, string Method, string Path, string User, string RequestId);

/// <summary>What the slow endpoint answers, if anyone waits for it.</summary>
public sealed record SlowAnswer(string Backend, bool Slow);

/// <summary>Why /demo/token refused to sign.</summary>
public sealed record TokenRefusal(string Error);

/// <summary>
/// The demo's JSON (camelCase, as ASP.NET Core writes by default), generated at
/// compile time: a native (AOT) build has no reflection to read an anonymous
/// object's properties or fill a record from a request body.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BackendEcho))]
[JsonSerializable(typeof(SlowAnswer))]
[JsonSerializable(typeof(DemoTokenRequest))]
[JsonSerializable(typeof(DemoTokenRequest.TokenAnswer))]
[JsonSerializable(typeof(TokenRefusal))]
public sealed partial class DemoJson : JsonSerializerContext;
