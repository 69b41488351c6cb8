using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.OcelotGateway.Configuration.FileModel;

namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// Reads ocelot.json (and ocelot.{Environment}.json over it) into the typed
/// model, in three steps: System.Text.Json parses the text (comments and
/// trailing commas allowed) and the environment file is laid over it; the
/// source-generated serializer fills the file's model (<see cref="FileConfiguration"/>;
/// keys in any case, a wrong type stops it with the JSON path); the validator
/// checks what is left and builds the model the gateway runs. Ocelot binds its
/// file through ASP.NET Core configuration, which ignores keys it does not
/// know; a misspelt "UpstreamPathTemplte" then turns into a route that never
/// matches. Here the serializer keeps unknown keys aside, and the validator
/// reports each one by its JSON path.
/// </summary>
public static class OcelotConfigLoader
{
    public const string DefaultFileName = "ocelot.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Loads <paramref name="path"/> and, when it exists beside it,
    /// ocelot.{environmentName}.json laid over it. Never throws for a bad
    /// file: the problems come back in the result. A route may name only the
    /// <paramref name="authenticationSchemes"/> and <paramref name="rateLimiterPolicies"/> given.
    /// </summary>
    public static OcelotLoadResult Load(string path, string? environmentName, IReadOnlyCollection<string>? authenticationSchemes = null, IReadOnlyCollection<string>? rateLimiterPolicies = null)
    {
        var files = new List<string> { path };
        if (!File.Exists(path))
        {
            return new OcelotLoadResult(null, [], [new OcelotConfigError("$", $"file not found: {path}")], files);
        }

        string? overlay = null;
        if (!string.IsNullOrEmpty(environmentName))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var environmentPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $"{name}.{environmentName}.json");
            if (File.Exists(environmentPath))
            {
                files.Add(environmentPath);
                overlay = ReadAllText(environmentPath, out var overlayError);
                if (overlayError is not null)
                {
                    return new OcelotLoadResult(null, [], [overlayError], files);
                }
            }
        }

        var main = ReadAllText(path, out var error);
        return error is not null
            ? new OcelotLoadResult(null, [], [error], files)
            : Parse(main!, overlay, authenticationSchemes, rateLimiterPolicies) with { Files = files };
    }

    /// <summary>
    /// Parses the text of ocelot.json, with an optional environment file laid
    /// over it the way ASP.NET Core configuration layers JSON files (Ocelot's
    /// documented way to add ocelot.{Environment}.json): a later file's value
    /// wins key by key, and arrays merge by position.
    /// </summary>
    public static OcelotLoadResult Parse(string json, string? environmentJson = null, IReadOnlyCollection<string>? authenticationSchemes = null, IReadOnlyCollection<string>? rateLimiterPolicies = null)
    {
        var context = new OcelotLoadContext();
        var root = ParseObject(json, "the Ocelot file", context);
        if (root is not null && environmentJson is not null)
        {
            var overlay = ParseObject(environmentJson, "the environment file", context);
            if (overlay is not null)
            {
                OcelotJsonLayers.Merge(root, overlay);
            }
        }

        if (root is null)
        {
            return new OcelotLoadResult(null, context.Warnings, context.Errors, []);
        }

        FileConfiguration file;
        try
        {
            file = root.Deserialize(OcelotFileJsonContext.Default.FileConfiguration)!;
        }
        catch (JsonException ex)
        {
            // The serializer stops at the first value of the wrong type; that one mistake is the answer.
            context.Errors.Add(OcelotJsonErrors.From(ex, root));
            return new OcelotLoadResult(null, context.Warnings, context.Errors, []);
        }

        var configuration = new OcelotFileValidator(context, authenticationSchemes ?? ["Bearer"], rateLimiterPolicies ?? []).Validate(file);
        return context.Errors.Count == 0
            ? new OcelotLoadResult(configuration, context.Warnings, [], [])
            : new OcelotLoadResult(null, context.Warnings, context.Errors, []);
    }

    private static string? ReadAllText(string path, out OcelotConfigError? error)
    {
        try
        {
            error = null;
            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            error = new OcelotConfigError("$", $"cannot read {path}: {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            error = new OcelotConfigError("$", $"cannot read {path}: {ex.Message}");
            return null;
        }
    }

    private static JsonObject? ParseObject(string json, string source, OcelotLoadContext context)
    {
        try
        {
            if (JsonNode.Parse(json, documentOptions: DocumentOptions) is JsonObject obj)
            {
                return OcelotJsonLayers.HasDuplicateKeys(obj, "$", source, context) ? null : obj;
            }

            context.Error("$", $"{source} must hold one JSON object");
        }
        catch (JsonException ex)
        {
            context.Error(ex.Path ?? "$", $"{source} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        return null;
    }
}
