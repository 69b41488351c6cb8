using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// One finished request as the live view shows it: what came in, what the
/// proxy decided at each stage, and the headers on both sides of it. Bodies
/// are never kept; header values on the redaction list are already
/// "&lt;redacted&gt;" here, so nothing secret is held in memory or sent.
/// </summary>
public sealed record RecordedRequest(
    long Id,
    DateTimeOffset Time,
    string Client,
    string Method,
    string Target,
    int Status,
    double DurationMs,
    bool Forwarded,
    string? Destination,
    IReadOnlyList<RequestStep> Steps,
    IReadOnlyList<HeaderRow> RequestHeaders,
    IReadOnlyList<HeaderField> ResponseHeaders);

/// <summary>One stage a request met and what it decided there ("cache", "hit").</summary>
public sealed record RequestStep(string Stage, string Verdict);

/// <summary>A header name and its value(s), joined with ", " as on the wire.</summary>
public sealed record HeaderField(string Name, string Value);

/// <summary>
/// One line of the "client sent | backend received" table. <see cref="Mark"/>
/// is same, changed, removed or added; null when the request was never
/// forwarded (the proxy answered it itself), so there is nothing to compare.
/// </summary>
public sealed record HeaderRow(string Name, string? Client, string? Backend, string? Mark);

/// <summary>The view's JSON, generated at compile time (no reflection, so it works under Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RecordedRequest))]
[JsonSerializable(typeof(IReadOnlyList<RecordedRequest>))]
[JsonSerializable(typeof(IReadOnlyList<DestinationShare>))]
public sealed partial class RequestViewJson : JsonSerializerContext;
