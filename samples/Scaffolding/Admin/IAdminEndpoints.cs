using Microsoft.AspNetCore.Routing;

namespace Samples.Scaffolding.Admin;

/// <summary>
/// Something the admin address serves (the live view, /metrics). Registered in
/// the sample's services; the admin server maps every one on its own app, and
/// <paramref name="sample"/> in <see cref="Map"/> gives the sample's services.
/// </summary>
public interface IAdminEndpoints
{
    void Map(IEndpointRouteBuilder admin, IServiceProvider sample);
}
