namespace Samples.OcelotGateway.Configuration;

/// <summary>
/// The whole of an ocelot.json file as this gateway understands it: Ocelot's
/// current key names, with deprecated ones already translated by the loader.
/// </summary>
public sealed record OcelotConfiguration(
    IReadOnlyList<OcelotRoute> Routes,
    IReadOnlyList<OcelotAggregate> Aggregates,
    OcelotGlobalConfiguration GlobalConfiguration)
{
    public static OcelotConfiguration Empty { get; } = new([], [], new OcelotGlobalConfiguration());
}
