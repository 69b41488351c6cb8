namespace Samples.OcelotGateway.Configuration;

/// <summary>Collects the warnings and errors of one load, so that a file with several mistakes reports them all.</summary>
internal sealed class OcelotLoadContext
{
    public List<string> Warnings { get; } = [];

    public List<OcelotConfigError> Errors { get; } = [];

    public void Warn(string message) => Warnings.Add(message);

    public void Error(string path, string reason) => Errors.Add(new OcelotConfigError(path, reason));
}
