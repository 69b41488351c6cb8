namespace Samples.OcelotGateway;

/// <summary>Where the Ocelot file in force came from, for whatever reloads it.</summary>
public sealed record OcelotFileSource(string Path, string EnvironmentName);
